// firmnet evolution benchmark (docs/evolution.md; docs/benchmarks.md): the standard 1M-firm /
// 10M-link `scale` network (or smaller with --firms/--links) dated as a 10-year panel (each
// link's year drawn from its id, 2014-2023, so every yearly snapshot holds about a tenth of the
// links; a fifth of the firms founded inside the panel, 2% closed; each park an establishment
// year 2012-2025), then `run_evolution` over the parks: yearly snapshots as views over the one
// CSR, signatures, the swap null with R replicates per snapshot (default 99), stages, verdicts,
// anchors and the event study with its bootstrap; Leiden per snapshot only with --communities.
// Reports wall and CPU time of the generation and of the evolution, and the peak resident
// memory. Threads: OMP_NUM_THREADS.
// Usage: bench_evolution [--firms N] [--links M] [--replicates R] [--communities]
#include <omp.h>

#include <cstdio>
#include <string>

#include "algorithms/evolution/evolution.hpp"
#include "bench_args.hpp"
#include "bench_timing.hpp"
#include "datasets/generators/scale.hpp"
#include "graph/random.hpp"

int main(int argc, char** argv) {
  using namespace firmnet;
  generators::ScaleParameters p;
  int replicates = 99;
  bool communities = false;
  CLI::App app{"Evolution over yearly snapshots of a generated scale network"};
  app.add_option("--firms", p.firms, "Firms of the scale network")->capture_default_str();
  app.add_option("--links", p.links, "Links of the scale network")->capture_default_str();
  app.add_option("--replicates", replicates, "Null replicates")->capture_default_str();
  app.add_flag("--communities", communities, "Also track communities over the years");
  firmnet::bench::parse_or_exit(app, argc, argv);
  generators::GeneratedNetwork net;
  const double generate = bench::seconds_of([&] { net = generators::generate_scale(p); });
  const double generate_cpu = bench::last_cpu;
  Graph& g = net.graph;
  // Dates: a link's year from its id, firms' founding and closing from theirs (fixed streams).
  for (EdgeId e = 0; e < g.edge_count(); ++e) g.edges.year[e] = static_cast<std::int16_t>(2014 + derive_seed(7, e) % 10);
  const auto parks = spatial::units_from_column(g, g.nodes.park, "park");
  Int64Column established(g.node_count(), kMissingInt64);
  for (NodeId u = 0; u < g.node_count(); ++u) {
    const std::uint64_t draw = derive_seed(11, u) % 100;
    g.nodes.founded[u] = draw < 20 ? static_cast<std::int32_t>(2014 + draw % 10) : 1990;
    g.nodes.closed[u] = draw >= 98 ? static_cast<std::int32_t>(2016 + draw % 7) : 0;
    if (parks.unit_of[u] >= 0) established[u] = 2012 + parks.unit_of[u] % 14;
  }
  g.nodes.extra.push_back({"park_established", std::move(established)});
  std::printf("graph: scale generator, %u firms, %llu links, %zu parks; 10 yearly snapshots 2014-2023; threads %d; "
              "replicates %d per snapshot; communities %s\n",
              g.node_count(), static_cast<unsigned long long>(g.edge_count()), parks.count(), omp_get_max_threads(),
              replicates, communities ? "on" : "off");
  std::printf("generation: %.1f s wall, %.1f s CPU; resident %.0f MiB\n", generate, generate_cpu,
              bench::resident_kib() / 1024.0);

  evolution::EvolutionRequest request;
  request.null.replicates = replicates;
  request.communities = communities;
  evolution::EvolutionOutcome outcome;
  const long base = bench::resident_kib();
  const double wall = bench::seconds_of([&] { outcome = evolution::run_evolution(GraphView(g), request); });
  const double cpu = bench::last_cpu;
  std::printf("evolution: %.1f s wall, %.1f s CPU; %zu snapshots, %zu unit-years, %zu anchor events, %zu event-study rows\n",
              wall, cpu, outcome.plan.snapshots.size(), outcome.unit_years.size(), outcome.anchors.events.size(),
              outcome.event_study.rows.size());
  std::printf("peak resident memory of the process: %.0f MiB (%.0f MiB resident before the run, the dated graph)\n",
              bench::peak_kib_above(0) / 1024.0, base / 1024.0);
  return 0;
}

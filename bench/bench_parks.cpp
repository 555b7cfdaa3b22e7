// Park-test null model benchmark (docs/METHODS.md; docs/benchmarks.md). Generates the standard
// 1M-firm / 10M-link `scale` network (or smaller with --firms/--links), then times R
// degree-preserving null replicates over its parks with the thread count of OMP_NUM_THREADS,
// and reports wall time, CPU time, swap acceptance and peak memory. igraph has no stratified
// swap null for unit counts; its nearest tool, igraph_rewire (undirected-degree-preserving
// swaps on a graph copy, after which the counts would need a full pass), is timed for one
// replicate of m swaps on the same graph as the same-run reference.
// Usage: bench_parks [--firms N] [--links M] [--replicates R]
#include <igraph/igraph.h>
#include <omp.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "algorithms/igraph_adapter.hpp"
#include "algorithms/spatial/linkage_null.hpp"
#include "algorithms/spatial/spatial_units.hpp"
#include "datasets/generators/scale.hpp"
#include "bench_timing.hpp"
#include "bench_args.hpp"

namespace {

using firmnet::bench::cpu_seconds;
double peak_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024.0;
}
}  // namespace

int main(int argc, char** argv) {
  using namespace firmnet;
  generators::ScaleParameters p;
  int replicates = 200;
  CLI::App app{"Park-test null replicates against igraph_rewire on a generated scale network"};
  app.add_option("--firms", p.firms, "Firms")->capture_default_str();
  app.add_option("--links", p.links, "Links")->capture_default_str();
  app.add_option("--replicates", replicates, "Null replicates")->capture_default_str();
  firmnet::bench::parse_or_exit(app, argc, argv);
  const auto net = generators::generate_scale(p);
  const Graph& g = net.graph;
  const auto units = spatial::units_from_column(g, g.nodes.park, "park");
  std::printf("graph: scale generator, %u firms, %llu links, %zu parks; threads %d; replicates %d\n", g.node_count(),
              static_cast<unsigned long long>(g.edge_count()), units.count(), omp_get_max_threads(), replicates);

  spatial::NullOptions options;
  options.replicates = replicates;
  const double cpu0 = cpu_seconds();
  const auto t0 = std::chrono::steady_clock::now();
  const auto null = spatial::sample_null(GraphView(g), units.unit_of, units.count(), options);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double cpu = cpu_seconds() - cpu0;
  const double swaps = null.attempts;
  std::printf("firmnet null replicates: %.1f s wall, %.1f s CPU, %.0f swap attempts (%.1f M/s wall), acceptance %.3f, chains %d\n",
              wall, cpu, swaps, swaps / wall / 1e6, null.acceptance, null.chains);

  IgraphGraph ig = IgraphGraph::from_view(GraphView(g), true);
  igraph_rng_seed(igraph_rng_default(), 1);
  const auto t1 = std::chrono::steady_clock::now();
  igraph_rewire(ig.get(), static_cast<igraph_integer_t>(g.edge_count()), IGRAPH_REWIRING_SIMPLE);
  const double ig_wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
  std::printf("igraph_rewire, m swaps (one replicate's worth, no counting): %.1f s wall (%.2f M swaps/s)\n", ig_wall,
              g.edge_count() / ig_wall / 1e6);
  std::printf("per-replicate cost: firmnet %.3f s (amortised, incl. burn-in), igraph %.3f s; ratio %.1fx\n",
              wall / replicates, ig_wall, ig_wall / (wall / replicates));
  std::printf("peak memory: %.0f MiB (graph, generator output, igraph copy and chains)\n", peak_mib());
  return 0;
}

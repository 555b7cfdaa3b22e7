// Systemic-risk benchmark (docs/risk.md; docs/benchmarks.md). Generates a `scale` network
// (default 100,000 firms and 1,250,000 links, of which about 1,000,000 are supply links) and
// times the ESRI of every firm (--top 0) or of the top k by screening (--top K) on its supply
// layer, with the thread count of OMP_NUM_THREADS, under one essentiality table: by default
// inputs from the customer's own industry are essential and all others not (--linear: none
// essential; --all-essential: every input, the extreme under which a random network's
// sole-supplier groups percolate and every cascade reaches the whole network). Reports wall
// and CPU time, cascades run, mean cascade size, the largest ESRI, and peak memory beside the
// graph's own arrays.
// Usage: bench_risk [--firms N] [--links M] [--top K] [--tolerance T] [--linear | --all-essential]
#include <omp.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "algorithms/risk/esri.hpp"
#include "bench_args.hpp"
#include "bench_timing.hpp"
#include "datasets/generators/scale.hpp"
#include "graph/industry_code.hpp"

namespace {

double peak_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

template <typename T>
double mib_of(const std::vector<T>& v) {
  return static_cast<double>(v.capacity() * sizeof(T)) / (1024.0 * 1024.0);
}

// The graph's topology and edge columns (what load_network holds besides node attributes).
double graph_mib(const firmnet::Graph& g) {
  return mib_of(g.out_offsets) + mib_of(g.out_target) + mib_of(g.in_offsets) + mib_of(g.in_source) +
         mib_of(g.in_edge) + mib_of(g.edges.type) + mib_of(g.edges.weight) + mib_of(g.edges.year);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace firmnet;
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  generators::ScaleParameters p;
  p.firms = 100'000;
  p.links = 1'250'000;
  risk::RiskRequest request;
  request.essentiality_source = "bench";
  std::string inputs = "own industry essential";
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--firms") p.firms = std::stoull(bench::option_value(argc, argv, i));
    else if (flag == "--links") p.links = std::stoull(bench::option_value(argc, argv, i));
    else if (flag == "--top") request.top = std::stoull(bench::option_value(argc, argv, i));
    else if (flag == "--tolerance") request.cascade.tolerance = std::stod(bench::option_value(argc, argv, i));
    else if (flag == "--linear") inputs = "none essential";
    else if (flag == "--all-essential") inputs = "all essential";
    else {
      std::fprintf(stderr, "unknown option %s\n", argv[i]);
      return 2;
    }
  }
  const auto t_generate = std::chrono::steady_clock::now();
  const auto net = generators::generate_scale(p);
  const Graph& g = net.graph;
  const GraphView view(g, EdgeFilter::of_types({RelationType::supply}));
  std::uint64_t supply_links = 0;
  for (NodeId u = 0; u < g.node_count(); ++u) view.for_out_edges(u, [&](NodeId, EdgeId, double) { ++supply_links; });
  if (inputs == "own industry essential")
    for (const std::string& code : g.nodes.industry.dictionary)
      request.table.rules.push_back({normalised_industry(code), normalised_industry(code), 1.0});
  else
    request.table.rules.push_back({"", "", inputs == "all essential" ? 1.0 : 0.0});
  const double generate_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_generate).count();
  const double before_mib = peak_mib();
  std::printf("graph: scale generator, %u firms, %llu links (%llu supply) in %.1f s; graph arrays %.0f MiB, peak so far %.0f MiB\n",
              g.node_count(), static_cast<unsigned long long>(g.edge_count()),
              static_cast<unsigned long long>(supply_links), generate_s, graph_mib(g), before_mib);
  std::printf("threads %d; inputs %s; tolerance %g; %s\n", omp_get_max_threads(), inputs.c_str(),
              request.cascade.tolerance,
              request.top ? ("top " + std::to_string(request.top) + " by screening").c_str() : "every firm");

  const double cpu0 = bench::cpu_seconds();
  const auto t0 = std::chrono::steady_clock::now();
  const risk::RiskOutcome outcome = risk::run_risk(view, request);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double cpu = bench::cpu_seconds() - cpu0;
  double size_sum = 0;
  std::uint64_t sized = 0;
  for (NodeId i = 0; i < g.node_count(); ++i)
    if (outcome.exact[i] && outcome.cascade_size[i] > 0) {
      size_sum += outcome.cascade_size[i];
      ++sized;
    }
  const NodeId riskiest = outcome.top.empty() ? 0 : outcome.top.front();
  std::printf("ESRI: %.1f s wall, %.1f s CPU; %llu cascades to the end, %llu screened; mean cascade %.1f firms; "
              "%llu frontier pops\n",
              wall, cpu, static_cast<unsigned long long>(outcome.full_cascades),
              static_cast<unsigned long long>(outcome.screened_cascades), sized ? size_sum / sized : 0.0,
              static_cast<unsigned long long>(outcome.frontier_pops));
  std::printf("riskiest: node %u, ESRI %.4f, output share %.6f\n", riskiest, outcome.esri[riskiest],
              outcome.output_share[riskiest]);
  std::printf("peak memory %.0f MiB (graph arrays %.0f MiB; %.2fx)\n", peak_mib(), graph_mib(g), peak_mib() / graph_mib(g));
  return 0;
}

// Throughput of the generators. Usage: bench_generators [firms] [links]  (default 1M / 10M).
// Reports wall time and links per second of `scale` (target >= 2M links/s), the same-size
// igraph_static_power_law_game for reference (a Chung-Lu style generator without attributes,
// regions or communities), the LFR and scenario generators at moderate sizes, and the gravity
// generator at 10k and 100k firms.
#include <igraph/igraph.h>
#include <omp.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "datasets/generators/gravity.hpp"
#include "datasets/generators/lfr.hpp"
#include "datasets/generators/scale.hpp"
#include "datasets/generators/scenario.hpp"
#include "bench_args.hpp"

using namespace firmnet::generators;

namespace {

template <typename F>
double seconds_of(F&& f) {
  const auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  ScaleParameters scale;
  CLI::App app{"Throughput of the generators, with igraph's static power-law game for reference"};
  app.add_option("firms", scale.firms, "Firms of the scale network")->capture_default_str();
  app.add_option("links", scale.links, "Links of the scale network")->capture_default_str();
  firmnet::bench::parse_or_exit(app, argc, argv);
  std::printf("threads: %d\n", omp_get_max_threads());

  std::uint64_t edges = 0;
  const double scale_s = seconds_of([&] { edges = generate_scale(scale).graph.edge_count(); });
  std::printf("scale %llu firms / %llu links: %.2f s, %.2f M links/s (graph with all attributes, both CSRs)\n",
              static_cast<unsigned long long>(scale.firms), static_cast<unsigned long long>(edges), scale_s,
              edges / scale_s / 1e6);

  igraph_t graph;
  const double igraph_s = seconds_of([&] {
    igraph_static_power_law_game(&graph, static_cast<igraph_integer_t>(scale.firms),
                                 static_cast<igraph_integer_t>(scale.links), 2.3, 3.0, false, false, true);
  });
  std::printf("igraph_static_power_law_game same size: %.2f s, %.2f M links/s (topology only, 1 thread)\n",
              igraph_s, igraph_ecount(&graph) / igraph_s / 1e6);
  igraph_destroy(&graph);

  LfrParameters lfr;
  lfr.nodes = 100000;
  lfr.average_degree = 20;
  lfr.max_degree = 100;
  lfr.max_community = 1000;
  std::uint64_t lfr_edges = 0;
  const double lfr_s = seconds_of([&] { lfr_edges = generate_lfr_graph(lfr).edges.size(); });
  std::printf("lfr 100000 nodes, k=20, kmax=100: %.2f s, %.2f M links/s\n", lfr_s, lfr_edges / lfr_s / 1e6);

  ScenarioParameters scenario;
  scenario.firms_per_park = 1000;
  scenario.town_firms = 5000;
  std::uint64_t scenario_edges = 0;
  const double scenario_s = seconds_of([&] { scenario_edges = generate_scenario(scenario).graph.edge_count(); });
  std::printf("scenario 1000 firms per park: %.2f s, %llu links\n", scenario_s,
              static_cast<unsigned long long>(scenario_edges));

  // gravity: towns, parks and town firms scaled together (about 10 and 100 firms per 1,000).
  for (const int thousands : {10, 100}) {
    GravityParameters gravity;
    const bool large = thousands == 100;
    gravity.towns = large ? 40 : 12;
    gravity.linked_clusters = large ? 12 : 4;
    gravity.spanning_clusters = large ? 6 : 2;
    gravity.colocation_parks = large ? 20 : 6;
    gravity.export_parks = gravity.small_parks = large ? 6 : 2;
    gravity.firms_per_park = large ? 500 : 200;
    gravity.town_firms = large ? 72000 : 6400;
    std::uint64_t gravity_nodes = 0, gravity_edges = 0;
    const double gravity_s = seconds_of([&] {
      const GeneratedNetwork net = generate_gravity(gravity);
      gravity_nodes = net.graph.node_count();
      gravity_edges = net.graph.edge_count();
    });
    std::printf("gravity %llu nodes, %llu links (lambda %.0f km): %.2f s\n",
                static_cast<unsigned long long>(gravity_nodes), static_cast<unsigned long long>(gravity_edges),
                gravity.decay_km, gravity_s);
  }
  return 0;
}

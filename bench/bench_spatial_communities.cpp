// Benchmark: firmnet Leiden with the spatial modularity (Expert, Evans, Blondel & Lambiotte,
// PNAS 108:7663, 2011) against Leiden with modularity, on one stored network with coordinates
// (e.g. from `firmnet generate scale`), as `firmnet communities` runs them: the undirected
// weight-summed projection of all links.
//
// The deterrence fit runs once and is timed on its own; the two Leiden variants then run in
// interleaved rounds (each round its own seed) and their median times are reported, with the
// median of same-round time ratios, so that slow spells of a shared machine do not fall on one
// variant only. The spatial time includes building the sites and the bin table inside
// leiden(). Also printed: sites and cell side, bins, quality, community counts, and NMI of each
// partition to the generator's regions (node column region) and to the other partition.
//
// Usage: bench_spatial_communities --network FILE.h5 [--runs R] [--threads T] [--max-sites S]
//                                  [--bins B]
#include <omp.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "algorithms/community/deterrence_function.hpp"
#include "algorithms/community/leiden.hpp"
#include "algorithms/community/modularity.hpp"
#include "algorithms/community/partition_comparison.hpp"
#include "io/network_store.hpp"
#include "bench_timing.hpp"
#include "bench_args.hpp"

using namespace firmnet;
using namespace firmnet::community;

namespace {

using firmnet::bench::median;

}  // namespace

int main(int argc, char** argv) {
  std::string network;
  int runs = 3, threads = 2;
  DeterrenceOptions fit_options;
  CLI::App app{"Leiden with the spatial modularity against plain modularity on a stored network"};
  app.add_option("--network", network, "Stored network (.h5) with coordinates")->required();
  app.add_option("--runs", runs, "Rounds")->capture_default_str()->check(CLI::PositiveNumber);
  app.add_option("--threads", threads, "Threads")->capture_default_str()->check(CLI::PositiveNumber);
  app.add_option("--max-sites", fit_options.max_sites, "Deterrence fit: exact sites up to this many")->capture_default_str();
  app.add_option("--bins", fit_options.bins, "Deterrence fit: distance bins (0: Sturges' rule)")->capture_default_str();
  firmnet::bench::parse_or_exit(app, argc, argv);
  omp_set_num_threads(threads);
  const Graph graph = load_network(network);
  const WeightedCsr csr = undirected_projection(GraphView(graph));
  const Coordinates where{graph.nodes.lat, graph.nodes.lon};
  Membership region(graph.node_count());
  for (NodeId u = 0; u < graph.node_count(); ++u) region[u] = graph.nodes.region.codes[u];

  const double fit_start = omp_get_wtime();
  const DeterrenceFunction f = fit_deterrence(csr, where, fit_options);
  const double fit_seconds = omp_get_wtime() - fit_start;
  std::printf("network %s: %u nodes, %llu projected entries, %d threads\n", network.c_str(), csr.node_count(),
              static_cast<unsigned long long>(csr.entry_count()), threads);
  std::printf("deterrence fit: %.3f s, %zu sites (%s), %zu bins, max site offset %.3f km\n", fit_seconds, f.sites,
              f.cell_km > 0 ? ("grid " + std::to_string(f.cell_km) + " km").c_str() : "exact", f.bin_count(),
              f.max_site_offset_km);

  std::vector<double> plain_seconds, spatial_seconds, ratios;
  LeidenResult plain, spatial;
  for (int round = 0; round < runs; ++round) {
    LeidenOptions options;
    options.seed = 1 + static_cast<std::uint64_t>(round);
    double start = omp_get_wtime();
    plain = leiden(csr, options);
    plain_seconds.push_back(omp_get_wtime() - start);
    options.objective = Objective::spatial_modularity;
    options.coordinates = where;
    options.deterrence = &f;
    start = omp_get_wtime();
    spatial = leiden(csr, options);
    spatial_seconds.push_back(omp_get_wtime() - start);
    ratios.push_back(spatial_seconds.back() / plain_seconds.back());
  }
  std::printf("leiden modularity: median %.3f s, Q %.4f, %lld communities, NMI to regions %.3f\n",
              median(plain_seconds), plain.quality, static_cast<long long>(plain.community_count),
              normalized_mutual_information(plain.membership, region));
  std::printf(
      "leiden spatial:    median %.3f s, Q_spa %.4f, %lld communities, NMI to regions %.3f, levels %d, "
      "iterations %d\n",
      median(spatial_seconds), spatial.quality, static_cast<long long>(spatial.community_count),
      normalized_mutual_information(spatial.membership, region), spatial.levels, spatial.iterations);
  std::printf(
      "spatial / modularity time: median ratio %.1f; NMI between the partitions %.3f; modularity of the "
      "spatial partition %.4f\n",
      median(ratios), normalized_mutual_information(plain.membership, spatial.membership),
      modularity(csr, spatial.membership));
  return 0;
}

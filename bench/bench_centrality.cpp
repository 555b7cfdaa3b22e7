// Centrality benchmark against igraph on the same graphs in the same process: PageRank at
// the same tolerance (PRPACK), exact betweenness (2 threads vs igraph's single thread),
// sampled betweenness, and coreness. Graphs: a heavy-tailed random directed graph (Chung-Lu
// style: source and target drawn with probability ~ (rank + 1)^-0.7, duplicates and self-loops
// removed), generated here so the benchmark stands alone.
//
// Usage: bench_centrality [--large N M] [--betweenness N M] [--samples K] [--repeats R]
//                         [--skip-igraph-betweenness]
//        bench_centrality --coreness-of NETWORK.h5 [--repeats R] [--networkit DRIVER]
//   (coreness only, on the undirected projection of a stored network, e.g. bench-data's
//   scale-1m-10m.h5 from bench/make-data.sh; with DRIVER, NetworKit's CoreDecomposition joins the
//   rounds, bench/networkit_peer.hpp, and is skipped with a note when absent)
// Defaults: large 1,000,000 nodes / 10,000,000 edges; betweenness 50,000 / 500,000; K = 500;
// R = 3 (medians reported). Peak memory (getrusage max RSS) is printed after each phase.
#include <omp.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "algorithms/centrality/betweenness.hpp"
#include "algorithms/centrality/coreness.hpp"
#include "algorithms/centrality/pagerank.hpp"
#include "algorithms/igraph_adapter.hpp"
#include "io/network_store.hpp"
#include "bench_timing.hpp"
#include "networkit_peer.hpp"
#include "bench_args.hpp"

using namespace firmnet;
using namespace firmnet::centrality;

namespace {

using bench::last_cpu;
using bench::seconds_of;
using bench::networkit_available;
using bench::read_values;
using bench::run_networkit;
using bench::write_edge_pairs;

// Median wall time; last_cpu becomes the median CPU time.
double median_seconds(int repeats, const std::function<void()>& work) {
  std::vector<double> times, cpu;
  for (int r = 0; r < repeats; ++r) {
    times.push_back(seconds_of(work));
    cpu.push_back(last_cpu);
  }
  std::sort(times.begin(), times.end());
  std::sort(cpu.begin(), cpu.end());
  last_cpu = cpu[cpu.size() / 2];
  return times[times.size() / 2];
}

double peak_memory_gb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / (1024.0 * 1024.0);  // ru_maxrss is in KiB
}

// Heavy-tailed random directed graph as a CSR with sorted, distinct rows and no self-loops.
WeightedCsr heavy_tailed_graph(NodeId n, std::uint64_t m, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<double> cumulative(n);
  double total = 0.0;
  for (NodeId i = 0; i < n; ++i) cumulative[i] = total += std::pow(i + 1.0, -0.7);
  std::vector<NodeId> source_label(n), target_label(n);
  for (NodeId i = 0; i < n; ++i) source_label[i] = target_label[i] = i;
  std::shuffle(source_label.begin(), source_label.end(), rng);
  std::shuffle(target_label.begin(), target_label.end(), rng);
  std::uniform_real_distribution<double> unit(0.0, total);
  auto draw = [&](const std::vector<NodeId>& label) {
    return label[std::lower_bound(cumulative.begin(), cumulative.end(), unit(rng)) - cumulative.begin()];
  };
  std::vector<std::uint64_t> edges;
  edges.reserve(m + m / 8);
  while (edges.size() < m) {
    const std::size_t missing = m - edges.size();
    for (std::size_t k = 0; k < missing + missing / 16 + 16; ++k) {
      const NodeId u = draw(source_label), v = draw(target_label);
      if (u != v) edges.push_back(std::uint64_t{u} << 32 | v);
    }
    std::sort(edges.begin(), edges.end());
    edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  }
  edges.resize(m);  // sorted, so this keeps a prefix of the rows intact
  WeightedCsr csr;
  csr.offsets.assign(std::size_t{n} + 1, 0);
  csr.targets.reserve(m);
  for (std::uint64_t e : edges) {
    ++csr.offsets[(e >> 32) + 1];
    csr.targets.push_back(static_cast<NodeId>(e & 0xffffffffu));
  }
  for (NodeId u = 0; u < n; ++u) csr.offsets[u + 1] += csr.offsets[u];
  csr.weights.assign(m, 1.0);
  return csr;
}

// Symmetric CSR (each pair once per direction) of a directed CSR.
WeightedCsr symmetrise(const Adjacency& directed) {
  const NodeId n = directed.node_count();
  WeightedCsr sym;
  sym.offsets.assign(std::size_t{n} + 1, 0);
  for (NodeId v = 0; v < n; ++v) {
    const auto& out = directed.out();
    const auto& in = directed.in();
    std::size_t before = sym.targets.size();
    sym.targets.insert(sym.targets.end(), out.targets.begin() + out.offsets[v], out.targets.begin() + out.offsets[v + 1]);
    sym.targets.insert(sym.targets.end(), in.targets.begin() + in.offsets[v], in.targets.begin() + in.offsets[v + 1]);
    std::sort(sym.targets.begin() + before, sym.targets.end());
    sym.targets.erase(std::unique(sym.targets.begin() + before, sym.targets.end()), sym.targets.end());
    sym.offsets[v + 1] = sym.targets.size();
  }
  sym.weights.assign(sym.targets.size(), 1.0);
  return sym;
}

double max_relative_difference(const std::vector<double>& a, const std::vector<double>& b) {
  double worst = 0.0, largest = 0.0;
  for (double x : b) largest = std::max(largest, std::abs(x));
  for (std::size_t i = 0; i < a.size(); ++i)
    worst = std::max(worst, std::abs(a[i] - b[i]) / std::max({std::abs(a[i]), std::abs(b[i]), 1e-6 * largest}));
  return worst;
}

// Coreness on the undirected adjacency: coreness() (PKC at this size), the serial
// Batagelj-Zaversnik peeling, igraph and, given a driver, NetworKit's CoreDecomposition (its own
// timing of run(), without loading), interleaved round by round (A B C D A B C D ...); the
// speed-ups are medians of the same-round ratios.
void coreness_rounds(const Adjacency& undirected, int repeats, const std::string& networkit_driver,
                     const std::string& scratch) {
  IgraphGraph ig = IgraphGraph::from_csr(undirected.out(), false);
  igraph_vector_int_t result;
  igraph_vector_int_init(&result, 0);
  std::vector<double> ours, serial, theirs, vs_serial, vs_igraph, ours_cpu, networkit, networkit_cpu, vs_networkit;
  std::vector<std::int64_t> cores, serial_cores;
  std::vector<double> networkit_cores;
  const bool with_networkit = networkit_available(networkit_driver);
  const std::string edges_path = scratch + ".networkit-edges.bin", cores_path = scratch + ".networkit-cores.txt";
  if (with_networkit) write_edge_pairs(undirected, edges_path);
  for (int r = 0; r < repeats; ++r) {
    ours.push_back(seconds_of([&] { cores = coreness(undirected, DegreeMode::total); }));
    ours_cpu.push_back(last_cpu);
    serial.push_back(seconds_of([&] { serial_cores = batagelj_zaversnik_coreness(undirected, DegreeMode::total); }));
    theirs.push_back(seconds_of([&] { check_igraph(igraph_coreness(ig.get(), &result, IGRAPH_ALL), "coreness"); }));
    vs_serial.push_back(serial.back() / ours.back());
    vs_igraph.push_back(theirs.back() / ours.back());
    if (!with_networkit) continue;
    const auto values = run_networkit(networkit_driver, "'" + edges_path + "' core '" + cores_path + "'",
                                      omp_get_max_threads());
    if (!values.count("core_seconds")) continue;
    networkit.push_back(values.at("core_seconds"));
    networkit_cpu.push_back(values.count("core_cpu") ? values.at("core_cpu") : std::nan(""));
    vs_networkit.push_back(networkit.back() / ours.back());
    std::printf("round %d: firmnet %.3f s wall / %.3f s CPU, NetworKit %.3f s wall / %.3f s CPU, NetworKit / firmnet %.2f\n",
                r + 1, ours.back(), ours_cpu.back(), networkit.back(), networkit_cpu.back(), vs_networkit.back());
    networkit_cores = read_values(cores_path);
  }
  const bool same = to_std_vector(result) == cores && serial_cores == cores;
  igraph_vector_int_destroy(&result);
  std::printf("coreness (k_max %lld, %d rounds): firmnet %.3f s wall / %.3f s CPU, serial Batagelj-Zaversnik %.3f s, "
              "igraph %.3f s; same-round speed-up %.2fx vs serial, %.2fx vs igraph; identical %s\n",
              static_cast<long long>(*std::max_element(cores.begin(), cores.end())), repeats,
              bench::median(ours), bench::median(ours_cpu), bench::median(serial), bench::median(theirs),
              bench::median(vs_serial), bench::median(vs_igraph), same ? "yes" : "NO");
  if (!networkit.empty()) {
    const bool networkit_same = networkit_cores == std::vector<double>(cores.begin(), cores.end());
    std::printf("NetworKit CoreDecomposition: %.3f s wall / %.3f s CPU; same-round NetworKit / firmnet %.2fx; "
                "identical %s\n",
                bench::median(networkit), bench::median(networkit_cpu), bench::median(vs_networkit),
                networkit_same ? "yes" : "NO");
  }
  if (with_networkit) {
    std::remove(edges_path.c_str());
    std::remove(cores_path.c_str());
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // lines appear as phases finish, also in a file
  NodeId large_n = 1000000, bc_n = 50000;
  std::uint64_t large_m = 10000000, bc_m = 500000, samples = 500;
  int repeats = 3;
  bool skip_igraph_betweenness = false;
  std::string coreness_network, networkit_driver;
  std::vector<std::uint64_t> large_size, betweenness_size;
  CLI::App app{"Centrality kernels against igraph (and NetworKit's coreness) on generated graphs"};
  app.add_option("--large", large_size, "Nodes and edges of the large graph (default 1000000 10000000)")->expected(2);
  app.add_option("--betweenness", betweenness_size, "Nodes and edges of the betweenness graph (default 50000 500000)")
      ->expected(2);
  app.add_option("--samples", samples, "Betweenness samples")->capture_default_str();
  app.add_option("--repeats", repeats, "Repeats per kernel")->capture_default_str();
  app.add_option("--coreness-of", coreness_network, "Only coreness, on this stored network");
  app.add_option("--networkit", networkit_driver, "NetworKit driver binary (coreness peer)");
  app.add_flag("--skip-igraph-betweenness", skip_igraph_betweenness, "Skip igraph's exact betweenness");
  firmnet::bench::parse_or_exit(app, argc, argv);
  if (!large_size.empty()) {
    large_n = static_cast<NodeId>(large_size[0]);
    large_m = large_size[1];
  }
  if (!betweenness_size.empty()) {
    bc_n = static_cast<NodeId>(betweenness_size[0]);
    bc_m = betweenness_size[1];
  }
  const bool run_igraph_betweenness = !skip_igraph_betweenness;
  std::printf("threads %d (firmnet); igraph is single-threaded\n", omp_get_max_threads());
  if (!coreness_network.empty()) {
    const Graph network = load_network(coreness_network);
    const Adjacency undirected = Adjacency::undirected(GraphView(network));
    std::printf("%s: %u nodes, %llu undirected adjacency entries\n", coreness_network.c_str(),
                undirected.node_count(), static_cast<unsigned long long>(undirected.entry_count()));
    coreness_rounds(undirected, repeats, networkit_driver, coreness_network);
    return 0;
  }

  // PageRank, sampled betweenness and coreness on the large graph.
  {
    const Adjacency g = Adjacency::from_csr(heavy_tailed_graph(large_n, large_m, 1), true);
    std::printf("large graph: %u nodes, %llu edges; peak RSS %.2f GB\n", g.node_count(),
                static_cast<unsigned long long>(g.entry_count()), peak_memory_gb());
    PageRankOptions options;
    options.tolerance = 1e-10;  // PRPACK's fixed tolerance
    options.weighted = false;
    PageRankResult ours;
    const double t_ours = median_seconds(repeats, [&] { ours = pagerank(g, options); });
    const double c_ours = last_cpu;
    std::vector<double> reference;
    double c_igraph = 0.0;
    double t_igraph = 0.0;
    {
      IgraphGraph ig = IgraphGraph::from_csr(g.out(), true);
      igraph_vector_t result;
      igraph_vector_init(&result, 0);
      t_igraph = median_seconds(repeats, [&] {
        check_igraph(igraph_pagerank(ig.get(), IGRAPH_PAGERANK_ALGO_PRPACK, &result, nullptr, igraph_vss_all(), true,
                                     0.85, nullptr, nullptr),
                     "pagerank");
      });
      c_igraph = last_cpu;
      reference = to_std_vector(result);
      igraph_vector_destroy(&result);
      std::printf("  (igraph graph built; peak RSS %.2f GB)\n", peak_memory_gb());
    }
    std::printf("pagerank: firmnet %.3f s wall / %.3f s CPU (%d iterations), igraph PRPACK %.3f s wall / %.3f s CPU, "
                "speed-up %.2fx wall, max rel diff %.2e\n",
                t_ours, c_ours, ours.iterations, t_igraph, c_igraph, t_igraph / t_ours,
                max_relative_difference(ours.scores, reference));

    BetweennessOptions sampled;
    sampled.samples = samples;
    BetweennessResult estimate;
    const double t_sampled = seconds_of([&] { estimate = betweenness(g, sampled); });
    std::printf("sampled betweenness (%llu pivots): firmnet %.3f s wall / %.3f s CPU, Hoeffding bound %.3g\n",
                static_cast<unsigned long long>(samples), t_sampled, last_cpu, estimate.error_bound);

    coreness_rounds(Adjacency::from_csr(symmetrise(g), false), repeats, networkit_driver, "bench_centrality");
    std::printf("peak RSS after large-graph phase %.2f GB\n", peak_memory_gb());
  }

  // Exact betweenness.
  {
    const Adjacency g = Adjacency::from_csr(heavy_tailed_graph(bc_n, bc_m, 2), true);
    std::vector<double> ours;
    const double t_ours = seconds_of([&] { ours = betweenness(g, {}).scores; });
    std::printf("exact betweenness (%u nodes, %llu edges): firmnet %.3f s wall / %.3f s CPU", bc_n,
                static_cast<unsigned long long>(bc_m), t_ours, last_cpu);
    if (run_igraph_betweenness) {
      IgraphGraph ig = IgraphGraph::from_csr(g.out(), true);
      igraph_vector_t result;
      igraph_vector_init(&result, 0);
      const double t_igraph = seconds_of(
          [&] { check_igraph(igraph_betweenness(ig.get(), &result, igraph_vss_all(), true, nullptr), "betweenness"); });
      std::printf(", igraph %.3f s wall / %.3f s CPU, speed-up %.2fx wall, max rel diff %.2e", t_igraph, last_cpu,
                  t_igraph / t_ours,
                  max_relative_difference(ours, to_std_vector(result)));
      igraph_vector_destroy(&result);
    }
    std::printf("\npeak RSS at end %.2f GB\n", peak_memory_gb());
  }
  return 0;
}

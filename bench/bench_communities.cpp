// Benchmark: firmnet Leiden (and Louvain) against igraph_community_leiden (modularity
// objective: node weights = strengths, resolution 1/2m, iterated to convergence) and
// igraph_community_multilevel, in the same run on the same graph.
//
// The graph is LFR-like with planted communities (power-law degrees, exponent 2.5, and
// community sizes, exponent 1.5; mixing mu), generated here so that NMI to the truth can be
// reported. Each method runs `--runs` times in a forked child, so that its peak memory
// (getrusage ru_maxrss minus the resident size at fork) is its own; the median time is
// reported. The methods run in interleaved rounds (every method once per round, each round with
// its own seed), and the speed-up is the median of same-round time ratios, so that the
// machine's slow spells do not fall on one method only. The modularity column is the median
// over the runs (seeds give different partitions); CPU time, NMI and communities are those of
// the median-time run. Times cover the algorithm only: the CSR or igraph_t is built before
// timing.
//
// With --network, the graph is instead a stored network (the standard scale-100k-1m.h5 and
// scale-1m-10m.h5 of `make bench-data`): the undirected weight-summed projection of all its
// links, as `firmnet communities` uses, with the generator's communities from the truth CSV
// beside it (FILE.truth_nodes.csv, columns id,community) as truth.
//
// Usage: bench_communities [--nodes N] [--degree D] [--mu MU] [--runs R] [--threads T]
//                          [--seed S] [--series]   (series: mu = 0.1 .. 0.6)
//        bench_communities --network FILE.h5 [--truth CSV] [--runs R] [--threads T]
//        either form: [--igraph-iterations converge|tolerance] [--gve BINARY]
//                     [--methods igraph-leiden,igraph-multilevel,firmnet-leiden,firmnet-louvain,gve]
//                     [--fast-fraction F] [--fast-lightest-first] [--time-setup | --warm-up]
//                     [--permute-ids SEED]
// --methods picks the methods (in that order; the first is the reference of the speed-up);
// firmnet-leiden-fast (not in the default list) is firmnet Leiden with one outer iteration and
// pass_stop_fraction F (default 0.05): GVE-Leiden's quality for less time; --fast-lightest-first
// adds refine_lightest_first to it.
// --gve adds GVE-Leiden (Sahu 2023) run as an external program: the graph is written once as a
// Matrix Market file (general, weighted, both directions of every pair, 1-based), and each
// round runs `BINARY FILE.mtx 1 1 MEMBERSHIP.txt` with OMP_NUM_THREADS = --threads. Its time is
// the one it reports (the first "{...ms" field of its leidenStaticOmp line: algorithm only,
// its buffers allocated before timing); its modularity and NMI are computed here from the
// membership it writes (one community per line, vertices 1..n), as for every other method.
// CPU time and memory are not measured for it (its process also reads the file). A missing
// BINARY is skipped with a note.
// Likewise, firmnet's buffers (a LeidenWorkspace: the two aggregate row stores, the per-thread
// accumulators and the level-sized arrays) are allocated and touched in the child before its
// clock starts; that set-up is timed apart (column "set-up s"). --time-setup times it with the
// run instead. The result arrays are still allocated inside the run, and their first touches
// ("page faults in the run") cost ~7 us each on a virtual machine: 4.8k of them on 1M nodes.
// --warm-up replaces the set-up by one untimed run (another seed) in the same child, after
// which the heap serves the timed run without first touches, as GVE-Leiden's run allocates
// nothing after its timer starts.
// --permute-ids shuffles the node ids before every method: generated graphs number their nodes
// community by community, which a method sweeping the ids in order turns into cache locality.
// igraph Leiden "iterated to convergence" (n_iterations = -1) stops only when an iteration
// changes nothing; on the weighted scale networks that takes hundreds of iterations (over
// ten minutes at 100k nodes, each adding under 1e-5), so there the default is "tolerance":
// igraph iterated under firmnet's own stopping rule. LFR graphs default to "converge".
#include <igraph/igraph.h>
#include <malloc.h>
#include <omp.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <limits>
#include <memory>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "algorithms/community/leiden.hpp"
#include "algorithms/community/modularity.hpp"
#include "algorithms/community/partition_comparison.hpp"
#include "algorithms/igraph_adapter.hpp"
#include "io/csv_reader.hpp"
#include "io/network_store.hpp"
#include "bench_args.hpp"
#include "bench_timing.hpp"

using namespace firmnet;
using namespace firmnet::community;

namespace {

using firmnet::bench::resident_kib;
using firmnet::bench::cpu_seconds;
using firmnet::bench::minor_faults;

struct BenchGraph {
  WeightedCsr csr;
  Membership truth;
};

/// LFR-like graph: n nodes, mean degree about `degree`, mixing mu. O(m log m).
BenchGraph lfr_like(NodeId n, double degree, double mu, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  auto power_law = [&](double lo, double hi, double exponent) {
    const double a = std::pow(lo, 1 - exponent), b = std::pow(hi, 1 - exponent);
    return std::pow(a + (b - a) * unit(rng), 1 / (1 - exponent));
  };
  BenchGraph g;
  g.truth.resize(n);
  std::vector<NodeId> community_start;
  for (NodeId u = 0; u < n;) {
    const NodeId size = std::min<NodeId>(n - u, static_cast<NodeId>(power_law(50, 1000, 1.5)));
    community_start.push_back(u);
    for (NodeId i = 0; i < size; ++i, ++u) g.truth[u] = static_cast<std::int64_t>(community_start.size() - 1);
  }
  community_start.push_back(n);
  // Degrees: power law with exponent 2.5 scaled to the requested mean.
  std::vector<double> raw(n);
  double sum = 0;
  for (auto& d : raw) sum += d = power_law(1, 50, 2.5);
  const double scale = degree * n / sum;
  std::vector<std::pair<NodeId, NodeId>> pairs;
  pairs.reserve(static_cast<std::size_t>(degree * n / 2 * 1.05));
  std::uniform_int_distribution<NodeId> any(0, n - 1);
  for (NodeId u = 0; u < n; ++u) {
    const double half = raw[u] * scale / 2;
    const auto c = g.truth[u];
    const NodeId lo = community_start[c], size = community_start[c + 1] - lo;
    std::uniform_int_distribution<NodeId> inside(0, size - 1);
    const long internal = std::lround(half * (1 - mu)), external = std::lround(half * mu);
    for (long i = 0; i < internal; ++i) {
      const NodeId v = lo + inside(rng);
      if (v != u) pairs.emplace_back(u, v);
    }
    for (long i = 0; i < external;) {
      const NodeId v = any(rng);
      if (g.truth[v] == c) continue;
      pairs.emplace_back(u, v);
      ++i;
    }
  }
  // Symmetric CSR with duplicate pairs summed.
  std::vector<std::pair<NodeId, NodeId>> both;
  both.reserve(pairs.size() * 2);
  for (auto [u, v] : pairs) {
    both.emplace_back(u, v);
    both.emplace_back(v, u);
  }
  std::sort(both.begin(), both.end());
  g.csr.offsets.assign(static_cast<std::size_t>(n) + 1, 0);
  for (std::size_t i = 0; i < both.size(); ++i) {
    if (i > 0 && both[i] == both[i - 1]) {
      g.csr.weights.back() += 1.0;
      continue;
    }
    g.csr.targets.push_back(both[i].second);
    g.csr.weights.push_back(1.0);
    ++g.csr.offsets[both[i].first + 1];
  }
  for (NodeId u = 0; u < n; ++u) g.csr.offsets[u + 1] += g.csr.offsets[u];
  return g;
}

/// A stored network: projection of all links, truth from the generator's CSV (id,community).
BenchGraph stored_network(const std::string& path, const std::string& truth_path) {
  const Graph graph = load_network(path);
  BenchGraph g;
  g.csr = undirected_projection(GraphView(graph));
  g.truth.assign(g.csr.node_count(), -1);
  CsvReader reader(truth_path);
  std::vector<std::string_view> fields;
  if (!reader.next(fields) || fields.size() < 2 || fields[0] != "id" || fields[1] != "community")
    throw std::runtime_error(truth_path + ": expected a header id,community");
  while (reader.next(fields)) {
    const std::int64_t node = graph.find_node(fields[0]);
    if (node < 0 || fields.size() < 2) throw std::runtime_error(truth_path + ": unknown id " + std::string(fields[0]));
    g.truth[node] = std::stoll(std::string(fields[1]));
  }
  return g;  // the Graph is freed here; bench_graph returns its pages before measuring memory
}

struct Measure {
  double seconds = 0, cpu_seconds = 0, modularity = 0, nmi = 0;
  double setup_seconds = -1;  // buffers prepared before the clock; < 0: none
  long communities = 0;
  long extra_kib = 0;
  long page_faults = -1;  // minor page faults inside the timed run; < 0: not measured
  bool external = false;  // an external program's run: no CPU time or memory measured
};

/// Runs method in a forked child; the child sends back time, modularity, NMI, communities
/// and its peak resident memory above the resident size at fork.
Measure run_in_child(const BenchGraph& g, const std::function<Membership()>& method,
                     const std::function<void()>& prepare) {
  const long base = resident_kib();
  return bench::in_forked_child<Measure>([&] {
    double setup_seconds = -1;
    if (prepare) {
      const auto s0 = std::chrono::steady_clock::now();
      prepare();
      setup_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - s0).count();
    }
    const double cpu0 = cpu_seconds();
    const long faults0 = minor_faults();
    const auto t0 = std::chrono::steady_clock::now();
    const Membership m = method();
    Measure out;
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    out.cpu_seconds = cpu_seconds() - cpu0;
    out.page_faults = minor_faults() - faults0;
    out.setup_seconds = setup_seconds;
    out.modularity = modularity(g.csr, m);
    out.nmi = normalized_mutual_information(m, g.truth);
    out.communities = *std::max_element(m.begin(), m.end()) + 1;
    out.extra_kib = bench::peak_kib_above(base);
    return out;
  });
}

/// A method's runs, one per seed, in the order they ran.
struct Runs {
  const char* name;
  std::function<Membership(int)> method;  // run r uses seed 1 + r
  std::vector<Measure> measures;
  /// Set for an external program: runs round r and measures it itself (no fork, no method).
  std::function<Measure(int)> external = {};
  /// Run in the child before the clock starts (firmnet's buffers), timed apart.
  std::function<void()> prepare = {};
  /// The run of median wall time.
  Measure median() const {
    std::vector<Measure> sorted = measures;
    std::sort(sorted.begin(), sorted.end(), [](const Measure& a, const Measure& b) { return a.seconds < b.seconds; });
    return sorted[sorted.size() / 2];
  }
  /// The median modularity over the runs: the seeds (and GVE's timing-dependent runs) give
  /// different partitions, so the median-time run's modularity alone would be one draw.
  double median_modularity() const {
    std::vector<double> values;
    for (const Measure& m : measures) values.push_back(m.modularity);
    return bench::median(values);
  }
};

/// Median over rounds of reference time / method time (a same-round ratio).
double median_speedup(const Runs& method, const Runs& reference) {
  std::vector<double> ratios;
  for (std::size_t r = 0; r < method.measures.size(); ++r)
    ratios.push_back(reference.measures[r].seconds / method.measures[r].seconds);
  std::sort(ratios.begin(), ratios.end());
  return ratios[ratios.size() / 2];
}

/// igraph's Leiden, modularity objective. tolerance < 0: n_iterations = -1 (until an iteration
/// changes nothing). Otherwise one iteration at a time from the previous membership until an
/// iteration raises the quality by no more than tolerance * |quality|: firmnet's own rule.
Membership igraph_leiden(igraph_t* graph, const igraph_vector_t* weights, double two_m, std::uint64_t seed,
                         double tolerance) {
  igraph_vector_t strength;
  igraph_vector_init(&strength, 0);
  igraph_strength(graph, &strength, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS, weights);
  igraph_vector_int_t membership;
  igraph_vector_int_init(&membership, 0);
  igraph_rng_seed(igraph_rng_default(), seed);
  igraph_integer_t clusters = 0;
  igraph_real_t quality = 0;
  check_igraph(igraph_community_leiden(graph, weights, &strength, 1.0 / two_m, 0.01, false, tolerance < 0 ? -1 : 1,
                                       &membership, &clusters, &quality),
               "leiden");
  for (double previous = quality; tolerance >= 0; previous = quality) {
    check_igraph(igraph_community_leiden(graph, weights, &strength, 1.0 / two_m, 0.01, true, 1, &membership, &clusters,
                                         &quality),
                 "leiden");
    if (quality - previous <= tolerance * std::abs(quality)) break;
  }
  Membership out = to_std_vector(membership);
  igraph_vector_int_destroy(&membership);
  igraph_vector_destroy(&strength);
  return out;
}

Membership igraph_multilevel(igraph_t* graph, const igraph_vector_t* weights, std::uint64_t seed) {
  igraph_vector_int_t membership;
  igraph_vector_int_init(&membership, 0);
  igraph_rng_seed(igraph_rng_default(), seed);
  check_igraph(igraph_community_multilevel(graph, weights, 1.0, &membership, nullptr, nullptr), "multilevel");
  Membership out = to_std_vector(membership);
  igraph_vector_int_destroy(&membership);
  return out;
}

/// Writes the symmetric CSR as a Matrix Market coordinate file: general, real, every entry
/// (both directions of each pair), vertices numbered from 1. O(n + m).
void write_matrix_market(const WeightedCsr& csr, const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "w");
  if (!f) throw std::runtime_error("cannot write " + path);
  std::fprintf(f, "%%%%MatrixMarket matrix coordinate real general\n%u %u %zu\n", csr.node_count(), csr.node_count(),
               csr.entry_count());
  for (NodeId u = 0; u < csr.node_count(); ++u)
    for (auto e = csr.offsets[u]; e < csr.offsets[u + 1]; ++e)
      std::fprintf(f, "%u %u %.17g\n", u + 1, csr.targets[e] + 1, csr.weights[e]);
  if (std::fclose(f) != 0) throw std::runtime_error("cannot write " + path);
}

/// One round of GVE-Leiden (see the header): its reported time, and modularity, NMI and
/// community count of the membership it writes. Without a readable membership of n lines the
/// quality fields are NaN and communities -1. O(its run + n + m).
Measure run_gve(const BenchGraph& g, const std::string& binary, const std::string& matrix, int threads) {
  const std::string membership_path = matrix + ".membership";
  std::remove(membership_path.c_str());
  const std::string command = "OMP_NUM_THREADS=" + std::to_string(threads) + " '" + binary + "' '" + matrix +
                              "' 1 1 '" + membership_path + "'";
  Measure out;
  out.seconds = out.modularity = out.nmi = std::nan("");
  out.external = true;
  out.communities = -1;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot run " + binary);
  char line[4096];
  while (std::fgets(line, sizeof line, pipe))
    if (line[0] == '{' && std::strstr(line, "leidenStaticOmp")) out.seconds = std::strtod(line + 1, nullptr) / 1000;
  if (pclose(pipe) != 0) std::fprintf(stderr, "GVE-Leiden: %s failed\n", command.c_str());
  Membership m;
  if (FILE* f = std::fopen(membership_path.c_str(), "r")) {
    unsigned long label = 0;
    while (std::fscanf(f, "%lu", &label) == 1) m.push_back(static_cast<std::int64_t>(label));
    std::fclose(f);
  }
  std::remove(membership_path.c_str());
  if (m.size() != g.csr.node_count()) {
    std::fprintf(stderr, "GVE-Leiden: no membership of %u vertices from %s\n", g.csr.node_count(), command.c_str());
    return out;
  }
  // GVE labels are vertex ids of community representatives; renumber densely.
  std::vector<std::int64_t> dense(g.csr.node_count() + 1, -1);
  std::int64_t next = 0;
  for (auto& label : m) {
    if (label < 0 || label > static_cast<std::int64_t>(g.csr.node_count())) label = 0;
    if (dense[label] < 0) dense[label] = next++;
    label = dense[label];
  }
  out.modularity = modularity(g.csr, m);
  out.nmi = normalized_mutual_information(m, g.truth);
  out.communities = next;
  return out;
}

void print_row(const Runs& runs, const Runs& reference) {
  const Measure m = runs.median(), ref = reference.median();
  char cpu[32] = "-", setup[32] = "-", memory[64] = "- | -", faults[32] = "-";
  if (!m.external) std::snprintf(cpu, sizeof cpu, "%7.3f", m.cpu_seconds);
  if (m.page_faults >= 0) std::snprintf(faults, sizeof faults, "%7ld", m.page_faults);
  if (m.setup_seconds >= 0) std::snprintf(setup, sizeof setup, "%6.3f", m.setup_seconds);
  if (!m.external && !ref.external)
    std::snprintf(memory, sizeof memory, "%6.1f | %5.2f", m.extra_kib / 1024.0,
                  static_cast<double>(m.extra_kib) / std::max(1L, ref.extra_kib));
  const double q = runs.median_modularity();
  std::printf("| %-18s | %7.3f | %s | %6.2fx | %s | %s | %.5f | %+.5f | %.4f | %5ld | %s |\n", runs.name, m.seconds,
              setup, median_speedup(runs, reference), cpu, faults, q, q - reference.median_modularity(), m.nmi,
              m.communities, memory);
}

/// g with its node ids permuted by a seeded shuffle (rows and truth moved with their nodes,
/// each row sorted by target), so that ids carry no trace of the communities. Generators
/// number nodes community by community, which an in-order sweep over the ids (GVE-Leiden's)
/// turns into cache locality that numbered-as-they-come real data does not give.
/// O(n + m log d_max).
BenchGraph permuted(const BenchGraph& g, std::uint64_t seed) {
  const NodeId n = g.csr.node_count();
  std::vector<NodeId> new_id(n);
  std::iota(new_id.begin(), new_id.end(), NodeId{0});
  std::mt19937_64 rng(seed);
  std::shuffle(new_id.begin(), new_id.end(), rng);
  std::vector<NodeId> old_id(n);
  for (NodeId u = 0; u < n; ++u) old_id[new_id[u]] = u;
  BenchGraph out;
  out.truth.resize(n);
  out.csr.offsets.assign(static_cast<std::size_t>(n) + 1, 0);
  out.csr.targets.resize(g.csr.entry_count());
  out.csr.weights.resize(g.csr.entry_count());
  for (NodeId v = 0; v < n; ++v) {
    out.csr.offsets[v + 1] = out.csr.offsets[v] + g.csr.degree(old_id[v]);
    out.truth[v] = g.truth[old_id[v]];
  }
  std::vector<std::pair<NodeId, double>> row;
  for (NodeId v = 0; v < n; ++v) {
    const NodeId u = old_id[v];
    row.clear();
    for (EdgeId e = g.csr.offsets[u]; e < g.csr.offsets[u + 1]; ++e) row.emplace_back(new_id[g.csr.targets[e]], g.csr.weights[e]);
    std::sort(row.begin(), row.end());
    for (std::size_t i = 0; i < row.size(); ++i) {
      out.csr.targets[out.csr.offsets[v] + i] = row[i].first;
      out.csr.weights[out.csr.offsets[v] + i] = row[i].second;
    }
  }
  return out;
}

/// What to run on each graph.
struct BenchSettings {
  int runs = 3, threads = 2;
  double igraph_tolerance = -1;  // see igraph_leiden
  std::vector<std::string> methods = {"igraph-leiden", "igraph-multilevel", "firmnet-leiden", "firmnet-louvain", "gve"};
  std::string gve_binary;  // empty or missing: GVE-Leiden skipped
  double fast_fraction = 0.05;  // firmnet-leiden-fast: one iteration, pass_stop_fraction
  bool fast_lightest_first = false;  // firmnet-leiden-fast: refine_lightest_first
  bool time_setup = false;
  bool warm_up = false;  // firmnet: one untimed run in the child before the timed one      // firmnet's buffer set-up inside its time (default: before the clock)
};

void bench_graph(const BenchGraph& g, const std::string& description, const BenchSettings& settings) {
  const double two_m = g.csr.total_weight();
  const NodeId n = g.csr.node_count();
  const int threads = settings.threads;
  std::printf("\ngraph: %s, n=%u, undirected pairs=%lu, mean degree %.2f; threads=%d, runs=%d\n", description.c_str(), n,
              static_cast<unsigned long>(g.csr.entry_count() / 2), double(g.csr.entry_count()) / n, threads,
              settings.runs);
  if (settings.igraph_tolerance < 0)
    std::printf("igraph leiden: n_iterations = -1 (until an iteration changes nothing)\n");
  else
    std::printf("igraph leiden: iterated until an iteration gains <= %g relative (firmnet's rule)\n",
                settings.igraph_tolerance);
  IgraphGraph graph = IgraphGraph::from_csr(g.csr, false);
  std::string matrix;
  const bool wants_gve = std::find(settings.methods.begin(), settings.methods.end(), "gve") != settings.methods.end();
  if (wants_gve && !settings.gve_binary.empty() && std::filesystem::exists(settings.gve_binary)) {
    matrix = (std::filesystem::temp_directory_path() / ("bench_communities_" + std::to_string(getpid()) + ".mtx")).string();
    write_matrix_market(g.csr, matrix);
  } else if (wants_gve) {
    std::printf("GVE-Leiden skipped: %s\n", settings.gve_binary.empty() ? "no --gve BINARY given"
                                                                          : ("no file " + settings.gve_binary).c_str());
  }
  // Freed heap pages stay resident unless returned; a child reusing them would show no growth.
  malloc_trim(0);
  std::vector<Runs> methods;
  for (const std::string& name : settings.methods) {
    if (name == "igraph-leiden")
      methods.push_back({"igraph leiden", [&](int r) {
                           return igraph_leiden(graph.get(), graph.weights(), two_m, 1 + r, settings.igraph_tolerance);
                         }, {}});
    else if (name == "igraph-multilevel")
      methods.push_back({"igraph multilevel", [&](int r) { return igraph_multilevel(graph.get(), graph.weights(), 1 + r); }, {}});
    else if (name == "firmnet-leiden" || name == "firmnet-leiden-fast" || name == "firmnet-louvain") {
      // The workspace is filled in the child, before the clock (unless --time-setup), as
      // GVE-Leiden allocates and zero-fills its buffers before its own timer.
      const auto workspace = std::make_shared<LeidenWorkspace>();
      LeidenOptions options;
      if (name == "firmnet-leiden-fast") {
        options.max_iterations = 1;
        options.pass_stop_fraction = settings.fast_fraction;
        options.refine_lightest_first = settings.fast_lightest_first;
      }
      options.refine = name != "firmnet-louvain";
      std::function<void()> prepare;
      if (settings.warm_up)
        prepare = [workspace, options, &g] {
          // glibc unmaps freed blocks above its thresholds (those of n-element arrays at 1M
          // nodes), so that the timed run would touch them afresh; keep them in the heap.
          mallopt(M_MMAP_THRESHOLD, 32 << 20);
          mallopt(M_TRIM_THRESHOLD, std::numeric_limits<int>::max());
          workspace->reserve(g.csr);  // stores at their bound: the timed run never regrows them
          LeidenOptions warm = options;
          warm.seed = 0x5EED;  // none of the timed runs' seeds 1..runs
          leiden(g.csr, warm, {}, *workspace);
        };
      else if (!settings.time_setup)
        prepare = [workspace, &g] { workspace->reserve(g.csr); };
      const char* label = name == "firmnet-leiden"        ? "firmnet leiden"
                          : name == "firmnet-leiden-fast" ? "firmnet leiden fast"
                                                          : "firmnet louvain";
      methods.push_back({label, [workspace, options, &g](int r) {
                           LeidenOptions seeded = options;
                           seeded.seed = 1 + r;
                           return leiden(g.csr, seeded, {}, *workspace).membership;
                         }, {}, {}, prepare});
    }
    else if (name == "gve" && !matrix.empty())
      methods.push_back({"GVE-Leiden", {}, {}, [&](int) { return run_gve(g, settings.gve_binary, matrix, threads); }});
  }
  if (methods.empty()) return;
  std::vector<double> loads;
  for (int r = 0; r < settings.runs; ++r) {
    for (Runs& m : methods)
      m.measures.push_back(m.external ? m.external(r) : run_in_child(g, [&] {
        // Threads only in the child: a parent with an OpenMP pool would fork children whose
        // first parallel region waits for pool threads that fork did not copy.
        omp_set_num_threads(threads);
        return m.method(r);
      }, m.prepare ? std::function<void()>([&] {
        omp_set_num_threads(threads);
        m.prepare();
      }) : std::function<void()>()));
    double load[3] = {0, 0, 0};
    getloadavg(load, 3);
    loads.push_back(load[0]);
  }
  if (!matrix.empty()) std::remove(matrix.c_str());
  std::printf("load average (1 min) after each round:");
  for (double load : loads) std::printf(" %.2f", load);
  std::printf("\n\n");
  std::printf("| method | wall s (median) | set-up s, before the clock | speed-up vs %s (median of same-round ratios) | CPU s | page faults in the run | modularity (median of runs) | dQ vs %s | NMI to truth | communities | extra peak MiB | memory ratio |\n",
              methods.front().name, methods.front().name);
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (const Runs& m : methods) print_row(m, methods.front());
  const auto find = [&](const char* name) -> const Runs* {
    for (const Runs& m : methods)
      if (std::strcmp(m.name, name) == 0) return &m;
    return nullptr;
  };
  if (const Runs* gve = find("GVE-Leiden"))
    for (const char* name : {"firmnet leiden", "firmnet leiden fast"})
      if (const Runs* firmnet = find(name))
        std::printf("\n%s over GVE-Leiden: speed-up %.2fx (median of same-round ratios), dQ %+.5f\n", name,
                    median_speedup(*firmnet, *gve), firmnet->median_modularity() - gve->median_modularity());
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  NodeId nodes = 100000;
  double degree = 20, mu = 0.3;
  BenchSettings settings;
  std::uint64_t seed = 1;
  bool series = false;
  std::uint64_t permute_seed = 0;
  std::string network, truth, igraph_iterations;
  CLI::App app{"Leiden against igraph, GVE-Leiden and firmnet Louvain on one graph, in interleaved rounds"};
  app.add_option("--nodes", nodes, "LFR-like graph: nodes")->capture_default_str();
  app.add_option("--degree", degree, "LFR-like graph: mean degree")->capture_default_str();
  app.add_option("--mu", mu, "LFR-like graph: mixing")->capture_default_str();
  app.add_option("--seed", seed, "LFR-like graph: generator seed")->capture_default_str();
  app.add_flag("--series", series, "LFR-like graphs at mu = 0.1 .. 0.6 instead of one");
  app.add_option("--network", network, "A stored network instead of the LFR-like graph");
  app.add_option("--truth", truth, "Truth CSV (id,community) of --network (default: FILE.truth_nodes.csv)");
  app.add_option("--runs", settings.runs, "Rounds (every method once per round)")->capture_default_str();
  app.add_option("--threads", settings.threads, "Threads of the parallel methods")->capture_default_str();
  app.add_option("--methods", settings.methods, "Comma-separated, the first is the reference of the speed-up")
      ->delimiter(',')
      ->check(CLI::IsMember({"igraph-leiden", "igraph-multilevel", "firmnet-leiden", "firmnet-leiden-fast",
                             "firmnet-louvain", "gve"}))
      ->capture_default_str();
  app.add_option("--gve", settings.gve_binary, "GVE-Leiden driver binary (method gve)");
  app.add_option("--fast-fraction", settings.fast_fraction, "pass_stop_fraction of firmnet-leiden-fast")
      ->capture_default_str();
  app.add_flag("--fast-lightest-first", settings.fast_lightest_first,
               "firmnet-leiden-fast refines each community lightest vertex first (refine_lightest_first)");
  app.add_flag("--time-setup", settings.time_setup,
               "Time firmnet's buffer set-up with its run (default: set up before the clock, as GVE-Leiden times itself)");
  app.add_flag("--warm-up", settings.warm_up,
               "firmnet runs once untimed in the child before its timed run (heap and workspace warm: no "
               "first-touch page faults in the run)");
  app.add_option("--permute-ids", permute_seed,
                 "Shuffle the node ids with this seed before every method (0: ids as generated or stored)")
      ->capture_default_str();
  app.add_option("--igraph-iterations", igraph_iterations,
                 "converge or tolerance (default: converge on LFR-like graphs, tolerance on --network)")
      ->check(CLI::IsMember({"converge", "tolerance"}));
  firmnet::bench::parse_or_exit(app, argc, argv);
  if (igraph_iterations.empty()) igraph_iterations = network.empty() ? "converge" : "tolerance";
  settings.igraph_tolerance = igraph_iterations == "converge" ? -1.0 : LeidenOptions{}.tolerance;
  // The parent only prepares graphs and forks; one thread keeps it from leaving an OpenMP
  // pool spinning (OMP_WAIT_POLICY=active) beside the timed children.
  omp_set_num_threads(1);
  auto run = [&](const BenchGraph& g, const std::string& description) {
    if (permute_seed == 0)
      bench_graph(g, description, settings);
    else
      bench_graph(permuted(g, permute_seed), description + ", ids shuffled (seed " + std::to_string(permute_seed) + ")",
                  settings);
  };
  auto lfr = [&](double m) {
    const std::string description = "LFR-like, mu=" + std::to_string(m).substr(0, 4) + ", seed=" + std::to_string(seed);
    run(lfr_like(nodes, degree, m, seed), description);
  };
  if (!network.empty()) {
    if (truth.empty()) truth = network.substr(0, network.size() - (network.ends_with(".h5") ? 3 : 0)) + ".truth_nodes.csv";
    run(stored_network(network, truth), network);
  } else if (series) {
    for (double m : {0.1, 0.2, 0.3, 0.4, 0.5, 0.6}) lfr(m);
  } else {
    lfr(mu);
  }
  return 0;
}

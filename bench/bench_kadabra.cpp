// Approximate betweenness benchmark on a stored network (e.g. `firmnet generate scale`):
// KADABRA with an (epsilon, delta) guarantee against NetworKit's KADABRA (an external driver,
// bench/networkit_peer.hpp), pivot sampling (Brandes & Pich 2007) and, where affordable, exact
// Brandes. Reports wall time, the samples KADABRA took of its cap omega, and, against exact
// normalised betweenness, the largest error and the overlap of the top 100. With --rounds R
// firmnet's and NetworKit's KADABRA run interleaved R times (A B A B ...); medians of the times
// and of the same-round ratios are printed.
//
// Usage: bench_kadabra FILE [--epsilon E] [--delta D] [--pivots K] [--exact] [--undirected]
//                           [--rounds R] [--seed S] [--networkit DRIVER]
// Defaults: epsilon 0.01, delta 0.1, K = 1000 (0: no pivot run), directed, no exact run, R = 1, S = 1,
// NetworKit skipped with a note unless DRIVER exists.
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <map>
#include <string>
#include <vector>

#include "algorithms/centrality/betweenness.hpp"
#include "algorithms/centrality/kadabra_betweenness.hpp"
#include "io/network_store.hpp"
#include "bench_timing.hpp"
#include "networkit_peer.hpp"
#include "bench_args.hpp"

using namespace firmnet;
using namespace firmnet::centrality;

namespace {

using bench::last_cpu;
using bench::seconds_of;
using namespace bench;

std::vector<std::size_t> top_nodes(const std::vector<double>& scores, std::size_t k) {
  std::vector<std::size_t> order(scores.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  k = std::min(k, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(),
                    [&](std::size_t a, std::size_t b) { return scores[a] > scores[b] || (scores[a] == scores[b] && a < b); });
  order.resize(k);
  std::sort(order.begin(), order.end());
  return order;
}

std::size_t top_overlap(const std::vector<double>& a, const std::vector<double>& b, std::size_t k) {
  const auto x = top_nodes(a, k), y = top_nodes(b, k);
  std::vector<std::size_t> both;
  std::set_intersection(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(both));
  return both.size();
}

double max_error(const std::vector<double>& a, const std::vector<double>& b) {
  double worst = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) worst = std::max(worst, std::abs(a[i] - b[i]));
  return worst;
}

}  // namespace

// NetworKit's scores in firmnet's normalised units: NetworKit divides the visits by the
// samples (twice that when undirected), which estimates b(v) of kadabra_betweenness.hpp, and
// normalised betweenness is b(v) n / (n - 2). O(n).
std::vector<double> networkit_normalized(std::vector<double> scores, bool directed) {
  const double n = static_cast<double>(scores.size());
  for (double& s : scores) s *= (directed ? 1.0 : 0.5) * n / (n - 2.0);
  return scores;
}

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  std::string file;
  double epsilon = 0.01, delta = 0.1;
  std::uint64_t pivots = 1000, seed = 1;
  int rounds = 1;
  bool exact = false, undirected = false;
  std::string networkit_driver;
  CLI::App app{"Approximate betweenness: KADABRA against pivots (and exact, NetworKit's KADABRA) on a stored network"};
  app.add_option("file", file, "Stored network (.h5)")->required();
  app.add_option("--epsilon", epsilon, "KADABRA: absolute error bound")->capture_default_str();
  app.add_option("--delta", delta, "KADABRA: failure probability")->capture_default_str();
  app.add_option("--pivots", pivots, "Pivot samples of the pivot estimator")->capture_default_str();
  app.add_flag("--exact", exact, "Also compute exact betweenness as the reference");
  app.add_flag("--undirected", undirected, "Undirected paths (default: directed)");
  app.add_option("--rounds", rounds, "Rounds")->capture_default_str()->check(CLI::PositiveNumber);
  app.add_option("--seed", seed, "Seed")->capture_default_str();
  app.add_option("--networkit", networkit_driver, "NetworKit KADABRA driver binary");
  firmnet::bench::parse_or_exit(app, argc, argv);
  const bool directed = !undirected;
  const Graph graph = load_network(file);
  const Adjacency adjacency = Adjacency::of(GraphView(graph), directed);
  const int threads = omp_get_max_threads();
  std::printf("%s: %u nodes, %llu links (%s), %d threads\n", file.c_str(), adjacency.node_count(),
              static_cast<unsigned long long>(adjacency.entry_count()), directed ? "directed" : "undirected", threads);

  const bool with_networkit = networkit_available(networkit_driver);
  const std::string edges_path = file + ".networkit-edges.bin", networkit_scores_path = file + ".networkit-scores.txt";
  if (with_networkit) write_edge_pairs(adjacency, edges_path);

  KadabraOptions kadabra_options;
  kadabra_options.epsilon = epsilon;
  kadabra_options.delta = delta;
  kadabra_options.normalized = true;
  kadabra_options.seed = seed;
  KadabraResult kadabra;
  std::vector<double> ours, theirs, ratios, networkit_scores;
  for (int round = 0; round < rounds; ++round) {
    ours.push_back(seconds_of([&] { kadabra = kadabra_betweenness(adjacency, kadabra_options); }));
    std::printf("round %d: firmnet KADABRA %.3f s wall / %.3f s CPU, %llu samples of omega %llu (first sample %llu), "
                "vertex diameter bound %llu\n",
                round + 1, ours.back(), last_cpu, static_cast<unsigned long long>(kadabra.samples),
                static_cast<unsigned long long>(kadabra.omega), static_cast<unsigned long long>(kadabra.first_samples),
                static_cast<unsigned long long>(kadabra.vertex_diameter_bound));
    if (!with_networkit) continue;
    char arguments[1024];
    std::snprintf(arguments, sizeof arguments, "'%s' kadabra %.17g %.17g '%s'", edges_path.c_str(), epsilon, delta,
                  networkit_scores_path.c_str());
    const auto values = run_networkit(networkit_driver, arguments, threads);
    if (!values.count("kadabra_seconds")) continue;
    theirs.push_back(values.at("kadabra_seconds"));
    ratios.push_back(theirs.back() / ours.back());
    std::printf("round %d: NetworKit KADABRA %.3f s wall / %.3f s CPU, %.0f samples (with its first sample) of omega %.0f; "
                "NetworKit / firmnet %.2f\n",
                round + 1, theirs.back(), values.count("kadabra_cpu") ? values.at("kadabra_cpu") : -1.0,
                values.count("samples") ? values.at("samples") : -1.0,
                values.count("omega") ? values.at("omega") : -1.0, ratios.back());
    networkit_scores = networkit_normalized(read_values(networkit_scores_path), directed);
  }
  std::printf("KADABRA eps %g delta %g, median of %d rounds: firmnet %.3f s", epsilon, delta, rounds, bench::median(ours));
  if (!theirs.empty())
    std::printf(", NetworKit %.3f s, median same-round NetworKit / firmnet %.2f", bench::median(theirs),
                bench::median(ratios));
  std::printf("\n");
  if (with_networkit) {
    std::remove(edges_path.c_str());
    std::remove(networkit_scores_path.c_str());
  }
  if (networkit_scores.size() != adjacency.node_count()) networkit_scores.clear();

  BetweennessResult pivot;
  if (pivots > 0) {
    BetweennessOptions pivot_options;
    pivot_options.samples = pivots;
    pivot_options.normalized = true;
    const double pivot_time = seconds_of([&] { pivot = betweenness(adjacency, pivot_options); });
    std::printf("pivots K=%llu: %.3f s wall / %.3f s CPU\n", static_cast<unsigned long long>(pivots), pivot_time, last_cpu);
  }
  if (!exact) {
    if (pivots > 0) std::printf("top-100 overlap KADABRA vs pivots: %zu\n", top_overlap(kadabra.scores, pivot.scores, 100));
    if (!networkit_scores.empty())
      std::printf("firmnet vs NetworKit KADABRA: largest difference %.5f, top-100 overlap %zu\n",
                  max_error(kadabra.scores, networkit_scores), top_overlap(kadabra.scores, networkit_scores, 100));
    return 0;
  }
  BetweennessOptions exact_options;
  exact_options.normalized = true;
  BetweennessResult reference;
  const double exact_time = seconds_of([&] { reference = betweenness(adjacency, exact_options); });
  std::printf("exact: %.3f s wall / %.3f s CPU\n", exact_time, last_cpu);
  std::printf("firmnet KADABRA: max error %.5f, top-100 overlap %zu\n", max_error(kadabra.scores, reference.scores),
              top_overlap(kadabra.scores, reference.scores, 100));
  if (!networkit_scores.empty())
    std::printf("NetworKit KADABRA: max error %.5f, top-100 overlap %zu\n", max_error(networkit_scores, reference.scores),
                top_overlap(networkit_scores, reference.scores, 100));
  if (pivots > 0) std::printf("pivots:  max error %.5f, top-100 overlap %zu\n", max_error(pivot.scores, reference.scores),
              top_overlap(pivot.scores, reference.scores, 100));
  return 0;
}

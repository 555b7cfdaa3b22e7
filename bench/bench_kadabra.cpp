// Approximate betweenness benchmark on a stored network (e.g. `firmnet generate scale`):
// KADABRA with an (epsilon, delta) guarantee against pivot sampling (Brandes & Pich 2007) and,
// where affordable, exact Brandes. Reports wall time, the samples KADABRA took of its cap omega,
// and, against exact normalised betweenness, the largest error and the overlap of the top 100.
//
// Usage: bench_kadabra FILE [--epsilon E] [--delta D] [--pivots K] [--exact] [--undirected]
// Defaults: epsilon 0.01, delta 0.1, K = 1000 (0: no pivot run), directed, no exact run.
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <string>
#include <vector>

#include "algorithms/centrality/betweenness.hpp"
#include "algorithms/centrality/kadabra_betweenness.hpp"
#include "io/network_store.hpp"
#include "bench_timing.hpp"

using namespace firmnet;
using namespace firmnet::centrality;

namespace {

using bench::last_cpu;
using bench::seconds_of;

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

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_kadabra FILE [--epsilon E] [--delta D] [--pivots K] [--exact] [--undirected]\n");
    return 2;
  }
  const std::string file = argv[1];
  double epsilon = 0.01, delta = 0.1;
  std::uint64_t pivots = 1000;
  bool exact = false, directed = true;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--epsilon" && i + 1 < argc) {
      epsilon = std::stod(argv[++i]);
    } else if (a == "--delta" && i + 1 < argc) {
      delta = std::stod(argv[++i]);
    } else if (a == "--pivots" && i + 1 < argc) {
      pivots = std::stoull(argv[++i]);
    } else if (a == "--exact") {
      exact = true;
    } else if (a == "--undirected") {
      directed = false;
    } else {
      std::fprintf(stderr, "unknown argument %s\n", a.c_str());
      return 2;
    }
  }
  const Graph graph = load_network(file);
  const Adjacency adjacency = Adjacency::of(GraphView(graph), directed);
  std::printf("%s: %u nodes, %llu links (%s), %d threads\n", file.c_str(), adjacency.node_count(),
              static_cast<unsigned long long>(adjacency.entry_count()), directed ? "directed" : "undirected",
              omp_get_max_threads());

  KadabraOptions kadabra_options;
  kadabra_options.epsilon = epsilon;
  kadabra_options.delta = delta;
  kadabra_options.normalized = true;
  KadabraResult kadabra;
  const double kadabra_time = seconds_of([&] { kadabra = kadabra_betweenness(adjacency, kadabra_options); });
  std::printf("KADABRA eps %g delta %g: %.3f s wall / %.3f s CPU, %llu samples of omega %llu (first sample %llu), vertex diameter bound %llu\n",
              epsilon, delta, kadabra_time, last_cpu, static_cast<unsigned long long>(kadabra.samples),
              static_cast<unsigned long long>(kadabra.omega), static_cast<unsigned long long>(kadabra.first_samples),
              static_cast<unsigned long long>(kadabra.vertex_diameter_bound));

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
    return 0;
  }
  BetweennessOptions exact_options;
  exact_options.normalized = true;
  BetweennessResult reference;
  const double exact_time = seconds_of([&] { reference = betweenness(adjacency, exact_options); });
  std::printf("exact: %.3f s wall / %.3f s CPU\n", exact_time, last_cpu);
  std::printf("KADABRA: max error %.5f, top-100 overlap %zu\n", max_error(kadabra.scores, reference.scores),
              top_overlap(kadabra.scores, reference.scores, 100));
  if (pivots > 0) std::printf("pivots:  max error %.5f, top-100 overlap %zu\n", max_error(pivot.scores, reference.scores),
              top_overlap(pivot.scores, reference.scores, 100));
  return 0;
}

// Mixing of the park test's swap chains (algorithms/spatial/linkage_null.hpp): how many swap
// attempts per link a chain needs to forget the observed graph (burn-in), and how many between
// two samples make them nearly independent (spacing). The evidence behind the schedule that
// docs/METHODS.md states, measured as the literature on degree-preserving swap chains does
// (Ray, Pinar & Seshadhri 2012, "Are we there yet? When to stop a Markov chain while generating
// random graphs", WAW; Dutta, Fosdick & Clauset 2023, "Sampling random graphs with specified
// degree sequences", arXiv:2105.12120): follow the test statistic along the chain.
//
// Every chain starts from the observed graph and records the internal links of every park each
// `step` attempts per link, for `length` attempts per link (sample_null with no burn-in and a
// spacing of `step`). The second half of all chains is the stationary reference: per park its
// mean mu and standard deviation sigma. Then, per checkpoint t (in attempts per link):
//   - bias: the mean over chains of (x_t - mu) / sigma; it starts at the park's observed z and
//     must fall to the noise level 1/sqrt(chains) before a sample is drawn;
//   - remaining: mean over chains of (x_t - mu) / (x_0 - mu), for parks whose observed count
//     lies over 3 sigma from mu: the share of the start state's excess that is left;
// and, in the stationary half, the autocorrelation of x at lags of `step`, pooled over chains.
//
// Usage: bench_null_mixing --network FILE.h5 [--null distance|degree] [--chains C] [--step S]
//                          [--length L] [--threads T] [--seed N]
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "algorithms/spatial/linkage_null.hpp"
#include "algorithms/spatial/spatial_units.hpp"
#include "bench_args.hpp"
#include "bench_timing.hpp"
#include "io/network_store.hpp"

using namespace firmnet;
using namespace firmnet::spatial;

namespace {

using firmnet::bench::median;

double quantile(std::vector<double> values, double q) {
  if (values.empty()) return std::nan("");
  std::sort(values.begin(), values.end());
  return values[static_cast<std::size_t>(q * static_cast<double>(values.size() - 1) + 0.5)];
}

}  // namespace

int main(int argc, char** argv) {
  std::string network, null_name = "distance";
  int chains = 32, threads = 2;
  double step = 0.05, length = 6.0;
  std::uint64_t seed = 1;
  CLI::App app{"Mixing of the park-test null chains on a stored network"};
  app.add_option("--network", network, "Stored network (.h5)")->required();
  app.add_option("--null", null_name, "distance or degree")->capture_default_str()->check(CLI::IsMember({"distance", "degree"}));
  app.add_option("--chains", chains, "Chains")->capture_default_str();
  app.add_option("--step", step, "Checkpoint spacing, attempts per link")->capture_default_str();
  app.add_option("--length", length, "Chain length, attempts per link")->capture_default_str();
  app.add_option("--threads", threads, "Threads")->capture_default_str();
  app.add_option("--seed", seed, "Seed")->capture_default_str();
  firmnet::bench::parse_or_exit(app, argc, argv);
  omp_set_num_threads(threads);
  const Graph g = load_network(network);
  const SpatialUnits parks = units_from_column(g, g.nodes.park, "park");
  const int checkpoints = static_cast<int>(std::lround(length / step));
  NullOptions options;
  options.kind = parse_null_kind(null_name);
  options.chains = chains;
  options.replicates = chains * checkpoints;
  options.burn_in_swaps = 0;
  options.spacing_swaps = step;
  options.seed = seed;
  const auto t0 = std::chrono::steady_clock::now();
  const NullDistribution null = sample_null(GraphView(g), parks.unit_of, parks.count(), options);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("graph %s: %u nodes, %llu links, %zu parks; %s null, %d chains x %d checkpoints every %g attempts "
              "per link; acceptance %.3f; %.1f s on %d threads\n",
              network.c_str(), g.node_count(), static_cast<unsigned long long>(g.edge_count()), parks.count(),
              null_name.c_str(), chains, checkpoints, step, null.acceptance, seconds, threads);

  // x(c, k, u): chain c's count of park u at checkpoint k (replicate k * chains + c).
  auto x = [&](int c, int k, std::size_t u) { return static_cast<double>(null.samples[k * chains + c][u]); };
  const int half = checkpoints / 2;
  std::vector<double> mu(parks.count(), 0), sigma(parks.count(), 0);
  std::vector<std::size_t> tested;
  for (std::size_t u = 0; u < parks.count(); ++u) {
    double sum = 0, squares = 0;
    const double count = static_cast<double>(chains) * (checkpoints - half);
    for (int c = 0; c < chains; ++c)
      for (int k = half; k < checkpoints; ++k) sum += x(c, k, u);
    mu[u] = sum / count;
    for (int c = 0; c < chains; ++c)
      for (int k = half; k < checkpoints; ++k) squares += (x(c, k, u) - mu[u]) * (x(c, k, u) - mu[u]);
    sigma[u] = std::sqrt(squares / (count - 1));
    if (sigma[u] > 0) tested.push_back(u);
  }
  std::vector<double> observed_z;
  std::vector<std::size_t> far;  // parks whose observed count is over 3 sigma from mu
  for (const std::size_t u : tested) {
    const double z = (static_cast<double>(null.observed[u]) - mu[u]) / sigma[u];
    observed_z.push_back(std::abs(z));
    if (std::abs(z) > 3) far.push_back(u);
  }
  std::printf("%zu parks with a varying count; observed |z|: median %.1f, max %.1f; %zu parks over 3 sigma\n",
              tested.size(), median(observed_z), quantile(observed_z, 1.0), far.size());
  std::printf("noise level of the bias (1/sqrt(chains)): %.2f\n\n", 1 / std::sqrt(static_cast<double>(chains)));

  std::printf("| attempts per link | bias: median over parks | bias: 90th pct | bias: max | excess left: median | excess left: max |\n");
  std::printf("|---|---|---|---|---|---|\n");
  for (int k = 0; k < checkpoints; ++k) {
    const double t = (k + 1) * step;
    // Print densely at first, then sparsely.
    if (k >= 20 && (k + 1) % 10 != 0) continue;
    std::vector<double> bias, left;
    for (const std::size_t u : tested) {
      double mean = 0;
      for (int c = 0; c < chains; ++c) mean += x(c, k, u);
      mean /= chains;
      bias.push_back(std::abs(mean - mu[u]) / sigma[u]);
    }
    for (const std::size_t u : far) {
      double mean = 0;
      for (int c = 0; c < chains; ++c) mean += x(c, k, u);
      mean /= chains;
      left.push_back((mean - mu[u]) / (static_cast<double>(null.observed[u]) - mu[u]));
    }
    std::printf("| %.2f | %.2f | %.2f | %.2f | %.3f | %.3f |\n", t, median(bias), quantile(bias, 0.9),
                quantile(bias, 1.0), median(left), quantile(left, 1.0));
  }

  std::printf("\n| lag (attempts per link) | autocorrelation: median over parks | 90th pct | max |\n|---|---|---|---|\n");
  for (int lag = 1; lag <= std::min(20, checkpoints - half - 1); lag = lag < 4 ? lag + 1 : lag * 2) {
    std::vector<double> rho;
    for (const std::size_t u : tested) {
      double sum = 0;
      int pairs = 0;
      for (int c = 0; c < chains; ++c)
        for (int k = half; k + lag < checkpoints; ++k, ++pairs) sum += (x(c, k, u) - mu[u]) * (x(c, k + lag, u) - mu[u]);
      rho.push_back(sum / pairs / (sigma[u] * sigma[u]));
    }
    std::printf("| %.2f | %.3f | %.3f | %.3f |\n", lag * step, median(rho), quantile(rho, 0.9), quantile(rho, 1.0));
  }
  return 0;
}

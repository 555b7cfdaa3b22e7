// Benchmark: the park test's distance-preserving null against its degree-preserving null
// (algorithms/spatial/linkage_null.hpp), R replicates each over the parks of the same graph, in
// the same run. The two run in interleaved rounds (degree then distance, each round with its
// own seed), each call in a forked child so that its peak memory (getrusage ru_maxrss minus
// the resident size at fork) is its own; the time ratio is the median of same-round ratios, so
// that a slow spell of the machine does not fall on one null only. Times include building the
// swap model (strata, bands, grids) from the graph; the graph itself is loaded before timing.
// Both nulls make the same number of swap attempts: (burn_in * B + spacing * R) * m, B = min(2, chains).
//
// Besides cost, the run shows what the distance null changes: per null, the median over parks
// of observed internal links / null mean and of z; and how well it mixes: the median over parks
// of the lag-1 autocorrelation of internal links between successive samples of a chain.
//
// Usage: bench_null_models [--network FILE.h5 | --firms N --links M] [--replicates R]
//                          [--rounds K] [--threads T] [--chains C] [--bands B] [--spacing S]
// Default: a scale network of 100,000 firms and 1,000,000 links generated here (seed 1);
// `make bench-data` stores the standard scale-100k-1m.h5 and scale-1m-10m.h5.
#include <malloc.h>
#include <omp.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <string>
#include <vector>

#include "algorithms/spatial/linkage_null.hpp"
#include "algorithms/spatial/spatial_units.hpp"
#include "datasets/generators/scale.hpp"
#include "io/network_store.hpp"
#include "bench_args.hpp"
#include "bench_timing.hpp"

using namespace firmnet;
using namespace firmnet::spatial;

namespace {

using firmnet::bench::resident_kib;
using firmnet::bench::cpu_seconds;
using firmnet::bench::median;

struct Measure {
  double seconds = 0, cpu_seconds = 0, acceptance = 0, attempts = 0, median_ratio = 0, median_z = 0,
         median_autocorrelation = 0, median_effective = 0;
  long extra_kib = 0;
  int chains = 0, bands = 0;
  double first_band_km = 0;
};

/// Runs the null in a forked child, which sends back its time, peak memory and summary.
Measure run_in_child(const std::function<Measure()>& method) {
  const long base = resident_kib();
  return bench::in_forked_child<Measure>([&] {
    const double cpu0 = cpu_seconds();
    const auto t0 = std::chrono::steady_clock::now();
    Measure out = method();
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    out.cpu_seconds = cpu_seconds() - cpu0;
    out.extra_kib = bench::peak_kib_above(base);
    return out;
  });
}

Measure run_null(const Graph& g, const SpatialUnits& parks, NullOptions options, int threads) {
  omp_set_num_threads(threads);
  const NullDistribution null = sample_null(GraphView(g), parks.unit_of, parks.count(), options);
  Measure out;
  out.acceptance = null.acceptance;
  out.attempts = null.attempts;
  out.median_effective = median(null.effective);
  out.chains = null.chains;
  out.bands = static_cast<int>(null.bands.count());
  out.first_band_km = null.bands.count() ? null.bands.upper_km[0] : std::nan("");
  std::vector<double> ratios, zs;
  for (std::size_t u = 0; u < parks.count(); ++u) {
    if (null.mean[u] > 0) ratios.push_back(null.observed[u] / null.mean[u]);
    if (null.sd[u] > 0) zs.push_back((null.observed[u] - null.mean[u]) / null.sd[u]);
  }
  out.median_ratio = median(ratios);
  out.median_z = median(zs);
  // Chain c yields replicates c, c + C, ...: pairs (r, r + C) are successive samples.
  std::vector<double> correlations;
  const std::size_t lag = static_cast<std::size_t>(null.chains);
  for (std::size_t u = 0; u < parks.count(); ++u) {
    if (!(null.sd[u] > 0) || null.samples.size() <= lag) continue;
    double sum = 0;
    for (std::size_t r = 0; r + lag < null.samples.size(); ++r)
      sum += (null.samples[r][u] - null.mean[u]) * (null.samples[r + lag][u] - null.mean[u]);
    correlations.push_back(sum / static_cast<double>(null.samples.size() - lag) / (null.sd[u] * null.sd[u]));
  }
  out.median_autocorrelation = median(correlations);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string network;
  generators::ScaleParameters scale;
  scale.firms = 100'000;
  scale.links = 1'000'000;
  int replicates = 200, rounds = 2, threads = 2, chains = NullOptions{}.chains, bands = 0;
  double spacing = NullOptions{}.spacing_swaps;
  CLI::App app{"Park-test null models (distance and degree) in forked children, interleaved rounds"};
  app.add_option("--network", network, "Stored network (.h5) instead of a generated scale network");
  app.add_option("--firms", scale.firms, "Generated scale network: firms")->capture_default_str();
  app.add_option("--links", scale.links, "Generated scale network: links")->capture_default_str();
  app.add_option("--replicates", replicates, "Null replicates")->capture_default_str();
  app.add_option("--rounds", rounds, "Rounds")->capture_default_str();
  app.add_option("--threads", threads, "Threads")->capture_default_str();
  app.add_option("--chains", chains, "Chains of the swap sampler")->capture_default_str();
  app.add_option("--bands", bands, "Distance bands of the distance null (0: min(10, ceil(log2(n + 1))))")->capture_default_str();
  app.add_option("--spacing", spacing, "Swap attempts per link between replicates (0: automatic)")->capture_default_str();
  firmnet::bench::parse_or_exit(app, argc, argv);
  // The parent only prepares the graph and forks; one thread keeps it from leaving an OpenMP
  // pool spinning beside the timed children.
  omp_set_num_threads(1);
  const Graph g = network.empty() ? generators::generate_scale(scale).graph : load_network(network);
  const SpatialUnits parks = units_from_column(g, g.nodes.park, "park");
  malloc_trim(0);
  std::printf("graph: %s, %u nodes, %llu links, %zu parks; threads %d, replicates %d, chains %d, spacing %g, rounds %d\n",
              network.empty() ? "scale generator (seed 1)" : network.c_str(), g.node_count(),
              static_cast<unsigned long long>(g.edge_count()), parks.count(), threads, replicates, chains, spacing, rounds);

  std::vector<Measure> degree, distance;
  for (int r = 0; r < rounds; ++r) {
    NullOptions options;
    options.replicates = replicates;
    options.chains = chains;
    options.distance_bands = bands;
    options.spacing_swaps = spacing;
    options.seed = 1 + r;
    options.kind = NullKind::degree;
    degree.push_back(run_in_child([&] { return run_null(g, parks, options, threads); }));
    options.kind = NullKind::distance;
    distance.push_back(run_in_child([&] { return run_null(g, parks, options, threads); }));
    std::printf("round %d: degree %.1f s, distance %.1f s\n", r + 1, degree.back().seconds, distance.back().seconds);
    std::fflush(stdout);
  }
  std::vector<double> ratios;
  for (int r = 0; r < rounds; ++r) ratios.push_back(distance[r].seconds / degree[r].seconds);
  const double attempts = degree.front().attempts;
  double load[3] = {0, 0, 0};
  getloadavg(load, 3);
  std::printf("load average at end: %.2f; swap attempts per call: %.3g\n\n", load[0], attempts);
  std::printf("| null | wall s (median) | CPU s | M attempts/s (wall) | acceptance | extra peak MiB | bands (first upper km) | median obs/null mean | median z | lag-1 autocorrelation | median effective replicates |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (const auto* runs : {&degree, &distance}) {
    std::vector<double> seconds, cpu;
    for (const Measure& m : *runs) {
      seconds.push_back(m.seconds);
      cpu.push_back(m.cpu_seconds);
    }
    const Measure& m = runs->front();
    long peak = 0;
    for (const Measure& x : *runs) peak = std::max(peak, x.extra_kib);
    std::printf("| %s | %.1f | %.1f | %.1f | %.3f | %.0f | %d (%.2f) | %.2f | %.1f | %.2f | %.0f |\n",
                runs == &degree ? "degree" : "distance", median(seconds), median(cpu), attempts / median(seconds) / 1e6,
                m.acceptance, peak / 1024.0, m.bands, m.first_band_km, m.median_ratio, m.median_z,
                m.median_autocorrelation, m.median_effective);
  }
  std::vector<double> cpu_ratios;
  for (int r = 0; r < rounds; ++r) cpu_ratios.push_back(distance[r].cpu_seconds / degree[r].cpu_seconds);
  std::printf("\ndistance / degree time: %.2fx wall, %.2fx CPU (medians of same-round ratios)\n", median(ratios),
              median(cpu_ratios));
  return 0;
}

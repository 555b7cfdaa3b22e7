#include "algorithms/clusters/cluster_localisation.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "algorithms/spatial/duranton_overman.hpp"
#include "algorithms/spatial/multiple_testing.hpp"
#include "algorithms/spatial/simulation_envelope.hpp"
#include "graph/random.hpp"

namespace firmnet::clusters {
namespace {

// K of the sites `chosen` into `out`; returns the bandwidth. O(m^2 W).
double curve_of(const spatial::DistanceSites& sites, const spatial::DistanceGrid& grid,
                const std::vector<std::uint32_t>& chosen, std::vector<double>& distances, std::span<double> out) {
  distances.clear();
  for (std::size_t a = 0; a < chosen.size(); ++a)
    for (std::size_t b = a + 1; b < chosen.size(); ++b) distances.push_back(sites.distance_km(chosen[a], chosen[b]));
  double h = spatial::silverman_bandwidth(distances);
  if (!(h > 0)) h = grid.step_km;
  spatial::k_density(distances, {}, h, grid, out);
  return h;
}

double excess(std::span<const double> k, const std::vector<double>& upper, double step) {
  double sum = 0;
  for (std::size_t d = 0; d < k.size(); ++d)
    if (std::isfinite(upper[d]) && k[d] > upper[d]) sum += (k[d] - upper[d]) * step;
  return sum;
}

}  // namespace

Localisation localisation_test(const spatial::DistanceSites& sites, const spatial::DistanceGrid& grid,
                               const std::vector<std::uint32_t>& member_sites, const LocalisationOptions& options) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Localisation result;
  std::vector<std::uint32_t> chosen = member_sites;
  if (chosen.size() > options.max_firms)
    chosen = spatial::random_subset(chosen, options.max_firms, derive_seed(options.seed, spatial::kSubsampleStream));
  result.located = chosen.size();
  result.from_km = result.to_km = result.peak_km = nan;
  if (chosen.size() < 3 || sites.size() < chosen.size()) {
    result.gamma = result.p = result.bandwidth_km = nan;
    return result;
  }
  const std::size_t points = grid.points, simulations = options.simulations;
  std::vector<double> observed(points), curves(simulations * points), distances;
  result.bandwidth_km = curve_of(sites, grid, chosen, distances, observed);
  spatial::SiteSampler sampler(sites.size());
  Rng rng(derive_seed(options.seed, 0x4c4f));  // "LO"
  for (std::size_t s = 0; s < simulations; ++s) {
    curve_of(sites, grid, sampler.draw(rng, chosen.size()), distances, std::span<double>(curves.data() + s * points, points));
  }
  const spatial::Envelope envelope = spatial::simulation_envelope(curves, simulations, points, options.alpha);
  result.gamma = excess(observed, envelope.global_upper, grid.step_km);
  std::uint64_t at_least = 0;
  for (std::size_t s = 0; s < simulations; ++s)
    at_least += excess(std::span<const double>(curves.data() + s * points, points), envelope.global_upper, grid.step_km) >= result.gamma;
  result.p = result.gamma > 0 ? spatial::empirical_p_value(at_least, simulations) : 1.0;
  double largest = 0;
  for (std::size_t d = 0; d < points; ++d) {
    const double above = observed[d] - envelope.global_upper[d];
    if (!(above > 0)) continue;
    if (std::isnan(result.from_km)) result.from_km = grid.at(d);
    result.to_km = grid.at(d);
    if (above > largest) {
      largest = above;
      result.peak_km = grid.at(d);
    }
  }
  return result;
}

}  // namespace firmnet::clusters

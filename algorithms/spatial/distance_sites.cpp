// Sites, distances and the distance grid of the distance-based concentration measures.
// See distance_sites.hpp for the scope and the grid rule.
#include "algorithms/spatial/distance_sites.hpp"

#include <algorithm>
#include <cmath>

#include "algorithms/spatial/concentration_data.hpp"
#include "graph/errors.hpp"

namespace firmnet::spatial {

double DistanceSites::chord_squared(std::size_t a, std::size_t b) const {
  return firmnet::chord_squared(position[a], position[b]);
}

double DistanceSites::distance_km(std::size_t a, std::size_t b) const { return chord_squared_to_km(chord_squared(a, b)); }

std::optional<std::uint32_t> DistanceSites::find_industry(std::string_view name) const {
  auto it = std::lower_bound(industry_names.begin(), industry_names.end(), name);
  if (it == industry_names.end() || *it != name) return std::nullopt;
  return static_cast<std::uint32_t>(it - industry_names.begin());
}

DistanceSites build_distance_sites(const NodeTable& nodes, int industry_level, bool weighted) {
  if (industry_level < 0) throw UsageError("industry level must be 0 (full code) or a positive number of characters");
  DistanceSites sites;
  sites.weighted = weighted;
  sites.industry_level = industry_level;
  DistanceScope& scope = sites.scope;
  const StringColumn& industry = nodes.industry;

  std::vector<std::string> truncated(industry.dictionary.size());
  for (std::size_t c = 0; c < truncated.size(); ++c) truncated[c] = truncate_industry(industry.dictionary[c], industry_level);

  std::vector<NodeId> members;
  for (std::size_t v = 0; v < nodes.size(); ++v) {
    if (nodes.kind[v] != NodeKind::firm) continue;
    ++scope.firms;
    if (industry.missing(v)) {
      ++scope.missing_industry;
      continue;
    }
    if (!std::isfinite(nodes.lat[v]) || !std::isfinite(nodes.lon[v])) {
      ++scope.missing_coordinates;
      continue;
    }
    if (weighted && !(std::isfinite(nodes.employees[v]) && nodes.employees[v] >= 0)) {
      ++scope.missing_employees;
      continue;
    }
    members.push_back(static_cast<NodeId>(v));
  }
  scope.in_scope = members.size();

  for (NodeId v : members) sites.industry_names.push_back(truncated[industry.codes[v]]);
  std::sort(sites.industry_names.begin(), sites.industry_names.end());
  sites.industry_names.erase(std::unique(sites.industry_names.begin(), sites.industry_names.end()),
                             sites.industry_names.end());
  std::vector<std::uint32_t> industry_of(members.size());
  for (std::size_t k = 0; k < members.size(); ++k)
    industry_of[k] = *sites.find_industry(truncated[industry.codes[members[k]]]);
  std::vector<std::size_t> order(members.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return industry_of[a] < industry_of[b]; });

  sites.industry_offsets.assign(sites.industry_names.size() + 1, 0);
  for (std::size_t k : order) {
    const NodeId v = members[k];
    ++sites.industry_offsets[industry_of[k] + 1];
    sites.node.push_back(v);
    sites.lat.push_back(nodes.lat[v]);
    sites.lon.push_back(nodes.lon[v]);
    sites.weight.push_back(weighted ? nodes.employees[v] : 1.0);
    sites.position.push_back(unit_vector(nodes.lat[v], nodes.lon[v]));
  }
  for (std::size_t i = 0; i < sites.industry_names.size(); ++i)
    sites.industry_offsets[i + 1] += sites.industry_offsets[i];
  return sites;
}

namespace {

double median_in_place(std::vector<double>& values) {
  const std::size_t half = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(half), values.end());
  const double upper = values[half];
  if (values.size() % 2 == 1) return upper;
  const double lower = *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(half));
  return (lower + upper) / 2;
}

}  // namespace

double median_site_distance(const DistanceSites& sites, std::uint64_t seed, bool& exact) {
  const std::size_t n = sites.size();
  if (n < 2) throw DataError("distance measures need at least 2 firms with coordinates and an industry; found " +
                             std::to_string(n));
  std::vector<double> distances;
  exact = n <= kExactMedianSites;
  if (exact) {
    distances.reserve(n * (n - 1) / 2);
    for (std::size_t a = 0; a + 1 < n; ++a)
      for (std::size_t b = a + 1; b < n; ++b) distances.push_back(sites.distance_km(a, b));
  } else {
    Rng rng(seed);
    distances.reserve(kMedianSamplePairs);
    for (std::uint64_t k = 0; k < kMedianSamplePairs; ++k) {
      const std::uint64_t a = rng.below(n), b = (a + 1 + rng.below(n - 1)) % n;  // b != a, uniform
      distances.push_back(sites.distance_km(a, b));
    }
  }
  return median_in_place(distances);
}

DistanceGrid make_distance_grid(const DistanceSites& sites, double max_km, std::size_t points, std::uint64_t seed) {
  if (points < 2) throw UsageError("the distance grid needs at least 2 points");
  if (!std::isfinite(max_km) || max_km < 0)
    throw UsageError("the maximum distance must be a finite number of km, or 0 for the median pair distance");
  DistanceGrid grid;
  grid.points = points;
  if (max_km > 0) {
    grid.max_km = max_km;
    grid.rule = "given";
  } else {
    bool exact = false;
    grid.max_km = median_site_distance(sites, seed, exact);
    grid.rule = exact ? "median distance over all " + std::to_string(sites.size() * (sites.size() - 1) / 2) +
                            " pairs of sites"
                      : "median distance over " + std::to_string(kMedianSamplePairs) + " random pairs of sites";
    if (!(grid.max_km > 0))
      throw DataError("the median distance between firms is 0 (most firms share one point); give a maximum distance");
  }
  grid.step_km = grid.max_km / static_cast<double>(points - 1);
  return grid;
}

SiteSampler::SiteSampler(std::size_t n) : slots_(n) {
  for (std::size_t t = 0; t < n; ++t) slots_[t] = static_cast<std::uint32_t>(t);
}

const std::vector<std::uint32_t>& SiteSampler::draw(Rng& rng, std::size_t count) {
  const std::size_t n = slots_.size();
  drawn_.resize(count);
  swaps_.resize(count);
  for (std::size_t t = 0; t < count; ++t) {
    swaps_[t] = static_cast<std::uint32_t>(t + rng.below(n - t));
    std::swap(slots_[t], slots_[swaps_[t]]);
    drawn_[t] = slots_[t];
  }
  for (std::size_t t = count; t-- > 0;) std::swap(slots_[t], slots_[swaps_[t]]);  // undo, last swap first
  return drawn_;
}

std::vector<std::uint32_t> random_subset(const std::vector<std::uint32_t>& items, std::size_t count,
                                         std::uint64_t seed) {
  Rng rng(seed);
  SiteSampler sampler(items.size());
  std::vector<std::uint32_t> positions = sampler.draw(rng, count);
  std::sort(positions.begin(), positions.end());
  std::vector<std::uint32_t> subset;
  for (std::uint32_t p : positions) subset.push_back(items[p]);
  return subset;
}

}  // namespace firmnet::spatial

// Input of the distance-based concentration measures (Duranton-Overman K-density,
// Marcon-Puech M; docs/concentration.md): the firms with coordinates as sites, with their
// industry and weight, and the grid of distances on which the curves are evaluated.
//
// Scope: nodes of kind firm with an industry and finite coordinates; when weighted, also a
// usable employee count (finite, >= 0). Other firms are counted in DistanceScope and left out.
// No spatial unit is needed: these measures exist to avoid the borders of units.
//
// Distance: great-circle km on the sphere of graph/geo_distance.hpp (kEarthRadiusKm) from unit
// vectors p, q: d = 2 R asin(|p - q| / 2), the haversine distance written with the
// trigonometry done once per site instead of once per pair.
//
// Grid: points 0, step, 2 step, ..., max_km with step = max_km / (points - 1). max_km is given
// or, by default, the median distance between pairs of sites (Duranton & Overman 2005 chose
// 180 km, the median distance between pairs of UK establishments): over all pairs up to
// kExactMedianSites sites, else over kMedianSamplePairs pairs of distinct sites drawn at random.
//
// Complexity: O(n + c log c) to build for n nodes and c sites; the default grid costs
// O(min(c^2, kMedianSamplePairs)).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/geo_distance.hpp"
#include "graph/graph.hpp"
#include "graph/random.hpp"

namespace firmnet::spatial {

/// Where the firms of the node table went.
struct DistanceScope {
  std::uint64_t firms = 0;                // nodes of kind firm
  std::uint64_t in_scope = 0;             // sites
  std::uint64_t missing_coordinates = 0;  // industry known, lat or lon missing
  std::uint64_t missing_industry = 0;     // no industry (with or without coordinates)
  std::uint64_t missing_employees = 0;    // weighted only: located, classified, no usable employee count
};

/// Firms with coordinates, grouped by industry: industry i owns sites
/// industry_offsets[i] .. industry_offsets[i + 1], in node order within the industry.
struct DistanceSites {
  bool weighted = false;  // weight = employees (true) or 1
  int industry_level = 0;
  DistanceScope scope;
  std::vector<std::string> industry_names;  // sorted, distinct (after truncation)
  std::vector<std::uint64_t> industry_offsets{0};
  std::vector<NodeId> node;
  std::vector<double> lat, lon, weight;
  std::vector<UnitVector> position;  // unit vector of (lat, lon)

  std::size_t size() const { return node.size(); }
  std::size_t industry_count() const { return industry_names.size(); }
  std::uint64_t industry_size(std::size_t i) const { return industry_offsets[i + 1] - industry_offsets[i]; }
  /// Great-circle distance in km between sites a and b. O(1).
  double distance_km(std::size_t a, std::size_t b) const;
  /// Squared chord |p - q|^2 between the unit vectors of sites a and b, which grows with the
  /// distance: comparisons with a radius need no trigonometry per pair. O(1).
  double chord_squared(std::size_t a, std::size_t b) const;
  /// Index of an industry name (after truncation), or nullopt. O(log industries).
  std::optional<std::uint32_t> find_industry(std::string_view name) const;
};

/// Builds the sites of the firms in `nodes` with industries cut to `industry_level` code
/// points (truncate_industry). Throws UsageError for a negative level. O(n + c log c).
DistanceSites build_distance_sites(const NodeTable& nodes, int industry_level, bool weighted);

/// Stream constants for derive_seed, so that the random draws of the grid and of each distance
/// measure are independent of each other; kSubsampleStream picks a fixed subset of firms.
inline constexpr std::uint64_t kGridStream = 0x4744;              // "GD"
inline constexpr std::uint64_t kDurantonOvermanStream = 0x444f;  // "DO"
inline constexpr std::uint64_t kMarconPuechStream = 0x4d50;      // "MP"
inline constexpr std::uint64_t kSubsampleStream = ~std::uint64_t{0};

inline constexpr std::size_t kExactMedianSites = 2000;
inline constexpr std::uint64_t kMedianSamplePairs = 1000000;

/// The distances 0 .. max_km at which curves are evaluated.
struct DistanceGrid {
  double max_km = 0, step_km = 0;
  std::size_t points = 0;
  std::string rule;  // how max_km was chosen, for the output
  /// The k-th distance, k * step_km. O(1).
  double at(std::size_t k) const { return static_cast<double>(k) * step_km; }
};

/// Median distance between pairs of distinct sites (the mean of the two middle values for an
/// even count): exact over all pairs when sites <= kExactMedianSites, else over
/// kMedianSamplePairs random pairs drawn from Rng(seed). Sets `exact`. Throws DataError for
/// fewer than 2 sites. O(min(c^2, kMedianSamplePairs)).
double median_site_distance(const DistanceSites& sites, std::uint64_t seed, bool& exact);

/// The grid of `points` distances from 0 to max_km, or to the median site distance when
/// max_km is 0. Throws UsageError for points < 2 or a negative or non-finite max_km, DataError
/// when the default is needed and the median is 0 or there are fewer than 2 sites.
/// O(1), or O(min(c^2, kMedianSamplePairs)) for the default.
DistanceGrid make_distance_grid(const DistanceSites& sites, double max_km, std::size_t points, std::uint64_t seed);

/// Uniform samples without replacement from 0 .. n - 1 (n < 2^32), for the counterfactual
/// draws: a partial Fisher-Yates shuffle of a kept permutation, undone after each draw so that
/// every draw starts from the same state and depends only on the Rng. O(n) to build, O(count)
/// per draw.
class SiteSampler {
 public:
  explicit SiteSampler(std::size_t n);
  /// `count` (<= n) distinct indices in random order, valid until the next draw. O(count).
  const std::vector<std::uint32_t>& draw(Rng& rng, std::size_t count);

 private:
  std::vector<std::uint32_t> slots_, drawn_, swaps_;
};

/// A fixed random subset of `count` of `items` (count <= items.size()), drawn from
/// Rng(seed) and returned in the items' order. O(items).
std::vector<std::uint32_t> random_subset(const std::vector<std::uint32_t>& items, std::size_t count,
                                         std::uint64_t seed);

}  // namespace firmnet::spatial

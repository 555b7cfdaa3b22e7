// Localisation of a candidate cluster: are its members' bilateral distances concentrated
// compared with random draws of firm sites? The Duranton-Overman test (Duranton & Overman
// 2005, "Testing for localization using micro-geographic data", Rev. Econ. Stud. 72(4):
// 1077-1106) applied to a set of firms instead of an industry.
//
// Formula: K(d) is the kernel density of the members' pair distances (duranton_overman.hpp,
// Silverman bandwidth, reflected at 0). Counterfactuals: S draws of as many sites, without
// replacement, from all located firms of the study area; their K curves give global bands at
// level alpha (simulation_envelope.hpp). Statistic: Gamma = sum_d max(K(d) - upper(d), 0) step,
// DO's localisation index. p-value: (1 + #{s : Gamma_s >= Gamma}) / (S + 1), Gamma_s the same
// index of counterfactual s against the same band (p = 1 when Gamma = 0). The distances at
// which the members are localised are the grid points where K exceeds the global upper band:
// the first, the last and the one with the largest excess.
// Candidates with more than max_firms located members are represented by a fixed random
// subset of max_firms of them (DO section 4), and draw as many sites.
// Complexity: O((S + 1) m^2 W + S D log S) per candidate, m = min(members, max_firms), W the
// grid points within 9 bandwidths of a distance, D the grid points.
#pragma once
#include <cstdint>
#include <vector>

#include "algorithms/spatial/distance_sites.hpp"

namespace firmnet::clusters {

struct LocalisationOptions {
  std::size_t simulations = 99;
  std::size_t max_firms = 200;
  double alpha = 0.05;
  std::uint64_t seed = 1;
};

struct Localisation {
  std::uint64_t located = 0;      // members with coordinates (sites) used, after subsampling
  double gamma = 0;               // localisation index; NaN with fewer than 3 located members
  double p = 1;                   // NaN with fewer than 3 located members
  double from_km = 0, to_km = 0, peak_km = 0;  // NaN when not localised anywhere
  double bandwidth_km = 0;
};

/// Localisation of the members `member_sites` (indices into `sites`) on `grid`; draws come
/// from Rng streams derived from options.seed only, so the result is the same on any thread
/// count. O((S + 1) m^2 W + S D log S).
Localisation localisation_test(const spatial::DistanceSites& sites, const spatial::DistanceGrid& grid,
                               const std::vector<std::uint32_t>& member_sites, const LocalisationOptions& options);

}  // namespace firmnet::clusters

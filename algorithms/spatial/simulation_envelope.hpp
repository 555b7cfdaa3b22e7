// Confidence bands of a curve over distances from simulated counterfactual curves, by the
// procedure of Duranton & Overman (2005, Rev. Econ. Stud. 72(4):1077-1106, section 4).
//
// Given S simulated curves c_s(d) over the grid points d, and alpha (0.05 in DO):
//   local bands:  at each d, upper = the value that floor(alpha S) simulations exceed
//                 (the (floor(alpha S) + 1)-th largest c_s(d)), lower likewise from below;
//   global bands: the value of rank j from the top at every d, with j the largest rank such
//                 that at most floor(alpha S) simulations hit the band (reach or pass it) at one
//                 distance or more; likewise from below. DO raise the local percentile until
//                 only 5% of the simulations hit the band anywhere; hits do not decrease as the
//                 band moves inwards by one rank, so the rank is found by bisection.
// Hits count a simulation lying on the band: a curve that defines the band would lie beyond
// it had it been left out of the simulations, so counting strict crossings only would make
// the band too narrow: a new curve exchangeable with the simulations would pass it far more
// often than alpha (docs/concentration.md gives figures). With too few simulations even the
// pointwise extreme (rank 0) is hit by more than floor(alpha S); then the band is that extreme.
// A curve strictly above the global upper band somewhere departs from the counterfactual at
// level alpha over the whole grid, not just at one distance.
// Points where some simulation is NaN get NaN bands and take no part in the global count.
//
// Complexity: O(S d log S) to sort each point's values, O(S d log S) for the bisection.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace firmnet::spatial {

/// Where a curve lies against its global bands at one grid point.
enum class DistanceStatus : std::int8_t { dispersed = -1, neither = 0, localised = 1 };

struct Envelope {
  std::vector<double> local_lower, local_upper, global_lower, global_upper;  // per grid point
  std::uint64_t upper_rank = 0, lower_rank = 0;  // 0-based rank of the global bands from the top / bottom
  std::uint64_t upper_hits = 0, lower_hits = 0;  // simulations reaching or passing the global bands
  bool reached = false;  // both global bands hit by at most floor(alpha S) simulations
  /// Local percentile the global bands correspond to (DO's "local confidence level"),
  /// 1 - upper_rank / S and lower_rank / S; NaN without simulations.
  double upper_level = 0, lower_level = 0;
};

/// Bands of `simulations` curves of `points` values each, row-major in `curves`
/// (curve s at curves[s * points ...]). alpha in (0, 1). Without simulations every band is NaN.
/// Throws UsageError for alpha outside (0, 1). O(S d log S).
Envelope simulation_envelope(const std::vector<double>& curves, std::size_t simulations, std::size_t points,
                             double alpha);

}  // namespace firmnet::spatial

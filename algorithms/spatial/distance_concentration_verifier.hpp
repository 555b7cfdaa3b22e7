// Verifier of the distance-based concentration measures (concentration.hpp with distances),
// written apart from the kernels. For every K-density curve: the status at each distance and
// Gamma and Psi recomputed from the stored curve and its global bands by their definitions
// (Duranton & Overman 2005, duranton_overman.hpp); for industries used whole and small enough,
// K itself against the formula summed term by term, with Silverman's bandwidth recomputed
// (verify_k_density). For every M curve: the status against its global bands; for industries
// whose M used every firm as a centre on an unthinned pattern, small enough, M against the
// formula summed directly with haversine distances (verify_m_function, Marcon & Puech 2010).
// Curves too large for the direct sums are named in the notes.
// Complexity: O(curves * grid points) plus the direct sums within kDirectSumBudget each.
#pragma once
#include "algorithms/spatial/concentration.hpp"
#include "graph/verification.hpp"

namespace firmnet::spatial {

/// Work allowed for one direct sum (pairs x evaluation points, or centres x sites x radii).
inline constexpr double kDirectSumBudget = 5e7;

/// Checks the K-density and M curves of `distance`. O(curves * points + direct sums).
Verification verify_distance_concentration(const DistanceOutcome& distance);

}  // namespace firmnet::spatial

// Verifier of the Duranton-Overman K-density (duranton_overman.hpp; Duranton & Overman 2005,
// Silverman 1986), written apart from the kernel: the formula summed term by term with std::exp
// over every pair, no cut-off and no recurrence, and the integral of the density by Simpson's rule.
// Complexity: O(P (D + Q)) for P pairs, D grid points and Q integration panels.
#pragma once
#include "algorithms/spatial/duranton_overman.hpp"
#include "graph/verification.hpp"

namespace firmnet::spatial {

/// Checks of k_density's output `k`: every value >= 0; each value equal, to 1e-9 of the
/// largest, to the formula summed term by term with std::exp over all pairs; and the untruncated
/// reflected density integrating to 1 (to 1e-6) over [0, max d + 12 h] by Simpson's rule on
/// Q = max(4000, 8 (max d + 12 h) / h) panels. O(P (D + Q)).
Verification verify_k_density(std::span<const double> distances, std::span<const double> pair_weights,
                              double bandwidth, const DistanceGrid& grid, const std::vector<double>& k);

}  // namespace firmnet::spatial

// Verifier of the shock cascade and ESRI (shock_cascade.hpp, esri.hpp), written apart from
// the frontier kernel: it re-evaluates the production function from plain sums over every
// link's volume (no running terms, no frontier; the replaceability factor from plain sums of
// each market's remaining output) and checks that
//   - every level lies in [0, 1], failing firms at most 1 - fraction;
//   - the levels are a fixed point within the tolerance: |F(h)_i - h_i| <= tolerance + 1e-9
//     (with channels `both`: each track, rerun alone, is a fixed point of its channel and the
//     levels are the two tracks' minimum);
//   - levels are monotone in the shock: none lies above 1 - psi and none above the level
//     the map gives after one round from the unshocked state (F(1 - psi) >= h);
//   - ESRI_i >= own output share, ESRI_i <= 1, and ESRI_i = the output-weighted loss of the
//     levels recomputed here for a sample of firms (relative 1e-9).
// Complexity: O(n + m log d) per re-evaluated cascade; O(sample (cascade + n + m)) in all.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "algorithms/risk/esri.hpp"
#include "graph/verification.hpp"

namespace firmnet::risk {

/// Checks levels (one per node) as the fixed point of the cascade of `shocks` on `network`.
/// O(n + m log d).
Verification verify_cascade_levels(const ProductionNetwork& network, const std::vector<InitialShock>& shocks,
                                   const CascadeSettings& settings, const std::vector<double>& levels);

/// Checks an ESRI outcome: bounds for every exact firm, and for `sample` firms drawn with
/// `seed` a fresh cascade whose levels pass verify_cascade_levels and whose loss equals the
/// stored ESRI. O(n + sample (cascade + n + m log d)).
Verification verify_esri(const ProductionNetwork& network, const RiskOutcome& outcome,
                         const CascadeSettings& settings, std::size_t sample = 20, std::uint64_t seed = 1);

}  // namespace firmnet::risk

// Verifier of the Marcon-Puech M function (marcon_puech.hpp; Marcon & Puech 2010), written
// apart from the kernel: every centre against every other pattern point at every radius, with
// haversine distances (graph/geo_distance.hpp) instead of the kernel's table of squared chords.
// Complexity: O(c P R) for c centres, P pattern points and R radii.
#pragma once
#include "algorithms/spatial/marcon_puech.hpp"
#include "graph/verification.hpp"

namespace firmnet::spatial {

/// The formula summed directly: every centre, every other pattern point, every radius, with
/// haversine distances compared to r. Fails at each radius where `m` differs from it by more
/// than 1e-9 (relative), or where one is NaN and the other not. O(c P R).
Verification verify_m_function(const DistanceSites& sites, const NeighbourTable& table,
                               std::span<const std::uint32_t> members,
                               std::span<const std::uint32_t> centres, const std::vector<double>& m);

}  // namespace firmnet::spatial

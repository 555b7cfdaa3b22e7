// Verifier of the unit signatures (unit_dynamics.hpp), written differently: edges by EdgeId
// with their source found by binary search, years and alive flags tested directly.
#pragma once
#include <vector>

#include "algorithms/evolution/unit_dynamics.hpp"
#include "graph/verification.hpp"

namespace firmnet::evolution {

/// Recounts, for every row, the alive members and firms, entries and exits, the internal links
/// and their vertical part, and checks the shares lie in [0, 1] and the new links add up.
/// O(T (n + m log n)).
Verification verify_unit_dynamics(const Graph& graph, const SnapshotPlan& plan, const spatial::SpatialUnits& units,
                                  const std::vector<UnitYear>& rows);

}  // namespace firmnet::evolution

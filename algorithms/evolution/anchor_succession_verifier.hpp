// Verifier of anchor succession (anchor_succession.hpp), written differently: scores recounted
// edge by edge by EdgeId (source by binary search), the top K rebuilt by selection, and the
// events replayed from the rank lists of consecutive snapshots.
#pragma once
#include <vector>

#include "algorithms/evolution/anchor_succession.hpp"
#include "graph/verification.hpp"

namespace firmnet::evolution {

/// Checks every ranked firm's score and id, that each unit-year's ranks are 1..k with k = min(top,
/// firms with a positive score) in order of score (ties by node), and that the events are
/// exactly those the rank lists of a unit's consecutive snapshots imply. O(T (m log n + U K n)), U units.
Verification verify_anchor_succession(const Graph& graph, const SnapshotPlan& plan, const spatial::SpatialUnits& units,
                                      int top, const AnchorSuccession& succession);

}  // namespace firmnet::evolution

// Verifier of the event study (event_study.hpp), written by brute force: every cell effect is
// recomputed by scanning the unit-year rows for each value it needs, and the estimates as plain
// means of the recomputed cells.
#pragma once
#include <vector>

#include "algorithms/evolution/event_study.hpp"
#include "graph/verification.hpp"

namespace firmnet::evolution {

/// Checks every event-study row's relative year, comparison count and cell effects (ratio and
/// internal links), each estimate's cell count and value, and that every interval holds its
/// bounds in order. O(rows^2 * units).
Verification verify_event_study(const std::vector<UnitYear>& rows, const std::vector<int>& established,
                                const EventStudy& study);

}  // namespace firmnet::evolution

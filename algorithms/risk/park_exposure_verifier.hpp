// Verifier of the park exposure (park_exposure.hpp), written apart from its scenario loop: it
// reruns every park's anchors' scenario and every region's lockdown one at a time, checks the
// levels as the cascade's fixed point with verify_cascade_levels (which re-evaluates the
// production function from the supply links), and recomputes the parks' losses by walking
// every node (not the touched list), keyed by park name. It also checks that
//   - every loss lies in [0, 1];
//   - a park loses at least its failing anchors' own output (anchors_loss >= their share);
//   - the worst region's loss is the largest over the regions holding no member of the park,
//     and the anchors are the park's members of highest score (or output), in that order.
// Complexity: O(P + R) cascades, each O(n + m log d) to check, for P parks and R regions,
// plus O(P n) for the anchors' ranks.
#pragma once
#include "algorithms/risk/park_exposure.hpp"
#include "graph/verification.hpp"

namespace firmnet::risk {

/// Checks an exposure outcome on the view it was computed on. O((P + R)(cascade + n + m log d) + P n).
Verification verify_park_exposure(const GraphView& view, const ExposureRequest& request, const ExposureOutcome& outcome);

}  // namespace firmnet::risk

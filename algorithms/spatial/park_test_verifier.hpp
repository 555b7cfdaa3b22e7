// Verifier of the park-test evidence (park_test.hpp, run_park_test), written apart from the
// kernel: where the kernel visits each member's out- and in-edges, this makes one plain scan
// over the edge list (source, target, accepted by the filter) and credits both ends. Per unit
// it recounts and compares
//   - members, firms and members by kind;
//   - internal links (both ends in the unit) and their weight, density = links / (n (n - 1)),
//     and the observed count the null model stored;
//   - vertical (different stages) and horizontal (same stage) internal firm-firm links with
//     known stages, and the vertical share;
//   - link ends (accepted links touching a member, once per member end), split into inside the
//     unit / elsewhere in the member's region / outside it, and the three shares;
//   - links to supporting institutions inside the unit and elsewhere in the region;
//   - the hub's internal link ends (the largest among members).
// Counts must match exactly, shares and weights to 1e-12 relative.
// Complexity: O(n + m) (m edges of the graph, each source found by walking the offsets).
#pragma once
#include "algorithms/spatial/park_test.hpp"
#include "graph/verification.hpp"

namespace firmnet::spatial {

/// Checks the evidence of `report` = run_park_test(graph, units, options). O(n + m).
Verification verify_park_test(const Graph& graph, const ParkTestOptions& options, const ParkTestReport& report);

}  // namespace firmnet::spatial

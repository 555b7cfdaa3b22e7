// Verifier of a convex hull (convex_hull.hpp; Andrew 1979), written apart from the monotone
// chain: every input point is tested against every hull edge (inside or on it), every three
// consecutive vertices must turn strictly left (convex, counter-clockwise, no collinear
// vertex), and every vertex must be one of the input points.
// Complexity: O(k h) for k points and h hull vertices.
#pragma once
#include <vector>

#include "algorithms/spatial/convex_hull.hpp"
#include "graph/verification.hpp"

namespace firmnet::spatial {

/// Checks hull against the points it was built from. Fewer than three distinct points need
/// the hull to be exactly those points. O(k h).
Verification verify_convex_hull(const std::vector<PlanePoint>& points, const std::vector<PlanePoint>& hull);

}  // namespace firmnet::spatial

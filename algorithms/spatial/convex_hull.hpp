// Convex hull of points in the plane by Andrew's monotone chain (Andrew 1979, Inf. Process.
// Lett. 9(5):216-219): sort the points, then build the lower and upper chains keeping only left
// turns (cross product > 0). Used to outline parks and clusters on maps.
// Complexity: O(k log k) for k points.
#pragma once
#include <utility>
#include <vector>

namespace firmnet::spatial {

using PlanePoint = std::pair<double, double>;  // (x, y)

/// The hull's vertices counter-clockwise, without collinear points; fewer than three distinct
/// points come back as they are (deduplicated, sorted). O(k log k).
std::vector<PlanePoint> convex_hull(std::vector<PlanePoint> points);

}  // namespace firmnet::spatial

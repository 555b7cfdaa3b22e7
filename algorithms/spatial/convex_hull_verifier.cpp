#include "algorithms/spatial/convex_hull_verifier.hpp"

#include <algorithm>
#include <set>

namespace firmnet::spatial {

namespace {

// Twice the signed area of triangle (a, b, c): > 0 for a left turn at b.
double turn(const PlanePoint& a, const PlanePoint& b, const PlanePoint& c) {
  return (b.first - a.first) * (c.second - a.second) - (b.second - a.second) * (c.first - a.first);
}

std::string point_text(const PlanePoint& p) {
  return "(" + number_text(p.first) + ", " + number_text(p.second) + ")";
}

}  // namespace

Verification verify_convex_hull(const std::vector<PlanePoint>& points, const std::vector<PlanePoint>& hull) {
  Verification out;
  const std::set<PlanePoint> distinct(points.begin(), points.end());
  for (const auto& vertex : hull)
    if (!distinct.count(vertex)) out.fail("hull vertex " + point_text(vertex) + " is not an input point");
  if (distinct.size() < 3) {
    if (std::set<PlanePoint>(hull.begin(), hull.end()) != distinct || hull.size() != distinct.size())
      out.fail("fewer than three distinct points must come back as they are");
    return out;
  }
  const std::size_t h = hull.size();
  if (h < 3) {
    // Only all-collinear inputs reduce to a segment: every point must lie on it.
    if (h != 2) out.fail("hull of " + std::to_string(distinct.size()) + " distinct points has " + std::to_string(h) + " vertices");
    else
      for (const auto& p : distinct)
        if (turn(hull[0], hull[1], p) != 0) out.fail("point " + point_text(p) + " is off the segment hull");
    return out;
  }
  for (std::size_t i = 0; i < h; ++i)
    if (turn(hull[i], hull[(i + 1) % h], hull[(i + 2) % h]) <= 0)
      out.fail("no strict left turn at vertex " + point_text(hull[(i + 1) % h]));
  for (const auto& p : distinct)
    for (std::size_t i = 0; i < h; ++i)
      if (turn(hull[i], hull[(i + 1) % h], p) < 0) {
        out.fail("point " + point_text(p) + " is outside edge " + std::to_string(i));
        break;
      }
  return out;
}

}  // namespace firmnet::spatial

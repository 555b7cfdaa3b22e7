// Andrew's monotone chain (Andrew 1979, Inf. Process. Lett. 9(5):216-219): after sorting by
// (x, y), the lower chain is built left to right and the upper chain right to left, popping the
// last vertex while it does not make a strict left turn, cross(o, a, b) = (a-o) x (b-o) > 0.
// Complexity: O(k log k) for the sort, O(k) for the chains. Verifier: convex_hull_verifier.hpp.
#include "algorithms/spatial/convex_hull.hpp"

#include <algorithm>

namespace firmnet::spatial {

std::vector<PlanePoint> convex_hull(std::vector<PlanePoint> p) {
  std::sort(p.begin(), p.end());
  p.erase(std::unique(p.begin(), p.end()), p.end());
  if (p.size() < 3) return p;
  auto cross = [](const PlanePoint& o, const PlanePoint& a, const PlanePoint& b) {
    return (a.first - o.first) * (b.second - o.second) - (a.second - o.second) * (b.first - o.first);
  };
  std::vector<PlanePoint> hull(2 * p.size());
  std::size_t k = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    while (k >= 2 && cross(hull[k - 2], hull[k - 1], p[i]) <= 0) --k;
    hull[k++] = p[i];
  }
  for (std::size_t i = p.size() - 1, t = k + 1; i > 0; --i) {
    while (k >= t && cross(hull[k - 2], hull[k - 1], p[i - 1]) <= 0) --k;
    hull[k++] = p[i - 1];
  }
  hull.resize(k - 1);
  return hull;
}

}  // namespace firmnet::spatial

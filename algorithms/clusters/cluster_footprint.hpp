// The footprint of a cluster: where its members are, whichever parks, towns and regions they
// straddle (docs/clusters.md, "Footprint").
//
// Shares: for the park, region and (when the node table has a `town` column) town columns,
// each value's share of the members (members without a value count in the denominator, so the
// shares of a column sum to the located-by-value share). Borders: the regions holding at least
// border_share of the members; a cluster crosses a border when there are two or more. Outline:
// the convex hull (convex_hull.hpp) of the members' (lon, lat), as (x = lon, y = lat).
// Complexity: O(k log k) for k members.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "algorithms/spatial/convex_hull.hpp"
#include "graph/graph.hpp"

namespace firmnet::clusters {

using ValueShare = std::pair<std::string, double>;  // a column value and its share of the members

struct ClusterFootprint {
  std::vector<ValueShare> parks, regions, towns;  // by decreasing share, then value
  std::vector<std::string> border_regions;        // regions with share >= border_share, by decreasing share
  std::vector<spatial::PlanePoint> hull;          // (lon, lat), counter-clockwise
  /// Two or more border regions. O(1).
  bool crosses_border() const { return border_regions.size() >= 2; }
};

/// The footprint of `members` (node ids). O(k log k).
ClusterFootprint cluster_footprint(const NodeTable& nodes, const std::vector<NodeId>& members, double border_share);

}  // namespace firmnet::clusters

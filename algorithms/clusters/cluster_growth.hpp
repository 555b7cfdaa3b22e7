// Growth of a cluster, when the network has years (the "growth of firms and links" indicator of
// docs/clusters.md).
//
// Y is the last year (run_clusters takes that of the view's dated links, else the latest
// founding year), W the window. A member firm is alive in year y when founded <= y and (closed = 0 or closed >= y);
// firms of unknown founding year are left out of both counts.
//   firm growth = alive(Y) / alive(Y - W) - 1
//   link growth = internal links dated in (Y - W, Y] / internal links dated in (Y - 2W, Y - W] - 1
// Internal links are the view's links with both ends members; undated links are left out.
// Either growth is NaN when its earlier count is 0 (no base to grow from), so a cluster born
// inside the window is not reported as growing infinitely.
// Complexity: O(k + d) for k members with d out-link ends; last_link_year is O(m).
#pragma once
#include <cstdint>
#include <vector>

#include "graph/views.hpp"

namespace firmnet::clusters {

struct ClusterGrowth {
  std::int32_t last_year = 0;  // Y; 0 when the network has no years
  std::int32_t window = 0;     // W
  std::uint64_t firms_before = 0, firms_now = 0;  // alive in Y - W and in Y
  std::uint64_t links_before = 0, links_recent = 0;  // dated in (Y - 2W, Y - W] and (Y - W, Y]
  double firm_growth = 0, link_growth = 0;  // NaN when undefined (see above)
};

/// The last year of the view's dated links, or 0 when none is dated. O(m).
std::int32_t last_link_year(const GraphView& view);

/// Growth of the cluster whose members are `members` (sorted node ids) over the window ending
/// in last_year (0: no years, every figure NaN). Throws UsageError for window < 1. O(k + d).
ClusterGrowth cluster_growth(const GraphView& view, const std::vector<NodeId>& members, std::int32_t last_year, int window);

}  // namespace firmnet::clusters

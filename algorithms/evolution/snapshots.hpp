// Yearly (or rolling-window) snapshots of a dated network, as views over the one CSR
// (docs/evolution.md).
//
// Snapshot t of year y with window K holds the accepted links dated y - K + 1 .. y (an
// EdgeFilter year range on the caller's filter) among the nodes alive in y: founded == 0 or
// founded <= y, and closed == 0 or closed >= y (closed is the last year alive). Undated links
// are kept in every snapshot or dropped, as the request says; the plan counts them. Years run
// from first + K - 1 to last, first and last the request's bounds or else the earliest and
// latest link year, so every snapshot pools K full years.
// No graph is copied: a snapshot is a filter and an alive flag per node (n bytes).
// Complexity: O(m) to find the years and count links per snapshot, O(n) per snapshot for the
// alive flags.
#pragma once
#include <cstdint>
#include <vector>

#include "graph/views.hpp"

namespace firmnet::evolution {

struct SnapshotRequest {
  int first_year = 0;         // 0 = the earliest link year
  int last_year = 0;          // 0 = the latest link year
  int window = 1;             // years pooled per snapshot
  bool keep_undated = false;  // undated links in every snapshot (true) or in none
};

struct Snapshot {
  int year = 0;                      // the last year of the window; firms alive then
  EdgeFilter filter;                 // the caller's filter restricted to the window
  std::vector<std::uint8_t> alive;   // per node: 1 when alive in `year`
  std::uint64_t links = 0;           // accepted links among alive nodes
  std::uint64_t alive_nodes = 0;
};

struct SnapshotPlan {
  std::vector<Snapshot> snapshots;
  std::uint64_t undated_links = 0;  // accepted-type links without a year (kept or dropped)
  int first_year = 0, last_year = 0;
  /// The view of snapshot t over graph. The plan must outlive it. O(1).
  GraphView view(const Graph& graph, std::size_t t) const {
    return GraphView(graph, snapshots[t].filter).with_nodes(snapshots[t].alive);
  }
};

/// Whether node u is alive in year: founded (0 = unknown) at or before it and closed (0 = open)
/// at or after it. O(1).
bool alive_in(const NodeTable& nodes, NodeId u, int year);

/// The snapshots of the view's accepted links. Throws UsageError for window < 1 or a first year
/// after the last, DataError when no accepted link has a year. O(m + n * snapshots).
SnapshotPlan plan_snapshots(const GraphView& view, const SnapshotRequest& request);

}  // namespace firmnet::evolution

// Anchor succession: the top anchors of each unit per snapshot and the events when an anchor
// enters the top, leaves it or loses rank (docs/evolution.md, "Anchor succession").
//
// Score (within-unit degree, the park test's hub measure of park_verdicts.hpp widened to a top
// K): for a firm f of unit U in snapshot t, the number of the snapshot's internal links of U
// that have f at one end (in or out, parallel links counted). The top K firms of U are those of
// highest score, at least 1, ties by node order. Between consecutive snapshots of U:
//   enter     : in the top K now, not before;
//   leave     : in the top K before, not now (alive says whether the firm still exists: an
//               anchor that closed, or one that lost its links);
//   lose rank : in the top K both times, at a worse rank now.
// No events in a unit's first snapshot or after a snapshot in which the unit had no members.
// Complexity: O(n + m_t + c log c) per snapshot, c the unit firms with internal links.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "algorithms/evolution/snapshots.hpp"
#include "algorithms/spatial/spatial_units.hpp"

namespace firmnet::evolution {

inline constexpr const char* kAnchorEnter = "enter";
inline constexpr const char* kAnchorLeave = "leave";
inline constexpr const char* kAnchorLoseRank = "lose rank";

struct AnchorRank {
  std::size_t unit = 0;
  int year = 0;
  int rank = 0;  // 1 = top
  NodeId node = 0;
  std::string id;  // the node's id
  std::uint64_t score = 0;
};

struct AnchorEvent {
  std::size_t unit = 0;
  int year = 0;
  NodeId node = 0;
  std::string id;  // the node's id
  std::string event;
  int rank_before = 0, rank_after = 0;  // 0 = not in the top K
  bool alive = true;                    // the firm is alive in `year`
};

struct AnchorSuccession {
  std::vector<AnchorRank> ranks;    // by snapshot, unit, rank
  std::vector<AnchorEvent> events;  // by snapshot, unit, then rank before (leave, lose rank) or after (enter)
};

/// The top `top` anchors per unit and snapshot, and their events. Throws UsageError for top < 1.
/// O(T (n + m) + sum c log c).
AnchorSuccession anchor_succession(const Graph& graph, const SnapshotPlan& plan, const spatial::SpatialUnits& units,
                                   int top);

}  // namespace firmnet::evolution

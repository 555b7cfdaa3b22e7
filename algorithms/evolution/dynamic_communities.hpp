// Dynamic communities by Jaccard matching of step communities (Greene, Doyle & Cunningham
// 2010, "Tracking the evolution of communities in dynamic social networks", ASONAM).
//
// Each dynamic community D has a front F_D: its community in the latest step where it was
// matched. At step t, step community C (at least min_size nodes) matches every front F with
// J(C, F) = |C ∩ F| / |C ∪ F| >= threshold. With M(C) the fronts C matches and S(F) the step
// communities matching F, and best(F) the C in S(F) of largest Jaccard (ties: lower index):
//   - C with M(C) empty: birth of a new dynamic community;
//   - C best for the fronts B(C) = {F in M(C) : best(F) = C}: C continues the F in B(C) of
//     largest Jaccard; with |B(C)| >= 2 the others end in a merge into it;
//   - C with M(C) non-empty and B(C) empty: a split from the F in M(C) of largest Jaccard, a
//     new dynamic community;
//   - a front matched by nothing: death (the dynamic community ends at its last step);
//   - a continuation with |C| >= (1 + size_change) |F| is growth, with |C| <= (1 - size_change)
//     |F| contraction, else continuation.
// Complexity: O(sum of community sizes + overlapping pairs) per step with a node -> front
// index, O(T n) over T steps.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace firmnet::evolution {

struct TrackingRules {
  double threshold = 0.2;      // Jaccard at or above: a match
  double size_change = 0.2;    // relative size change for growth and contraction
  std::size_t min_size = 3;    // smaller step communities are not tracked
};

inline constexpr const char* kBirth = "birth";
inline constexpr const char* kDeath = "death";
inline constexpr const char* kMerge = "merge";
inline constexpr const char* kSplit = "split";
inline constexpr const char* kGrowthEvent = "growth";
inline constexpr const char* kContraction = "contraction";
inline constexpr const char* kContinuation = "continuation";

struct CommunityEvent {
  int year = 0;
  std::string event;
  std::int64_t dynamic = -1;  // the dynamic community the event happens to
  std::int64_t other = -1;    // merge: the one it merges into; split: the parent; else -1
  std::uint64_t size_before = 0, size_after = 0;
  double jaccard = 0;         // with the front it matched (NaN for birth and death)
};

/// A dynamic community in one step.
struct DynamicStep {
  std::int64_t dynamic = -1;
  int year = 0;
  std::int64_t community = -1;     // the step community's label in that snapshot
  std::vector<std::uint32_t> nodes;  // sorted
};

struct DynamicCommunities {
  std::vector<DynamicStep> steps;  // by step, then step community label
  std::vector<CommunityEvent> events;
  std::int64_t count = 0;          // dynamic communities
};

/// Tracks the step memberships (one per snapshot, a community label per node, -1 = none).
/// Throws UsageError for a threshold outside (0, 1] or size_change outside [0, 1).
/// O(T n + overlapping pairs).
DynamicCommunities track_communities(const std::vector<std::vector<std::int64_t>>& memberships,
                                     const std::vector<int>& years, const TrackingRules& rules);

}  // namespace firmnet::evolution

// Per unit and snapshot: the signatures of a cluster's life cycle (docs/evolution.md).
//
// For unit U (a park or region) and snapshot t of year y (snapshots.hpp), over the snapshot's
// links among alive nodes:
//   firms_t      = alive firms in U; entries = those founded in y; exits = firms of U alive in
//                  y - 1 and not in y (closed == y - 1);
//   internal     = links with both ends in U; density = internal / (members (members - 1));
//   vertical / horizontal = internal firm-firm links between different / equal known stages;
//   institution  = links between a member firm and a supporting institution anywhere;
//   external share = member link ends whose other end lies outside U / all member link ends;
//   region-external ends = member link ends whose other end lies outside U and outside the
//                  member's region (the park test's "leave the region", park_verdicts.hpp);
//   churn, on the distinct ordered pairs P_t of internal links: Jaccard |P_t ∩ P_{t-1}| /
//   |P_t ∪ P_{t-1}|, persistence |P_t ∩ P_{t-1}| / |P_{t-1}|, and the new pairs P_t \ P_{t-1} by
//   whether both, one or neither firm entered since y - 1;
//   expected     = the analytic degree-null expectation of internal links (Newman 2010, §13.2,
//   linkage_null.hpp), ratio = internal / expected; with replicates R > 0 the park test's
//   swap null (linkage_null.hpp, Maslov & Sneppen 2002) per snapshot: mean, sd, z and the
//   empirical p = (1 + #{replicates >= observed}) / (R + 1), and the same for the vertical
//   internal links (their null mean and p), as the park test has them.
// Approach: one pass over each snapshot's links (O(n + m_t)), then a sort of the internal
// pairs for the churn merge. Snapshots run one after another; the null parallelises inside.
// Complexity: O(T (n + m + I log I)) plus T null runs, T snapshots, I internal links.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "algorithms/evolution/snapshots.hpp"
#include "algorithms/spatial/linkage_null.hpp"
#include "algorithms/spatial/spatial_units.hpp"
#include "graph/progress.hpp"

namespace firmnet::evolution {

/// One unit in one snapshot. Shares are NaN where their denominator is 0; churn is NaN in a
/// unit's first snapshot; null columns are NaN without replicates.
struct UnitYear {
  std::size_t unit = 0;
  int year = 0;
  std::uint64_t members = 0, firms = 0, entries = 0, exits = 0;
  std::uint64_t internal_links = 0, vertical_links = 0, horizontal_links = 0, institution_links = 0;
  std::uint64_t link_ends = 0, external_ends = 0, region_external_ends = 0;
  double density = 0, vertical_share = 0, external_share = 0;
  double jaccard = 0, persistence = 0;
  std::uint64_t new_links = 0, new_links_both_new = 0, new_links_one_new = 0, new_links_old_pair = 0, lost_links = 0;
  double expected = 0, ratio = 0;
  double null_mean = 0, null_sd = 0, z = 0, p = 0;
  double vertical_null_mean = 0, vertical_p = 0;
  std::string stage, reason;  // filled by the life-cycle rule (life_cycle_stage.hpp)
  // Filled by the park test's rule per year (park_verdict_trajectory.hpp): q-values across the
  // snapshot's tested units, the verdict and its reason.
  double q = 0, vertical_q = 0;
  std::string verdict, verdict_reason;
};

/// The signatures of every unit with alive members in every snapshot, by snapshot then unit.
/// null.replicates == 0 skips the swap null. Snapshot t's null runs with seed
/// derive_seed(null.seed, t). O(T (n + m + I log I)) plus the nulls.
std::vector<UnitYear> unit_dynamics(const Graph& graph, const SnapshotPlan& plan, const spatial::SpatialUnits& units,
                                    const spatial::NullOptions& null, const Progress& progress = {});

}  // namespace firmnet::evolution

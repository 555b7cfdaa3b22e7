// The life-cycle stage of a unit in a year (docs/evolution.md), after the cluster life cycle of
// Menzel & Fornahl 2010 ("Cluster life cycles: dimensions and rationales of cluster evolution",
// Industrial and Corporate Change 19(1)): embryonic, growth, maturity, decline.
//
// Rule, for unit U in year y against its own row `lookback` snapshots earlier (the earliest
// one it has when fewer; none in its first year: no change):
//   firm change  = (firms_y - firms_before) / max(firms_before, 1)
//   link change  = (internal_y - internal_before) / max(internal_before, 1)
//   linked       = internal_y >= min_links and internal_y / expected_y >= linked_ratio
//   1. decline   : U was linked in an earlier year and firm change <= -decline_rate or link
//                  change <= -decline_rate (net exits, shrinking internal links);
//   2. embryonic : not linked (co-location: firms without the links of a cluster);
//   3. growth    : firm change >= growth_rate or link change >= growth_rate;
//   4. maturity  : linked and stable.
// Each row's reason gives the numbers that decided it.
// Complexity: O(rows log rows) for the grouping by unit, O(1) per row after.
#pragma once
#include <cstdint>
#include <vector>

#include "algorithms/evolution/unit_dynamics.hpp"

namespace firmnet::evolution {

/// Thresholds of the stage rule; every one is stored with the result.
struct StageRules {
  int lookback = 1;            // snapshots back for the firm and link change
  double linked_ratio = 1.5;   // internal links / degree-null expectation for a linked unit
  std::uint64_t min_links = 5; // fewer internal links: not linked
  double growth_rate = 0.15;   // firm or link change at or above: growth
  double decline_rate = 0.15;  // firm or link change at or below minus this: decline
};

inline constexpr const char* kEmbryonic = "embryonic";
inline constexpr const char* kGrowth = "growth";
inline constexpr const char* kMaturity = "maturity";
inline constexpr const char* kDecline = "decline";

/// Throws UsageError for lookback < 1 or a negative threshold. O(1).
void validate(const StageRules& rules);

/// Sets stage and reason on every row (rows of one unit in year order, as unit_dynamics
/// returns them). O(rows log rows).
void assign_stages(std::vector<UnitYear>& rows, const StageRules& rules);

}  // namespace firmnet::evolution

// Describes an evolution outcome (algorithms/evolution/evolution.hpp) as a stored result
// (/results/<name>/, docs/evolution.md, docs/FORMAT.md): the unit-year table (stages and
// verdicts), anchors and anchor events, the parks' establishment years, the event study and the
// difference-in-differences estimates, the community events table and the dynamic communities
// per year, snapshot scalars, and every parameter.
#pragma once
#include <string>

#include "algorithms/evolution/evolution.hpp"
#include "results/result.hpp"

namespace firmnet::evolution {

/// Names of what an evolution result stores.
namespace stored {
inline constexpr const char* unit_years = "unit_years";  // table, one row per unit and snapshot
inline constexpr const char* unit = "unit";
inline constexpr const char* year = "year";
inline constexpr const char* stage = "stage";
inline constexpr const char* reason = "reason";
inline constexpr const char* events = "events";  // table, one row per community event
inline constexpr const char* event = "event";
inline constexpr const char* dynamic = "dynamic_community";
inline constexpr const char* other = "other";
inline constexpr const char* dynamic_communities = "dynamic_communities";  // table, one row per dynamic community and year
inline constexpr const char* size = "size";
inline constexpr const char* dominant_unit = "dominant_unit";
inline constexpr const char* units_spanned = "units_spanned";
inline constexpr const char* snapshots = "snapshots";  // table, one row per snapshot
inline constexpr const char* verdict = "verdict";
inline constexpr const char* verdict_reason = "verdict_reason";
inline constexpr const char* anchors = "anchors";  // table, the top anchors per unit and year
inline constexpr const char* rank = "rank";
inline constexpr const char* node = "node";
inline constexpr const char* score = "score";
inline constexpr const char* anchor_events = "anchor_events";  // table, one row per anchor event
inline constexpr const char* parks = "parks";  // table, establishment year and area per park (unit park)
inline constexpr const char* established = "established";
inline constexpr const char* event_study = "event_study";  // table, one row per established park and year
inline constexpr const char* relative_year = "relative_year";
inline constexpr const char* did = "did";  // table, one row per outcome and period
}  // namespace stored

/// The stored result. O(rows + sum of dynamic community sizes).
Result evolution_result(const std::string& name, const EvolutionOutcome& outcome,
                        const EvolutionRequest& request, const EdgeFilter& filter, int threads);

}  // namespace firmnet::evolution

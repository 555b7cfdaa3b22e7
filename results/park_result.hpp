// Describes a park-versus-cluster outcome (algorithms/spatial/park_verdicts.hpp) as a stored
// result (/results/<name>/, docs/METHODS.md, docs/FORMAT.md): node column `unit`; tables
// `units` (all evidence and the verdict with its reason), `stage_links`, `null_samples`, and
// with coordinates `distance_bands` (distance null) and `deterrence` (the gravity fit's f(d));
// scalars; and every parameter of the run.
#pragma once
#include <string>

#include "algorithms/spatial/park_verdicts.hpp"
#include "results/result.hpp"

namespace firmnet::spatial {

/// Names of what a park result stores (columns of the `units` table unless noted).
namespace stored {
inline constexpr const char* unit = "unit";    // node column: the node's unit row, -1 = none
inline constexpr const char* units = "units";  // table, one row per unit
inline constexpr const char* name = "name";
inline constexpr const char* verdict = "verdict";
inline constexpr const char* reason = "reason";
inline constexpr const char* firms = "firms";
inline constexpr const char* internal_links = "internal_links";
inline constexpr const char* null_mean = "null_mean";
inline constexpr const char* z = "z";
inline constexpr const char* q = "q";
inline constexpr const char* vertical_share = "vertical_share";
inline constexpr const char* vertical_q = "vertical_q";
inline constexpr const char* vertical_null_effective = "vertical_null_effective";
inline constexpr const char* degree_ratio = "degree_ratio";
inline constexpr const char* share_external = "share_external";
inline constexpr const char* hub_name = "hub_name";
inline constexpr const char* hub = "hub";  // the hub as a person names it: name, else id
inline constexpr const char* hub_id = "hub_id";
inline constexpr const char* dominant_community = "dominant_community";
inline constexpr const char* dominant_share = "dominant_share";
inline constexpr const char* null_samples = "null_samples";  // table: replicate, unit, internal_links
inline constexpr const char* replicate = "replicate";
inline constexpr const char* stage_links = "stage_links";  // table: unit, from_stage, to_stage, links
inline constexpr const char* distance_bands = "distance_bands";  // table: band, lower_km, upper_km, links
inline constexpr const char* deterrence = "deterrence";  // table: the gravity fit's f(d) per distance bin
inline constexpr const char* null = "null";                // parameter: the null that ran
inline constexpr const char* null_choice = "null_choice";  // parameter: why that null
}  // namespace stored

/// The outcome as result `name` (method "park_test"); filter is the view's edge selection.
/// O(n + units * columns + replicates * units).
Result park_result(const std::string& name, const Graph& graph, const ParkOutcome& outcome, const ParkRequest& request,
                   const EdgeFilter& filter, int threads);

}  // namespace firmnet::spatial

// Describes a ClusterOutcome (algorithms/clusters/cluster_identification.hpp) as a stored
// result: what `firmnet clusters` writes to /results/<name>/ (docs/FORMAT.md, docs/clusters.md).
#pragma once
#include <string>

#include "algorithms/clusters/cluster_identification.hpp"
#include "results/result.hpp"

namespace firmnet::clusters {

/// Names of what a cluster result stores.
namespace stored {
inline constexpr const char* cluster = "cluster";          // node column (-1 = none); table column
inline constexpr const char* community = "community";      // node column; table column
inline constexpr const char* clusters = "clusters";        // table: one row per kept cluster
inline constexpr const char* candidates = "candidates";    // table: one row per candidate
inline constexpr const char* footprints = "footprints";    // table: hull vertices
inline constexpr const char* footprint_shares = "footprint_shares";  // table: parks, regions, towns with shares
inline constexpr const char* firms = "firms";
inline constexpr const char* members = "members";
inline constexpr const char* type = "type";
inline constexpr const char* type_score = "type_score";
inline constexpr const char* runner_up = "runner_up";
inline constexpr const char* runner_up_score = "runner_up_score";
inline constexpr const char* type_reason = "type_reason";
inline constexpr const char* employment = "employment";
inline constexpr const char* dominant_industry = "dominant_industry";
inline constexpr const char* dominant_lq = "dominant_lq";
inline constexpr const char* industries = "industries";
inline constexpr const char* local_supply_ratio = "local_supply_ratio";
inline constexpr const char* vertical_share = "vertical_share";
inline constexpr const char* institution_density = "institution_density";
inline constexpr const char* external_orientation = "external_orientation";
inline constexpr const char* anchors = "anchors";
inline constexpr const char* regions = "regions";
inline constexpr const char* border_regions = "border_regions";
inline constexpr const char* parks = "parks";
inline constexpr const char* towns = "towns";
inline constexpr const char* localisation = "localisation";
inline constexpr const char* localisation_q = "localisation_q";
inline constexpr const char* localised_from_km = "localised_from_km";
inline constexpr const char* localised_to_km = "localised_to_km";
inline constexpr const char* localised_peak_km = "localised_peak_km";
inline constexpr const char* internal_links = "internal_links";
inline constexpr const char* null_mean = "null_mean";
inline constexpr const char* link_ratio = "link_ratio";
inline constexpr const char* link_q = "link_q";
inline constexpr const char* vertical_q = "vertical_q";
inline constexpr const char* kept = "kept";
inline constexpr const char* reason = "reason";
inline constexpr const char* vertex = "vertex";
inline constexpr const char* lon = "lon";
inline constexpr const char* lat = "lat";
inline constexpr const char* column = "column";
inline constexpr const char* value = "value";
inline constexpr const char* share = "share";
inline constexpr const char* firms_alive = "firms_alive";
inline constexpr const char* firm_growth = "firm_growth";
inline constexpr const char* links_recent = "links_recent";
inline constexpr const char* link_growth = "link_growth";
inline constexpr const char* category = "category";
inline constexpr const char* category_share = "category_share";
inline constexpr const char* risk_max = "risk_max";
inline constexpr const char* risk_sum = "risk_sum";
inline constexpr const char* riskiest = "riskiest";
}  // namespace stored

/// Result `name` with method "clusters"; filter is the view's edge selection.
/// Node columns: cluster (-1 = none), community. Tables: clusters, candidates, footprints
/// (cluster, vertex, lon, lat), footprint_shares (cluster, column, value, share); docs/FORMAT.md
/// lists their columns. O(n + candidates' members).
Result cluster_result(const std::string& name, const Graph& graph, const ClusterOutcome& outcome,
                      const ClusterRequest& request, const EdgeFilter& filter, int threads);

}  // namespace firmnet::clusters

// Describes the systemic-risk outcomes (algorithms/risk/esri.hpp, shock_scenario.hpp) as
// stored results: what `firmnet risk` and `firmnet shock` write to /results/<name>/
// (docs/FORMAT.md, docs/risk.md).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "algorithms/risk/esri.hpp"
#include "algorithms/risk/park_exposure.hpp"
#include "algorithms/risk/shock_scenario.hpp"
#include "results/result.hpp"

namespace firmnet::risk {

/// Names of what the risk and shock results store.
namespace stored {
inline constexpr const char* esri = "esri";                          // node column
inline constexpr const char* esri_linear = "esri_linear";            // node column, no table only
inline constexpr const char* esri_upper_bound = "esri_upper_bound";  // node column, top-k only
inline constexpr const char* exact = "exact";
inline constexpr const char* output_share = "output_share";
inline constexpr const char* cascade_size = "cascade_size";
inline constexpr const char* riskiest = "riskiest";  // table
inline constexpr const char* rank = "rank";
inline constexpr const char* id = "id";
inline constexpr const char* name = "name";
inline constexpr const char* output_rank = "output_rank";
inline constexpr const char* suppliers = "suppliers";
inline constexpr const char* customers = "customers";
inline constexpr const char* park = "park";
inline constexpr const char* industry = "industry";
inline constexpr const char* region = "region";
inline constexpr const char* community = "community";
// shock
inline constexpr const char* level = "level";                  // node column
inline constexpr const char* output_lost = "output_lost";      // node column and table column
inline constexpr const char* level_linear = "level_linear";    // node column, no table only
inline constexpr const char* failing = "failing";              // node column 0/1
inline constexpr const char* by_firm = "by_firm";              // tables
inline constexpr const char* by_park = "by_park";
inline constexpr const char* by_industry = "by_industry";
inline constexpr const char* by_region = "by_region";
inline constexpr const char* group = "group";
inline constexpr const char* firms = "firms";
inline constexpr const char* output = "output";
inline constexpr const char* share_lost = "share_lost";
// exposure
inline constexpr const char* parks = "parks";  // table
inline constexpr const char* anchors = "anchors";
inline constexpr const char* anchors_output_share = "anchors_output_share";
inline constexpr const char* anchors_loss = "anchors_loss";
inline constexpr const char* anchors_network_loss = "anchors_network_loss";
inline constexpr const char* worst_region = "worst_region";
inline constexpr const char* worst_region_loss = "worst_region_loss";
inline constexpr const char* regions_tested = "regions_tested";
inline constexpr const char* linear_suffix = "_linear";  // the no-input-essential extreme of a column
}  // namespace stored

/// Rows of the riskiest-firms table when every firm was computed.
inline constexpr std::size_t kRiskiestRows = 100;

/// Result `name` with method "esri". Node columns: esri (NaN where only bounded), exact,
/// output_share, cascade_size, suppliers, customers; esri_linear without a table;
/// esri_upper_bound in top-k mode. Table riskiest (rank, id, name, esri[, esri_linear],
/// output_share, output_rank, suppliers, customers, park, industry, community) for the top k
/// (or kRiskiestRows) firms. membership: community per node, or empty. O(n log n).
Result risk_result(const std::string& name, const Graph& graph, const RiskOutcome& outcome,
                   const RiskRequest& request, const EdgeFilter& filter, int threads,
                   const std::vector<std::int64_t>& membership, const std::string& communities);

/// Result `name` with method "shock". Node columns: level, output_lost, failing; without a
/// table also level_linear and output_lost_linear. Tables by_firm (the 100 firms that lost
/// most output: id, name, level, output_lost, park, industry, region), by_park, by_industry,
/// by_region (group, firms, output, output_lost, share_lost). O(n log n).
Result shock_result(const std::string& name, const Graph& graph, const ShockOutcome& outcome,
                    const ShockRequest& request, const EdgeFilter& filter, int threads);

/// Result `name` with method "park_exposure". Table parks, one row per park: park, firms,
/// output_share, anchors (text: the failing anchors' ids, "; "-separated), anchors_output_share,
/// anchors_loss, anchors_network_loss, worst_region (text, "" when none), worst_region_loss,
/// regions_tested; without a table also anchors_loss_linear, anchors_network_loss_linear,
/// worst_region_linear, worst_region_loss_linear. O(P x anchors).
Result exposure_result(const std::string& name, const Graph& graph, const ExposureOutcome& outcome,
                       const ExposureRequest& request, const EdgeFilter& filter, int threads);

}  // namespace firmnet::risk

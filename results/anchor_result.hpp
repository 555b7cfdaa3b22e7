// Describes an AnchorOutcome (algorithms/anchors/anchor_score.hpp) as a stored result: one
// node column per component and fact (in node order), the reasons as a text column, and the
// top-k lists and bridges as tables. This is what `firmnet anchors` writes to /results/<name>/.
#pragma once
#include <string>

#include "algorithms/anchors/anchor_score.hpp"
#include "results/result.hpp"

namespace firmnet::anchors {

/// Names of what an anchor result stores.
namespace stored {
inline constexpr const char* anchor_score = "anchor_score";  // node column
inline constexpr const char* ranked = "ranked";              // node column: 1 = ranked firm
inline constexpr const char* top_overall = "top_overall";    // table
inline constexpr const char* top_by_group = "top_by_group";  // table
inline constexpr const char* rank = "rank";
inline constexpr const char* id = "id";
inline constexpr const char* name = "name";
inline constexpr const char* group = "group";
inline constexpr const char* score = "score";
inline constexpr const char* hub = "hub";                // score components of a pick
inline constexpr const char* local = "local";
inline constexpr const char* dependency = "dependency";
inline constexpr const char* z = "z";
inline constexpr const char* participation = "participation";
inline constexpr const char* reason = "reason";
}  // namespace stored

/// Result `name` with method "anchors"; filter is the view's edge selection.
/// Node columns: anchor_score, hub_component, local_component, dependency_component, z,
/// participation, role, suppliers, customers, local_suppliers_<g> / local_customers_<g> for
/// each available grouping g, supplier_share_<g>, immediate_dominator (-1 = virtual root),
/// dominated, fed_by_root, articulation, cut_off, bridge_count, reason.
/// Tables: top_overall and top_by_group (rank, id, name, group, score, hub, local, dependency,
/// z, participation, reason) and bridges
/// (source, target). O(n + m_bridges).
Result anchor_result(const std::string& name, const Graph& graph, const AnchorOutcome& outcome,
                     const AnchorRequest& request, const EdgeFilter& filter, int threads);

}  // namespace firmnet::anchors

// Turns an AnchorAnalysis into a storable Result: one node column per component and fact
// (in node order), the reasons as a text column, and the top-k lists and bridges as tables.
// This is what `firmnet anchors` writes to /results/<name>/.
#pragma once
#include <string>

#include "algorithms/anchors/anchor_score.hpp"
#include "io/results.hpp"

namespace firmnet {

/// Result with method "anchors". communities names the community result used ("" = none).
/// Node columns: anchor_score, hub_component, local_component, dependency_component, z,
/// participation, role, suppliers, customers, local_suppliers_<g> / local_customers_<g> for
/// each available grouping g, supplier_share_<g>, immediate_dominator (-1 = virtual root),
/// dominated, fed_by_root, articulation, cut_off, bridge_count, reason.
/// Tables: top_overall and top_by_group (rank, node, name, group, score, reason) and bridges
/// (source, target). O(n + m_bridges).
Result anchor_result(const Graph& graph, const EdgeFilter& filter, const AnchorAnalysis& analysis,
                     const AnchorOptions& options, const std::string& communities);

}  // namespace firmnet

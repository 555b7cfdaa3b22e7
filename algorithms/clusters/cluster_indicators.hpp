// Indicators of one cluster (the "indicator system" of docs/clusters.md) and the network
// signature its Markusen type is read from (markusen_typology.hpp).
//
// Over the view's accepted links: internal links (both ends members) and each member's
// internal link ends; anchors = the members with most internal link ends (ties by node id);
// vertical and horizontal shares of the internal firm-firm links between firms of known stage
// (different / same stage, as linkage_null.hpp counts them); external orientation = member link
// ends whose other end is outside the study area. Over the graph's supply and subcontract links
// whatever the view's layers (goods flow: subcontract reversed, supply_flow.hpp): the local
// supply ratio = the anchor firms' input weight bought from members / all their input weight;
// dependent suppliers = non-anchor member firms whose every path to a final customer of the
// cluster passes through a hub anchor: with the hub anchors merged into one node, that node
// dominates them in the reversed internal goods flow, built over the members only
// (supply_dependency.hpp, Lengauer & Tarjan
// 1979; the virtual root feeds the members without internal customers, the anchors' own sales
// are left out so that they are final customers). Over ownership links whatever the layers: member firms owned from
// outside the study area. Specialisation: location quotient LQ_i = (members of industry i /
// member firms) / (firms of the study area in i / firms of the study area) of the dominant
// industries (Florence 1939's coefficient of localisation; Delgado, Porter & Stern 2016 use it
// for cluster strength).
// Complexity: O(d log k) for k members with d link ends, plus O(d alpha(d, k)) for the dominator tree.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "algorithms/clusters/markusen_typology.hpp"
#include "graph/views.hpp"

namespace firmnet::clusters {

struct IndustryQuotient {
  std::string industry;
  std::uint64_t firms = 0;
  double share = 0, quotient = 0;  // share of member firms; location quotient
};

struct ClusterAnchor {
  NodeId node = 0;
  std::uint64_t internal_ends = 0;
  double share = 0;  // of all internal link ends
};

struct ClusterIndicators {
  std::uint64_t members = 0, firms = 0, institutions = 0;
  double employment = 0;              // sum of member firms' known employees
  std::uint64_t internal_links = 0;
  std::vector<IndustryQuotient> industries;  // up to three, by decreasing member count
  double local_supply_ratio = 0;      // NaN when the anchor firms have no inputs
  double vertical_share = 0;          // NaN without staged internal firm-firm links
  double institution_density = 0;     // member institutions per member firm
  double external_orientation = 0;    // NaN without member link ends
  std::vector<ClusterAnchor> anchors; // top_anchors members by internal link ends
};

struct ClusterProfile {
  ClusterIndicators indicators;
  ClusterSignature signature;
};

/// Indicators and signature of the cluster whose members are `members` (sorted node ids):
/// inside: per node, 1 inside the study area; area_industry_firms: per industry code of the
/// node table's dictionary, firms of the study area; area_firms: their total.
/// O(d log k + d alpha(d, k)), d the members' link ends.
ClusterProfile profile_cluster(const GraphView& view, const std::vector<NodeId>& members,
                               const std::vector<std::uint8_t>& inside,
                               const std::vector<std::uint64_t>& area_industry_firms, std::uint64_t area_firms,
                               const TypologyRules& rules, int top_anchors);

/// Public members for the state-anchored signature: universities, research institutes,
/// government bodies, and any node whose ownership is "state" or "public". O(1).
bool is_public_anchor(const NodeTable& nodes, NodeId v);

}  // namespace firmnet::clusters

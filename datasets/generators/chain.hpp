// `chain`: a specialised-town multi-tier cluster, after the Datang (Zhuji, Zhejiang) sock
// cluster of docs/CONCEPTS.md §5 (about 5,083 firms over 10 process stages), scaled to
// --firms by keeping the stage shares of the Datang table.
//
// Planted flows (direction = flow of goods or service, docs/CONCEPTS.md §3):
//   raw_material -> material_dealer            supply (each producer sells to 1-2 dealers)
//   material_dealer -> knitting                supply (each independent knitter 1-2 dealers, anchors 3-5)
//   machine_parts -> knitting                  supply (1 per independent knitter, 2-3 per anchor)
//   knitting -> toe_sewing                     subcontract (1 per independent knitter, 3-6 per anchor)
//   anchor knitter -> family workshop knitter  subcontract (each workshop works for one anchor)
//   toe_sewing -> dyeing | setting             supply (one finisher each; dyeing with p = 0.3)
//   dyeing -> setting                          supply (each dyer to 3-6 setting shops)
//   dyeing | setting -> packaging              supply (2-4 packagers each)
//   packaging -> sales                         supply (1-3 sales firms each); anchors -> sales 2-5
//   freight -> sales                           service (1-2 freight firms per sales firm)
//   design broker -> knitters                  service (broker_reach of independent knitters)
//   sales -> design broker                     cooperation (broker_reach of sales firms: orders, trends)
// The knitting stage splits into anchors (a few large firms), family workshops
// (workshop_share of the knitters, each subcontracted by one anchor) and independent knitters.
// One design/service broker (kind service_platform) links knitters and sales, so it sits on
// many shortest paths (the Xiqiao design company of docs/CONCEPTS.md §5).
// Cost: O(n + m log m).
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "datasets/generators/generated.hpp"

namespace firmnet::generators {

struct ChainParameters {
  int firms = 5083;             // firms over the ten stages (the broker comes on top)
  int anchors = 0;              // large knitters; 0 = 0.4% of the knitters, at least 2
  double workshop_share = 0.6;  // share of knitters that are family workshops of an anchor
  double broker_reach = 0.3;    // share of independent knitters and of sales firms tied to the broker
  std::uint64_t seed = 1;
};

/// The ten stages of the Datang table (docs/CONCEPTS.md §5), in table order; primer_firms is
/// the firm count the table reports for the stage.
struct ChainStage {
  std::string_view name;
  int primer_firms;
};
/// The ten stages, built once. O(1).
const std::vector<ChainStage>& sock_chain_stages();

/// Firms per stage for a total of `firms` (Datang shares, each stage >= 1, knitting absorbs
/// the rounding). O(stages).
std::vector<int> chain_stage_sizes(int firms);

/// Throws UsageError for firms < 50, anchors < 0, shares outside [0, 1]. O(1).
void validate(const ChainParameters& parameters);

/// Generates the town. Nodes: the firms (ids C00001...), then the broker (id B0001).
/// truth_nodes: stage, role (anchor, family_workshop, independent_knitter, firm, broker),
/// is_anchor (0/1), is_broker (0/1), anchor_of (id of a workshop's anchor, empty otherwise).
/// O(n + m log m).
GeneratedNetwork generate_chain(const ChainParameters& parameters);

}  // namespace firmnet::generators

// Markusen's typology of industrial districts (Markusen 1996, "Sticky places in slippery
// space: a typology of industrial districts", Economic Geography 72(3), 293-313) read as
// network signatures of a cluster (docs/clusters.md, "Classification").
//
// Each type has criteria, a figure of the cluster against a threshold (every threshold an
// option of TypologyRules):
//   marshallian    : top firm's share of internal link ends <= marshallian_top_share,
//                    median member-firm employees <= small_firm_employees,
//                    min(vertical, horizontal share of staged firm-firm links) >= mixed_share,
//                    member firms linked to a member institution >= institution_reach;
//   hub_and_spoke  : the hub_anchors firms with most internal link ends hold >= hub_share of them,
//                    largest anchor's employees / median member-firm employees >= hub_size_ratio,
//                    non-anchor firms dominated by the anchors (merged into one node) in the
//                    reversed internal goods flow: suppliers whose every path to a final
//                    customer of the cluster passes through an anchor, >= dependent_share;
//   satellite      : member firms owned from outside the study area >= outside_owned_share,
//                    member link ends leaving the study area >= external_share;
//   state_anchored : internal link ends at public members (university, research institute,
//                    government, ownership state/public) >= public_share.
// A criterion's margin is value / threshold for a minimum and threshold / value for a maximum,
// capped at kMarginCap (NaN counts 0). A type's score is the smallest margin of its criteria (the
// weakest criterion decides); a type qualifies with a score >= 1. The cluster's type is the best
// qualifying type ("unclassified" when none does); the runner-up is the second-best type when
// its score is within close_margin of the best (score_2 >= (1 - close_margin) score_1).
// Complexity: O(1) per cluster.
#pragma once
#include <string>
#include <vector>

namespace firmnet::clusters {

inline constexpr double kMarginCap = 2.0;
inline constexpr const char* kUnclassified = "unclassified";

struct TypologyRules {
  double marshallian_top_share = 0.12;
  double small_firm_employees = 50;
  double mixed_share = 0.15;
  double institution_reach = 0.25;
  int hub_anchors = 2;
  double hub_share = 0.25;
  double hub_size_ratio = 10;
  double dependent_share = 0.25;
  double outside_owned_share = 0.5;
  double external_share = 0.2;
  double public_share = 0.25;
  double close_margin = 0.2;
};

/// The figures of a cluster the rule reads (NaN when undefined).
struct ClusterSignature {
  double top_firm_share = 0;      // share of internal link ends of the firm with most of them
  double hub_share = 0;           // of the hub_anchors firms with most
  double anchor_size_ratio = 0;   // largest of those anchors' employees / median member-firm employees
  double median_employees = 0;
  double dependent_share = 0;     // non-anchor member firms dominated by the merged anchors (reversed goods flow)
  double vertical_share = 0, horizontal_share = 0;  // of staged internal firm-firm links
  double institution_reach = 0;   // member firms with a link to a member institution
  double outside_owned_share = 0; // member firms with an ownership link from outside the study area
  double external_orientation = 0;  // member link ends whose other end is outside the study area
  double public_share = 0;        // internal link ends at public members
};

struct CriterionCheck {
  std::string figure;
  double value = 0, threshold = 0;
  bool at_most = false;  // a maximum (value <= threshold) rather than a minimum
  double margin = 0;
};

struct TypeScore {
  std::string type;
  double score = 0;
  std::vector<CriterionCheck> criteria;
};

struct TypeDecision {
  std::string type, runner_up;  // runner_up empty unless close
  double score = 0, runner_up_score = 0;
  std::vector<TypeScore> scores;  // every type, in the order marshallian, hub_and_spoke, satellite, state_anchored
  std::string reason;             // the deciding figures against their thresholds
};

/// The names of the types, in rule order. O(1).
const std::vector<std::string>& cluster_type_names();

/// Applies the rule. Throws UsageError for a negative threshold, hub_anchors < 1 or
/// close_margin outside [0, 1]. O(1).
TypeDecision classify_cluster(const ClusterSignature& signature, const TypologyRules& rules);

}  // namespace firmnet::clusters

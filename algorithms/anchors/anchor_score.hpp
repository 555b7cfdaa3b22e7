// Anchor-firm ranking: an explainable score from three components, each in [0, 1].
//   hub        = clamp(z / 2.5, 0, 1): the Guimera-Amaral within-module z-score (Guimera &
//                Amaral 2005; docs/centrality.md), so a hub (z >= 2.5) gets full credit;
//   local      = log(1 + L) / log(1 + C): L = suppliers (incl. subcontractors) in the same
//                group (community, park or region);
//   dependency = log(1 + D) / log(1 + C): D = firms that lose every supply path if it
//                fails (dominated subtree of the supply dominator tree);
//   C = max over the network of all L and D: both count firms tied to this one, so they share
//   one scale (a firm with 14 dependants must not match one with 150 local suppliers).
//   systemic   = ESRI_v / max ESRI, when an ESRI result is given (algorithms/risk/esri.hpp: the
//                share of the network's output lost when v fails; Diem et al. 2022). Linear,
//                not log-scaled: a few firms carry almost all the risk, and the score should
//                say so.
//   score = w_hub hub + w_local local + w_dependency dependency [+ w_systemic systemic]
//   (defaults 0.4, 0.35, 0.25 and 0.2).
// A good anchor is central in its cluster, supplied by many local firms, and others depend
// on it; log scaling keeps one giant from flattening everyone else's credit.
// The partition for z is the given membership, else the group attribute (park or region).
// Only firms located in the study area (algorithms/spatial/study_area.hpp: by default the
// regions that hold parks, never the outside_regions, by default "outside", the region of
// buyers beyond the study area in the generators and the demo) are ranked: institutions and
// firms beyond it get the components but no rank. A buyer in another city supplied by a
// community's firms has many "local" suppliers, yet it cannot anchor a regional cluster.
// Layers: roles use the given filter; supply analysis its supply and subcontract layers;
// articulation points and bridges its supply, subcontract and cooperation layers.
// Complexity: O(n log n + m log d_max + m alpha(m, n)): the adjacencies, the dominator tree
// and the ranking.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "algorithms/anchors/cut_points.hpp"
#include "algorithms/anchors/guimera_amaral.hpp"
#include "algorithms/anchors/local_embedding.hpp"
#include "algorithms/anchors/supply_dependency.hpp"
#include "algorithms/spatial/study_area.hpp"
#include "graph/graph.hpp"
#include "graph/progress.hpp"
#include "graph/views.hpp"

namespace firmnet::anchors {

struct AnchorRequest {
  std::string communities;                  // where the membership came from, e.g. "result leiden"
  Locality group_by = Locality::community;  // grouping for "local" and for the per-group top-k
  std::size_t top = 5;                      // k of the top-k lists
  double weight_hub = 0.4, weight_local = 0.35, weight_dependency = 0.25;
  double weight_systemic = 0.2;             // counts only with systemic_risk
  std::vector<double> systemic_risk;        // ESRI per node (NaN = not computed), or empty: no systemic term
  std::string systemic_source;              // where it came from, e.g. "result risk"
  bool weighted = false;                    // z and P from strengths instead of degrees
  /// Firms outside the study area are scored, never ranked.
  spatial::StudyArea study_area;
};

struct AnchorPick {
  NodeId node;
  std::int64_t group;  // group label (-1 for the overall list)
  std::int64_t rank;   // 1-based within its list
};

struct AnchorOutcome {
  std::vector<std::int64_t> groups;      // the group label of each node, -1 = none
  std::vector<std::int64_t> membership;  // the community membership given (may be empty)
  ModuleRoles roles;
  LocalEmbedding embedding;
  SupplyDependency dependency;
  CutPoints cuts;
  std::vector<double> hub, local, dependency_component, systemic, score;  // systemic empty without ESRI
  std::vector<std::string> reason;   // one line per node
  std::vector<std::uint8_t> ranked;  // 1 for the firms ranked (located in the study area)
  std::string study_area;            // what the study area came to (StudyAreaMembers::description)
  std::vector<AnchorPick> top_overall, top_by_group;
};

/// Parses "community", "park" or "region"; throws UsageError otherwise. O(length).
Locality parse_locality(std::string_view text);

/// Text of a group label for messages: "community 3", or the park / region name. O(1).
std::string group_label(const Graph& graph, Locality locality, std::int64_t group);

/// Full anchor analysis on the view's graph and edge selection. membership: one entry per
/// node or empty; required when grouping by community. Throws UsageError on inconsistent
/// inputs or a study area naming no region or park of the graph. O(n + m alpha(m, n) + n log n).
AnchorOutcome run_anchors(const GraphView& view, const AnchorRequest& request, const std::vector<std::int64_t>& membership,
                          const Progress& progress = {});

}  // namespace firmnet::anchors

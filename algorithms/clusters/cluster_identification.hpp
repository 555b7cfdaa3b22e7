// Linked clusters where no park is drawn (`firmnet clusters`, docs/clusters.md): candidate
// clusters are the Leiden communities of the value-chain layers (Expert, Evans, Blondel & Lambiotte 2011, PNAS 108(19), with the deterrence function fitted
// to the links; leiden.hpp), cut to the study area; a candidate with at least min_firms firms
// is kept when it is
//   (a) localised: its members' bilateral distances are concentrated compared with random
//       draws of firm sites (Duranton & Overman 2005; cluster_localisation.hpp), q <= alpha;
//   (b) linked above the null: its internal links against the swap-chain null of the park test
//       with the candidate as a unit (linkage_null.hpp; the degree null by default, docs/clusters.md
//       says why not the distance null), q <= alpha, observed / null mean >= min_ratio and at
//       least min_link_density internal links per member;
//   (c) linked mainly vertically: the vertical share of its staged internal firm-firm links
//       >= vertical_share and the vertical links above the same null, q <= alpha.
// q-values: Benjamini & Hochberg (1995) across the candidates, separately for each test.
// Kept clusters get a footprint (cluster_footprint.hpp), indicators, growth over the last years
// (cluster_growth.hpp) and a Markusen type (cluster_indicators.hpp, markusen_typology.hpp); with
// a category table, each is compared with the benchmark categories (cluster_categories.hpp).
// Complexity: that of the community detection, plus the null model's swap chains
// (O((burn_in B + spacing R) m)), plus O(S m_c^2 W) per candidate for localisation (in parallel
// over candidates, each with its own seed), plus O(d log k) per kept cluster of k members with d
// link ends for its profile.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "algorithms/clusters/cluster_categories.hpp"
#include "algorithms/clusters/cluster_footprint.hpp"
#include "algorithms/clusters/cluster_growth.hpp"
#include "algorithms/clusters/cluster_indicators.hpp"
#include "algorithms/clusters/cluster_localisation.hpp"
#include "algorithms/clusters/markusen_typology.hpp"
#include "algorithms/community/community_detection.hpp"
#include "algorithms/spatial/linkage_null.hpp"
#include "algorithms/spatial/study_area.hpp"
#include "graph/progress.hpp"
#include "graph/views.hpp"

namespace firmnet::clusters {

/// The layers clusters are found on by default: supply, subcontract, cooperation, technology,
/// service and membership (ownership, finance and labour links are no value-chain links). O(1).
EdgeFilter value_chain_layers();

struct ClusterRequest {
  community::CommunityRequest communities;  // Leiden; modularity by default (docs/clusters.md says why)
  spatial::NullOptions null;                // kind (degree by default: docs/clusters.md says why), replicates, seed
  bool automatic_null = false;              // true: the distance null when most firms have coordinates
  LocalisationOptions localisation;
  std::size_t grid_points = 100;            // distances of the K-density grid
  double max_km = 0;                        // grid end; 0 = the median distance between sites
  std::size_t min_firms = 10;
  double core_quotient = 3;                 // core industries: LQ in the community >= this; 0 = keep every member
  double alpha = 0.05;
  double min_ratio = 1.5;
  double min_link_density = 1;              // internal links per member needed for (b)
  double vertical_share = 0.5;
  double border_share = 0.1;
  int top_anchors = 3;
  int growth_window = 5;                    // years of the growth indicators (cluster_growth.hpp)
  IndustryCategories categories;            // benchmark categories to compare with; no rows = none
  std::vector<double> systemic_risk;        // ESRI per node (NaN = not computed), or empty: no risk indicator
  TypologyRules typology;
  spatial::StudyArea study_area;
  ClusterRequest() { null.replicates = 99; }
};

/// A test's outcome: its statistic, p-value and BH q-value across candidates.
struct ClusterTest {
  double statistic = 0, p = 1, q = 1;
  bool passed = false;
};

struct CandidateCluster {
  std::int64_t community = -1;
  std::uint64_t community_size = 0;  // nodes of the community inside the study area
  std::vector<NodeId> members;  // its core (core industries and the nodes linked to them), sorted
  std::uint64_t firms = 0;
  Localisation localisation;
  ClusterTest localised;   // statistic: Gamma
  std::uint64_t internal_links = 0;
  double null_mean = 0, null_sd = 0, z = 0;
  ClusterTest linked;      // statistic: internal links / null mean
  std::uint64_t vertical_links = 0, horizontal_links = 0;
  double vertical_null_mean = 0;
  ClusterTest vertical;    // statistic: vertical share of staged internal firm-firm links
  std::int64_t cluster = -1;  // index among the kept clusters, -1 when not kept
  std::string reason;         // why kept or not
  ClusterFootprint footprint;       // kept clusters only
  ClusterProfile profile;           // kept clusters only
  ClusterGrowth growth;             // kept clusters only
  double risk_max = 0, risk_sum = 0;  // kept clusters with systemic_risk: largest and summed member ESRI
  std::int64_t riskiest = -1;         // the member with the largest ESRI, -1 for none
  TypeDecision type;                // kept clusters only
};

struct ClusterOutcome {
  std::vector<CandidateCluster> candidates;  // communities with >= min_firms firms, by decreasing size
  std::vector<std::size_t> clusters;         // kept candidates, in order: cluster k = candidates[clusters[k]]
  std::vector<std::int64_t> membership;      // per node: its cluster, -1 for none
  std::vector<std::int64_t> community;       // per node: its community
  std::int64_t community_count = 0;
  double community_quality = 0;
  spatial::NullOptions null_options;         // the null that ran
  std::string null_choice;
  double located_share = 0;                  // firms of the study area with coordinates
  spatial::DistanceGrid grid;
  std::string study_area;
  std::uint64_t sites = 0;                   // located firms of the study area
  std::int32_t last_year = 0;                // growth's last year: of the dated links, else the latest founding year (0: none)
  CategoryComparison categories;             // against request.categories (empty without a table)
};

/// Finds, tests, outlines, profiles and classifies the clusters of the view. Throws UsageError
/// for bad settings, DataError with fewer than 2 located firms in the study area. Complexity:
/// see the file comment.
ClusterOutcome run_clusters(const GraphView& view, const ClusterRequest& request, const Progress& progress = {});

}  // namespace firmnet::clusters

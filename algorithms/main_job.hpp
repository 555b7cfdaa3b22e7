// The main job (`firmnet analyze`, `make demo`): the standard analysis sequence on one network.
//
//   1. summary (nodes, edges, degrees, components, parks);
//   2. Leiden communities on the undirected projection, with a stability check over several
//      seeds (community_detection.hpp);
//   3. centrality: degree/strength, PageRank, betweenness (sampled above a size threshold),
//      coreness (centrality_suite.hpp);
//   4. anchors: roles, local embedding, supply dependency, score (anchor_score.hpp);
//   5. park verdicts against the degree-preserving null, with the Leiden communities
//      (park_test.hpp);
//   6. concentration indices by park (by region when there are fewer than two parks)
//      (concentration.hpp);
//   7. a profile of each community: dominant industries and stages, anchors, institutions.
// Every step's stored result carries its parameters; the job only chooses the defaults.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "algorithms/anchors/anchor_score.hpp"
#include "algorithms/community/community_detection.hpp"
#include "algorithms/spatial/concentration.hpp"
#include "algorithms/spatial/park_result.hpp"
#include "algorithms/structure/network_summary.hpp"
#include "io/results.hpp"

namespace firmnet {

struct MainJobOptions {
  std::string layers, years;      // edge selection for every step
  std::uint64_t seed = 1;
  int threads = 1;                // recorded in results (OpenMP is set by the caller)
  int stability_runs = 5;         // Leiden seeds seed..seed+R-1
  int null_models = 199;          // park test replicates
  std::string unit = "park";      // park test units: park, region or radius
  std::uint64_t exact_betweenness_below = 200000;  // nodes; sampled pivots above
  std::size_t top_anchors = 5;
  Progress progress;
};

/// One community as a researcher describes it.
struct CommunityProfile {
  std::int64_t community = 0;
  std::uint64_t nodes = 0, firms = 0, institutions = 0;
  std::string top_industry, top_stage, top_park;  // most common values among its firms
  double top_industry_share = 0, top_stage_share = 0, top_park_share = 0;
  std::uint64_t parks_spanned = 0;  // parks holding at least one of its firms
  std::int64_t anchor = -1;         // ranked firm with the highest anchor score, -1 if none
  double consensus = 0;             // mean consensus share over the stability runs
};

struct MainJobOutcome {
  NetworkSummary summary;
  community::Detection communities;
  AnchorAnalysis anchors;
  spatial::ParkTestReport parks;
  bool parks_run = false;  // false when the network has no units of the chosen kind
  spatial::ConcentrationReport concentration;
  std::vector<CommunityProfile> profiles;  // largest community first
  std::vector<Result> results;  // leiden, centrality, anchors, parks, concentration, in that order
};

/// Names of the stored results the job writes.
inline constexpr const char* kMainJobResults[] = {"leiden", "centrality", "anchors", "parks", "concentration"};

/// Runs the sequence. Cost: the sum of the steps: R Leiden runs, R' null replicates after
/// 10 m burn-in swaps, and betweenness at O(n m) (exact) or O(k m) (k = 1000 sampled pivots).
MainJobOutcome run_main_job(const Graph& graph, const MainJobOptions& options);

/// Profiles of every community of membership (labels >= 0). A community's anchor is its
/// highest-scoring firm among those anchors ranks (study-area firms); none without anchors.
/// consensus may be empty. O(n log n).
std::vector<CommunityProfile> profile_communities(const Graph& graph, const std::vector<std::int64_t>& membership,
                                                  const AnchorAnalysis* anchors, const std::vector<double>& consensus);

}  // namespace firmnet

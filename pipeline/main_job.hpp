// The main job (`firmnet analyze`, `make demo`): the standard analysis sequence on one network,
// composed from the families' run_x functions and described for storage by results/.
//
//   1. summary (nodes, edges, degrees, components, parks);
//   2. communities: Leiden on the undirected projection (spatial modularity when most firms
//      have coordinates), best of several seeds with a stability check (community_step, which
//      `firmnet parks` also uses);
//   3. centrality: degree/strength, PageRank, betweenness (sampled above a size threshold),
//      coreness;
//   4. anchors: roles, local embedding, supply dependency, score;
//   5. park verdicts against the null model, with the step-2 communities;
//   6. concentration indices by park (by region when there are fewer than two parks), with the
//      distance-based K-density and M (99 counterfactuals, industries represented by at most
//      200 firms) when located, classified firms lie a positive median distance apart;
//   7. a profile of each community (community_profiles.hpp).
// Every step's stored result carries its parameters; the job only chooses the defaults.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "algorithms/anchors/anchor_score.hpp"
#include "algorithms/community/community_detection.hpp"
#include "algorithms/spatial/concentration.hpp"
#include "algorithms/spatial/park_verdicts.hpp"
#include "algorithms/structure/network_summary.hpp"
#include "pipeline/community_profiles.hpp"
#include "results/result.hpp"

namespace firmnet::pipeline {

/// Names of the results the main job stores; the report and the CLI find them by these.
namespace result_names {
inline constexpr const char* communities = "leiden";
inline constexpr const char* centrality = "centrality";
inline constexpr const char* anchors = "anchors";
inline constexpr const char* parks = "parks";
inline constexpr const char* concentration = "concentration";
}  // namespace result_names

struct MainJobRequest {
  std::string layers, years;      // edge selection for every step
  std::uint64_t seed = 1;
  int threads = 1;                // recorded in results (OpenMP is set by the caller)
  int stability_runs = 5;         // Leiden seeds seed..seed+R-1
  int null_models = 199;          // park test replicates
  std::string unit = "park";      // park test units: park, region or radius
  std::uint64_t exact_betweenness_below = 200000;  // nodes; sampled pivots above
  std::size_t top_anchors = 5;
};

struct MainJobOutcome {
  structure::NetworkSummary summary;
  community::CommunityOutcome communities;
  anchors::AnchorOutcome anchors;
  spatial::ParkOutcome parks;
  bool parks_run = false;  // false when the network has no units of the chosen kind
  spatial::ConcentrationOutcome concentration;
  std::vector<CommunityProfile> profiles;  // largest community first
  std::vector<Result> results;  // communities, centrality, anchors, parks, concentration, in that order
};

/// The community step shared by the main job and `firmnet parks`: Leiden at resolution 1, best
/// of `runs` seeds from `seed`, with stability. The objective is the spatial modularity (Expert
/// et al. 2011; communities beyond what proximity gives, docs/METHODS.md) when more than
/// kMostFirmsLocated of the firms have coordinates, modularity otherwise. O(n) to choose;
/// running it O(runs * Leiden + runs^2 n).
community::CommunityRequest community_step(const Graph& graph, std::uint64_t seed, int runs);

/// The step as a person reads it, with the share of firms located (why the objective was
/// chosen): "leiden (spatial modularity, resolution 1; 97% of firms have coordinates), best of
/// seeds 1..5". O(n).
std::string community_step_text(const Graph& graph, const community::CommunityRequest& request);

/// Runs the sequence. Cost: the sum of the steps (Leiden R times, the null model R' times).
MainJobOutcome run_main_job(const Graph& graph, const MainJobRequest& request, const Progress& progress = {});

}  // namespace firmnet::pipeline

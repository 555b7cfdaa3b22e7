// The main job (`firmnet analyze`, `make demo`): the standard analysis sequence on one network,
// composed from the families' run_x functions and described for storage by results/.
//
//   1. summary (nodes, edges, degrees, components, parks);
//   2. communities: Leiden on the undirected projection, best of several seeds with a
//      stability check (community_step, which `firmnet parks` also uses);
//   3. centrality: degree/strength, PageRank, betweenness (KADABRA, every score within 0.01 of
//      exact normalised betweenness with probability 0.9, above a size threshold),
//      coreness;
//   4. anchors: roles, local embedding, supply dependency, score;
//   5. park verdicts against the null model, with the step-2 communities;
//   6. concentration indices by park (by region when there are fewer than two parks), with the
//      distance-based K-density and M (99 counterfactuals, industries represented by at most
//      200 firms) when located, classified firms lie a positive median distance apart;
//   7. a profile of each community (community_profiles.hpp).
// Each phase is timed (PhaseClock); `firmnet analyze` prints and stores the table (result
// `analyze`). Before any work, the job says which sections or parts the data cannot support
// (skipped_sections: no units for the park test, fewer than two stages for vertical links,
// coordinates too scarce for the distance null, no distance curves); with strict_sections
// that is an error instead.
// Every step's stored result carries its parameters; the job only chooses the defaults.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "algorithms/anchors/anchor_score.hpp"
#include "algorithms/clusters/cluster_identification.hpp"
#include "algorithms/evolution/evolution.hpp"
#include "algorithms/risk/esri.hpp"
#include "algorithms/risk/park_exposure.hpp"
#include "algorithms/community/community_detection.hpp"
#include "algorithms/spatial/concentration.hpp"
#include "algorithms/spatial/park_verdicts.hpp"
#include "algorithms/structure/network_capabilities.hpp"
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
inline constexpr const char* clusters = "clusters";
inline constexpr const char* evolution = "evolution";
inline constexpr const char* risk = "risk";
inline constexpr const char* exposure = "exposure";
inline constexpr const char* phases = "analyze";  // wall time per phase, table `phases`
}  // namespace result_names

/// Wall time of one phase of the job.
struct PhaseTime {
  std::string phase;
  double seconds = 0;
};

/// Wall-clock laps: each lap() records the time since the previous one under a phase name.
class PhaseClock {
 public:
  PhaseClock();
  /// Records the time since the last lap (or construction) as `phase`. O(1).
  void lap(std::string phase);
  const std::vector<PhaseTime>& phases() const { return phases_; }

 private:
  std::vector<PhaseTime> phases_;
  double last_ = 0;
};

/// The park test as the main job runs it by default: ParkRequest's defaults with 199
/// replicates. O(1).
spatial::ParkRequest default_park_request();

struct MainJobRequest {
  std::string layers, years;      // edge selection for every step
  std::uint64_t seed = 1;
  int threads = 1;                // recorded in results (OpenMP is set by the caller)
  int stability_runs = 5;         // Leiden seeds seed..seed+R-1
  community::Method community_method = community::Method::leiden;  // leiden or louvain
  double resolution = 1.0;        // modularity resolution gamma of the community step
  // The park test's settings (unit, radius, null model, replicates, verdict thresholds); the
  // job fills in the seed and the communities. 199 replicates by default.
  spatial::ParkRequest parks = default_park_request();
  std::uint64_t exact_betweenness_below = 200000;  // nodes; KADABRA above, within epsilon w.p. 1 - delta
  double betweenness_epsilon = 0.01, betweenness_delta = 0.1;
  std::size_t top_anchors = 5;
  // Clusters where no park is drawn (docs/clusters.md) on networks with fewer nodes than this
  // (0 = never): their own Leiden, null replicates and localisation draws.
  std::uint64_t clusters_below = 200000;
  // Evolution over the years (docs/evolution.md) when the links span at least three years;
  // from this many nodes on without per-year null replicates and dynamic communities.
  bool evolution = true;
  std::uint64_t full_evolution_below = 200000;
  // Systemic risk (ESRI, docs/risk.md) of the riskiest firms, and the anchors' systemic
  // component from it, on networks with fewer firms than this (0 = never).
  std::uint64_t risk_below = 200000;
  std::size_t risk_top = 1000;       // firms whose ESRI is computed exactly (top-k screening)
  double risk_tolerance = 1e-2;      // the cascade's fixed-point tolerance
  spatial::StudyArea study_area;  // for the anchors and the park test (it replaces parks.study_area)
  bool strict_sections = false;   // a section the data cannot support is an error, not a note
};

/// A section (or part of one) the main job leaves out or weakens, and why.
struct SkippedSection {
  std::string section, reason;
};

struct MainJobOutcome {
  structure::NetworkSummary summary;
  community::CommunityOutcome communities;
  anchors::AnchorOutcome anchors;
  spatial::ParkOutcome parks;
  bool parks_run = false;  // false when the network has no units of the chosen kind
  structure::NetworkCapabilities capabilities;
  std::vector<SkippedSection> skipped;
  spatial::ConcentrationOutcome concentration;
  clusters::ClusterOutcome clusters;
  bool clusters_run = false;
  evolution::EvolutionOutcome evolution;
  risk::RiskOutcome risk;
  bool risk_run = false;
  risk::ExposureOutcome exposure;  // per park, when the risk ran and the network has parks
  bool exposure_run = false;
  bool evolution_run = false, evolution_full = false;
  std::vector<CommunityProfile> profiles;  // largest community first
  std::vector<Result> results;  // communities, centrality, risk, anchors, exposure, parks, concentration, clusters, evolution, in that order
  std::vector<PhaseTime> phases;  // summary, communities, centrality, risk, anchors, exposure, parks, concentration, clusters, evolution, profiles
};

/// The phases (with any the caller timed, such as the import, before them) as result
/// `analyze`: table `phases` (phase, seconds) and scalar total_seconds. O(phases).
Result phase_times_result(const std::vector<PhaseTime>& phases, std::uint64_t seed, int threads);

/// The community step shared by the main job and `firmnet parks`: Leiden (or Louvain) with
/// modularity at `resolution` (1 by default), best of `runs` seeds from `seed`, with stability. Not the spatial modularity:
/// it discounts every link that proximity explains, a compact cluster's own links included, and
/// so splits clusters that sit in one park; the park rule separates a shared value chain from a
/// shared town by the links themselves instead (docs/METHODS.md). O(runs * Leiden + runs^2 n).
community::CommunityRequest community_step(std::uint64_t seed, int runs,
                                           community::Method method = community::Method::leiden,
                                           double resolution = 1.0);

/// The step as a person reads it: "leiden (modularity, resolution 1), best of seeds 1..5". O(1).
std::string community_step_text(const community::CommunityRequest& request);

/// The sections the job will skip or weaken on this graph, with reasons; distance_curves: whether
/// located, classified firms lie a positive median distance apart. O(1).
std::vector<SkippedSection> skipped_sections(const Graph& graph, const MainJobRequest& request,
                                             const structure::NetworkCapabilities& capabilities, bool distance_curves);

/// Whether the job finds clusters: fewer nodes than request.clusters_below and distance curves
/// measurable (the localisation test needs located firms apart). O(1).
bool clusters_enabled(const Graph& graph, const MainJobRequest& request, bool distance_curves);

/// Runs the sequence; throws DataError listing the skipped sections when
/// request.strict_sections and there are any. Cost: the sum of the steps (Leiden R times, the null model R' times).
MainJobOutcome run_main_job(const Graph& graph, const MainJobRequest& request, const Progress& progress = {});

}  // namespace firmnet::pipeline

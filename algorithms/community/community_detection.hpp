// One entry point for `firmnet communities`: runs a method R times (seeds seed..seed+R-1)
// on the selected layers and years, keeps the best run, and adds quality, per-community
// statistics and stability (results/community_result.hpp describes it for storage).
//
// Best run: highest objective quality (Leiden, Louvain, igraph Leiden), shortest code length
// (infomap) or highest modularity (label propagation, walktrap, fast greedy).
// Leiden and Louvain runs go one per thread when there are several (same outcome as serial).
// Time: R method runs plus O(R^2 n log n) for stability; memory O(R n + m).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "algorithms/community/community_stats.hpp"
#include "algorithms/community/leiden.hpp"
#include "algorithms/community/stability.hpp"
#include "graph/progress.hpp"
#include "graph/views.hpp"

namespace firmnet::community {

enum class Method : std::uint8_t { leiden, louvain, infomap, lpa, walktrap, fastgreedy, igraph_leiden };
/// The command-line name of a method. O(1).
std::string_view method_name(Method method);
/// Method names as written on the command line; nullopt when unknown. O(length).
std::optional<Method> parse_method(std::string_view text);
/// All method names, for help texts. O(methods).
std::string method_names();
/// True for the methods that optimise an Objective (Leiden, Louvain, igraph Leiden). O(1).
bool uses_objective(Method method);

/// The order in which Leiden's refinement visits each community's vertices: the seeded
/// visiting order, or lightest first (LeidenOptions::refine_lightest_first).
enum class RefineOrder : std::uint8_t { visiting, lightest_first };
/// "visiting" or "lightest-first". O(1).
std::string_view refine_order_name(RefineOrder order);
/// The names above; nullopt otherwise. O(length).
std::optional<RefineOrder> parse_refine_order(std::string_view text);

struct CommunityRequest {
  Method method = Method::leiden;
  Objective objective = Objective::modularity;  // Leiden, Louvain, igraph Leiden
  double resolution = 1.0;
  int iterations = 0;  // Leiden/Louvain outer iterations (<= 0: until no improvement)
  // Leiden/Louvain: a level's local moving ends after a pass moving fewer than this fraction
  // of the level's vertices (0: until a pass moves none). 0.2 with iterations = 1 and
  // lightest-first refinement is faster than GVE-Leiden at higher modularity on the scale
  // networks (docs/benchmarks.md).
  double pass_stop_fraction = 0.0;
  // Leiden: lightest_first raises the modularity of one-iteration runs on heavy-tailed
  // networks at some cost in time (docs/community.md).
  RefineOrder refine_order = RefineOrder::visiting;
  int runs = 1;        // seeds seed, seed+1, ...
  std::uint64_t seed = 1;
  int infomap_trials = 10;
  int walktrap_steps = 4;
  DeterrenceOptions deterrence;  // spatial objective: distance bins and sites of the fit
};

struct CommunityOutcome {
  Membership membership;  // best run, communities by decreasing size
  std::int64_t community_count = 0;
  std::size_t best_run = 0;
  double quality = 0;              // objective (Leiden/Louvain/igraph Leiden) else modularity
  double modularity = 0;           // undirected, gamma = request.resolution for modularity runs, else 1
  double directed_modularity = 0;  // Leicht-Newman on the directed layers, same gamma
  double codelength = 0;           // infomap only
  CommunityStats stats;
  std::optional<DeterrenceFunction> deterrence;  // spatial objective: the fit, shared by all runs
  StabilitySummary stability;                // against the best run
  std::vector<double> community_consensus;  // mean consensus share per community
  double seconds = 0;                        // wall time of all runs
};

/// The options of one Leiden or Louvain run of the request (objective, resolution, refinement
/// and its order, iterations, pass stop fraction) with the given seed; the spatial null's coordinates and
/// deterrence function are the caller's to add. O(1).
LeidenOptions leiden_options(const CommunityRequest& request, std::uint64_t seed);

/// Runs the request on view's accepted edges: the undirected projection for every method
/// except infomap, which uses the directed adjacency. The spatial objective first fits the
/// deterrence function on the projection with the nodes' lat/lon (deterrence_function.hpp).
/// Throws UsageError on bad parameters. Time: that of the method (community.md).
CommunityOutcome run_communities(const GraphView& view, const CommunityRequest& request, const Progress& progress = {});

}  // namespace firmnet::community

// Parallel, deterministic Leiden and Louvain community detection on an undirected weighted
// graph (the weight-summed projection from undirected_projection).
//
// Reference: V. A. Traag, L. Waltman, N. J. van Eck, "From Louvain to Leiden: guaranteeing
// well-connected communities", Sci. Rep. 9:5233 (2019). Parallel structure after S. Sahu,
// "GVE-Leiden: fast Leiden algorithm for community detection in shared memory setting" (2023).
// See leiden.cpp for the approach and complexity.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "algorithms/community/deterrence_function.hpp"
#include "graph/progress.hpp"
#include "graph/views.hpp"

namespace firmnet::community {

/// Community label per node. Labels are 0..k-1; -1 marks a missing label where a function
/// says it accepts one (partition comparison).
using Membership = std::vector<std::int64_t>;

/// Quality function optimised by Leiden and Louvain (modularity.hpp; docs/community.md).
enum class Objective : std::uint8_t {
  modularity,  // Q = (1/2m) sum_ij [A_ij - gamma k_i k_j / 2m] delta(c_i, c_j)
  cpm,         // H = sum_c [e_c - gamma n_c (n_c - 1) / 2]
  // Q_spa = (1/2m) sum_ij [A_ij - gamma N_i N_j f(d_ij)] delta(c_i, c_j), N = strength, f the
  // fitted deterrence function (Expert, Evans, Blondel & Lambiotte, PNAS 108:7663, 2011)
  spatial_modularity,
};
/// "modularity", "cpm" or "spatial". O(1).
std::string_view objective_name(Objective objective);
/// "modularity", "cpm" or "spatial" (also "spatial-modularity"); nullopt otherwise. O(length).
std::optional<Objective> parse_objective(std::string_view text);

struct LeidenOptions {
  Objective objective = Objective::modularity;
  double resolution = 1.0;  // gamma in the formulas above
  /// true: Leiden (refinement, connected communities). false: Louvain (same engine, the
  /// aggregation uses the local-moving partition directly).
  bool refine = true;
  /// Outer iterations, each restarting the multilevel procedure from the previous partition;
  /// <= 0: no cap. Iterating stops when an iteration improves the quality by no more than
  /// tolerance * |quality| (relative), or when its node-level local moving does not (then its
  /// refinement and coarse levels are skipped); the best partition found is kept.
  int max_iterations = 0;
  double tolerance = 1e-4;
  std::uint64_t seed = 1;
  /// A local-moving pass with at least sequential_below active vertices runs in parallel, in
  /// up to sub_rounds synchronous sub-rounds of at least sequential_below / 2 vertices; smaller
  /// passes run sequentially (exact moves). More sub-rounds: closer to sequential moving,
  /// more synchronisation. Neither changes the determinism guarantee. Passes of fewer than
  /// sub_rounds * sequential_below / 2 vertices get fewer sub-rounds, so 64 only matters on
  /// graphs over 131k vertices: on the 1M-firm scale network level 0 then converges a pass
  /// earlier than with 16 (7% less CPU time, docs/benchmarks.md). At most 255 are used.
  int sub_rounds = 64;
  std::size_t sequential_below = 16384;
  /// Cap on local-moving passes per level (a pass visits every vertex flagged as active).
  int max_passes = 100;
  /// A level's local moving also ends after a pass that moves fewer than this fraction of
  /// the level's vertices (0: only when a pass moves none; at most 1). With max_iterations 1,
  /// 0.05-0.2 trades modularity for time down to GVE-Leiden's level (docs/benchmarks.md).
  double pass_stop_fraction = 0.0;
  /// Refinement visits each community's vertices from the lightest to the heaviest (node
  /// weight, ties in visiting order) instead of in the seeded visiting order. Light vertices
  /// then join their heavier neighbours first, and a vertex once joined stays put, so hubs
  /// become the centres of refined communities instead of merging with one another early.
  /// With max_iterations 1 on the heavy-tailed scale networks this raised modularity by
  /// 0.004-0.006; the finer aggregate it leaves costs time, and iterated to convergence it
  /// reached the same modularity 18% slower, hence off by default (docs/benchmarks.md).
  bool refine_lightest_first = false;
  /// Optional start partition (size n, labels >= 0), e.g. from a previous run.
  const Membership* initial = nullptr;
  /// spatial_modularity only: the nodes' coordinates and the deterrence function fitted on
  /// this graph (fit_deterrence(graph, coordinates)); both must outlive the call.
  Coordinates coordinates;
  const DeterrenceFunction* deterrence = nullptr;
};

struct LeidenResult {
  Membership membership;  // per node, communities numbered by decreasing size
  std::int64_t community_count = 0;
  double quality = 0;  // modularity Q, CPM H or Q_spa of the membership, with options.resolution
  int iterations = 0;  // outer iterations run (the last may have found no improvement)
  int levels = 0;      // aggregation levels of the last iteration
};

/// Buffers that leiden() keeps between calls, so that a sequence of runs on one graph (several
/// seeds, a resolution scan) allocates and first-touches its arrays once: the aggregate row
/// stores (up to one entry per CSR entry, 12 bytes each, twice), one accumulator of n doubles
/// per thread, and the arrays of a level's size (about 160 bytes per node). A workspace
/// serves one call at a time; results do not depend on what it held before.
class LeidenWorkspace {
 public:
  struct Buffers;  // defined in leiden.cpp
  LeidenWorkspace();
  ~LeidenWorkspace();
  LeidenWorkspace(LeidenWorkspace&&) noexcept;
  LeidenWorkspace& operator=(LeidenWorkspace&&) noexcept;
  /// Allocates and touches both aggregate row stores at graph's size (in parallel), the
  /// per-thread accumulators and the level-sized arrays, ahead of a timed or repeated run:
  /// the run then touches no fresh memory beyond its result. Optional. O(n threads + m).
  void reserve(const WeightedCsr& graph);
  Buffers& buffers() { return *buffers_; }

 private:
  std::unique_ptr<Buffers> buffers_;
};

/// Leiden (options.refine = true) or Louvain (false) on a symmetric CSR without self-loops
/// (both u->v and v->u present with equal weight, weights >= 0).
/// The result depends only on the graph and options (seed), not on the thread count.
/// Time per level O(m * passes) for local moving, O(m) for refinement and aggregation;
/// memory O(n + m), plus n doubles per thread. The spatial modularity adds, per vertex visit,
/// O(sites of the vertex x sites of the community) for staying and for each candidate that
/// could still win, O(entries x sites) once per coarse level (leiden.cpp), G^2 bytes for the
/// bin table of G <= 8192 sites, and throws UsageError without coordinates and
/// deterrence function.
LeidenResult leiden(const WeightedCsr& graph, const LeidenOptions& options = {}, const Progress& progress = {});
/// leiden() reusing workspace's buffers (grown as needed). Same result. Same complexity.
LeidenResult leiden(const WeightedCsr& graph, const LeidenOptions& options, const Progress& progress,
                    LeidenWorkspace& workspace);

/// Louvain: leiden() with options.refine forced to false. Time per level O(m * passes).
LeidenResult louvain(const WeightedCsr& graph, LeidenOptions options = {}, const Progress& progress = {});

/// Relabels communities 0..k-1 by decreasing size (ties: smallest member first). Negative
/// labels stay -1. Returns k. O(n + k log k).
std::int64_t canonical_relabel(Membership& membership);

}  // namespace firmnet::community

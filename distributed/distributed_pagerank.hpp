// PageRank of a DistributedGraph, the iteration of algorithms/centrality/pagerank.hpp
// (Brin & Page 1998, as igraph defines it) with the uniform teleport vector:
//   x_v = (1 - d) / n + d ( sum_{u->v} x_u w_uv / s_u  +  (1 / n) sum_{u dangling} x_u ).
// Approach: pull over the owned in-rows; before each iteration the owners send the shares
// x_u / s_u of their boundary nodes to the ranks holding them as ghosts (one all-to-all), and
// two allreduces give the dangling mass and the L1 change. Same start, update, stopping rule
// and final normalisation as the single-process kernel, so the scores agree with it to
// rounding (the only difference is the order of the global sums).
// Complexity: O(iterations (n + m) / p) per rank; communication per iteration: 8 bytes per
// (ghost, rank) pair plus two scalar allreduces.
#pragma once
#include <cstdint>
#include <vector>

#include "distributed/distributed_graph.hpp"

namespace firmnet::distributed {

struct DistributedPageRankOptions {
  double damping = 0.85;
  double tolerance = 1e-10;  // stop when the L1 change over all nodes is below this
  int max_iterations = 1000;
  bool weighted = true;
};

struct DistributedPageRank {
  std::vector<double> scores;  // per owned node; all ranks' scores sum to 1
  int iterations = 0;
  bool converged = false;
  std::uint64_t bytes_per_iteration = 0;  // ghost shares sent by this rank
};

/// PageRank of the owned nodes. Collective. Throws UsageError on a bad damping factor.
/// O(iterations (n + m) / p) per rank.
DistributedPageRank distributed_pagerank(const DistributedGraph& graph, const DistributedPageRankOptions& options);

}  // namespace firmnet::distributed

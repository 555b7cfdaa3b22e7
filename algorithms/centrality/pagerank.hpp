// PageRank (Brin & Page 1998) with personalisation, as igraph defines it:
//   x_v = (1 - d) p_v + d ( sum_{u->v} x_u w_uv / s_u  +  p_v sum_{u dangling} x_u )
// where s_u is u's out-strength (out-degree when unweighted), p the normalised
// personalisation vector (uniform when none is given) and a node is dangling when s_u = 0.
// Dangling mass is redistributed by p, as igraph_personalized_pagerank (PRPACK) does.
// Approach: pull-based power iteration (each node sums over its in-row, no atomics), one
// fused pass per iteration,
// parallel over nodes with a static schedule, so a thread count gives reproducible values.
// Complexity: O(iterations * (n + m)); memory 5 n doubles beyond the adjacency.
#pragma once
#include <vector>

#include "graph/adjacency.hpp"

namespace firmnet::centrality {

struct PageRankOptions {
  double damping = 0.85;          // d, in [0, 1)
  double tolerance = 1e-10;       // stop when the L1 change of x between iterations is below this
  int max_iterations = 1000;
  bool weighted = true;           // use edge weights (summed over folded edges)
  std::vector<double> personalization;  // empty = uniform; else n non-negative values, sum > 0
};

struct PageRankResult {
  std::vector<double> scores;  // sums to 1
  int iterations = 0;
  bool converged = false;
  double last_change = 0.0;    // L1 change in the last iteration
};

/// PageRank of every node. On an undirected adjacency each edge is followed both ways.
/// Throws UsageError on a bad damping factor or personalisation vector. O(iterations (n + m)).
PageRankResult pagerank(const Adjacency& adjacency, const PageRankOptions& options);

}  // namespace firmnet::centrality

// Local clustering coefficient (Watts & Strogatz 1998) on the undirected simple projection:
//   C_v = t_v / (d_v (d_v - 1) / 2),  t_v = triangles through v, d_v = distinct neighbours,
// and C_v = 0 when d_v < 2 (igraph_transitivity_local_undirected, mode ZERO).
// Approach: triangles counted once each by the forward algorithm (edges oriented from lower
// to higher (degree, id) rank), with per-thread marker arrays and atomic counter updates.
// Complexity: O(m^1.5) worst case, O(m * d_max of the oriented graph) in practice, parallel.
#pragma once
#include <cstdint>
#include <vector>

#include "graph/adjacency.hpp"

namespace firmnet::centrality {

struct ClusteringResult {
  std::vector<double> coefficient;
  std::vector<std::uint64_t> triangles;
};

/// Local clustering of every node of an undirected adjacency (a directed one is read through
/// its out-rows plus in-rows, i.e. as its undirected projection). O(m^1.5).
ClusteringResult local_clustering(const Adjacency& adjacency);

}  // namespace firmnet::centrality

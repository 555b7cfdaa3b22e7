// k-core coreness (Seidman 1983): the largest k such that the node belongs to the k-core, the
// maximal subgraph in which every node has degree >= k. Batagelj & Zaversnik (2003,
// arXiv cs/0310049) bucket algorithm: O(n + m), sequential (it is already memory-bound).
// Degrees are counted on the simple projection (Adjacency):
//   total: undirected adjacency (distinct neighbours in either direction);
//   in / out: directed adjacency, in-degree or out-degree cores (igraph_coreness IN / OUT).
#pragma once
#include <cstdint>
#include <vector>

#include "graph/adjacency.hpp"
#include "algorithms/centrality/degree.hpp"

namespace firmnet::centrality {

/// Coreness of every node. mode in/out need a directed adjacency; on an undirected adjacency
/// every mode gives the undirected coreness. O(n + m).
std::vector<std::int64_t> coreness(const Adjacency& adjacency, DegreeMode mode);

}  // namespace firmnet::centrality

// A cheap upper bound on the vertex diameter VD (the most nodes on any shortest path, hop
// counts), as the sample bound of approximate betweenness needs (Riondato & Kornaropoulos 2016,
// "Fast approximation of betweenness centrality through sampling", Data Min. Knowl. Disc.
// 30:438). An exact diameter costs a BFS per node; a bound only loosens that sample bound, by a
// logarithm.
// Approach: strongly connected components (connected components when undirected). Inside a
// component C, every shortest path between two of its nodes stays in C, and through a root r,
// d(u, w) <= d(u, r) + d(r, w) <= ecc_in(r) + ecc_out(r) (one backward and one forward BFS
// restricted to C; r the node of largest degree, usually central). So a shortest path holds at
// most w(C) = min(ecc_in(r) + ecc_out(r), |C| - 1) + 1 nodes of C. A directed shortest path
// enters each component at most once and visits components in an order of the condensation
// (a DAG), so VD <= the heaviest path of the condensation weighted by w, and <= n. Undirected,
// this is max_C min(2 ecc(r), |C| - 1) + 1.
// Complexity: O(n + m) time and memory.
#pragma once
#include <cstdint>

#include "graph/adjacency.hpp"

namespace firmnet::centrality {

/// Upper bound on the number of nodes of any shortest (fewest-hop) path of the adjacency;
/// 0 for an empty graph. O(n + m).
std::uint64_t vertex_diameter_upper_bound(const Adjacency& adjacency);

}  // namespace firmnet::centrality

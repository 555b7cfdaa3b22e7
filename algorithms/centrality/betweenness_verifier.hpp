// Verifier of exact unweighted betweenness (betweenness.hpp), written apart from the kernel:
// one plain BFS per source counts shortest paths sigma_s(v) and distances; then, from the
// farthest nodes inward, each node w passes sigma_s(v) / sigma_s(w) (1 + delta_s(w)) to each
// predecessor v found on its in-row (the kernel pulls from successors on the out-row), and
//   bc(v) = f sum_s delta_s(v),  f = 1/2 on an undirected adjacency (each pair once),
// divided by f (n - 1)(n - 2) when normalised. Scores must match to 1e-9 relative.
// Only for n <= max_nodes (default 2,000) and exact unweighted runs; otherwise the check is
// skipped with a note (sampled and weighted runs are not verified here).
// Complexity: O(n m) time, O(n) memory.
#pragma once
#include "algorithms/centrality/betweenness.hpp"
#include "graph/verification.hpp"

namespace firmnet::centrality {

/// Exact unweighted betweenness by the plain path counting described above (in-row
/// predecessors, serial), normalised as betweenness.hpp does when asked. O(n m).
std::vector<double> betweenness_by_path_counting(const Adjacency& adjacency, bool normalized);

/// Checks `result` = betweenness(adjacency, options) when the run is exact, unweighted and
/// n <= max_nodes; otherwise returns a note only. O(n m).
Verification verify_betweenness(const Adjacency& adjacency, const BetweennessOptions& options,
                                const BetweennessResult& result, NodeId max_nodes = 2000);

}  // namespace firmnet::centrality

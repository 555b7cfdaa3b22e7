// Verifier of KADABRA approximate betweenness (kadabra_betweenness.hpp), written apart from
// the kernel. It cannot replay the samples, so it checks what any correct run satisfies:
//  - every score is (a multiple n / (n - 2) / tau, in pair units when not normalised, of) a
//    visit count between 0 and tau, and the counts sum to the stored interior visits;
//  - a path has at most VD - 2 interior nodes: visits <= tau (VD - 2), and the longest
//    sampled path <= VD;
//  - VD is an upper bound: it is at least the longest shortest path that two BFS sweeps find
//    (a lower bound on the true vertex diameter), and tau <= omega;
//  - a node that cannot be interior scores 0 (no in- or no out-neighbour; undirected, degree < 2);
//  - on graphs of at most max_nodes nodes, every score within the error bound (epsilon) of exact
//    betweenness by path counting (betweenness_verifier.hpp). This holds with probability
//    >= 1 - delta by the guarantee; in practice the error stays well inside epsilon, so a
//    violation here is far more likely a defect than chance.
// Complexity: O(n + m), plus O(n m) for the exact comparison on small graphs.
#pragma once
#include "algorithms/centrality/kadabra_betweenness.hpp"
#include "graph/verification.hpp"

namespace firmnet::centrality {

/// Checks `result` = kadabra_betweenness(adjacency, options). O(n + m), O(n m) when
/// n <= max_nodes.
Verification verify_kadabra(const Adjacency& adjacency, const KadabraOptions& options, const KadabraResult& result,
                            NodeId max_nodes = 2000);

}  // namespace firmnet::centrality

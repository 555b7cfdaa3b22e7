// Verifier of k-core coreness (coreness.hpp), written apart from the bucket algorithm:
//   - local condition: a node of coreness k has at least k neighbours of coreness >= k (it
//     belongs to the k-core) and fewer than k + 1 neighbours of coreness >= k + 1 (it cannot
//     belong to the (k+1)-core);
//   - peeling: the coreness recomputed by plain min-degree peeling (Seidman 1983) with an
//     ordered set: repeatedly remove a node of least remaining degree; its coreness is the
//     largest such least degree seen so far. The local condition alone admits other fixed
//     points (all zeros passes it), so the peeling pins the values down.
// The counted degree: neighbours in the undirected adjacency; on a directed adjacency the
// in-degree (mode in) or the out-degree (out, and total, as the kernel counts it).
// Complexity: O(m log n).
#pragma once
#include <cstdint>
#include <vector>

#include "algorithms/centrality/coreness.hpp"
#include "graph/verification.hpp"

namespace firmnet::centrality {

/// Checks `cores` = coreness(adjacency, mode). O(m log n).
Verification verify_coreness(const Adjacency& adjacency, DegreeMode mode, const std::vector<std::int64_t>& cores);

}  // namespace firmnet::centrality

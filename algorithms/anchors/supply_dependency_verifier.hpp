// Verifier of the supply dominator tree (supply_dependency.hpp), written apart from the
// Lengauer-Tarjan run: plain BFS and tree walks only. It checks that
//   - the firms the virtual root feeds are exactly the supplier-less strongly connected
//     components: the fed set is closed under suppliers, each of its weakly connected pieces
//     is strongly connected (a forward and a backward BFS each cover it), and every firm is
//     reachable from it;
//   - the immediate dominators form a tree below the virtual root (no cycle), fed firms hang
//     directly from the root, and every tree parent dominates: for each edge u -> w, w's
//     parent is a tree ancestor of u (the parent property of Georgiadis & Tarjan, "Dominator
//     tree verification and vertex-disjoint paths", SODA 2005; with it, every tree ancestor
//     of a node lies on all of its supply paths);
//   - dominated(d) = sum over d's tree children c of (dominated(c) + 1);
//   - for a sample of firms v, by BFS from the root with one firm removed: removing the
//     reported immediate dominator disconnects v, and it is the dominator closest to v on a
//     shortest supply path (nodes of that path are removed one by one, nearest first).
// Complexity: O(n + m) for the whole-tree checks, plus O((k + 1)(n + m)) per sampled firm,
// k its path distance to its immediate dominator.
#pragma once
#include <cstddef>
#include <cstdint>

#include "algorithms/anchors/supply_dependency.hpp"
#include "graph/verification.hpp"

namespace firmnet::anchors {

/// Checks `result` = supply_dependency(flow). The BFS checks visit min(n, sample) firms
/// drawn with `seed`. O(n + m + sample (k + 1)(n + m)).
Verification verify_supply_dependency(const Adjacency& flow, const SupplyDependency& result,
                                      std::size_t sample = 100, std::uint64_t seed = 1);

}  // namespace firmnet::anchors

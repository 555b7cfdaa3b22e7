// Supply dependency: who loses every supply path when a firm fails.
// The dominator tree (Lengauer & Tarjan 1979, TOPLAS 1:121; Boost.Graph's
// lengauer_tarjan_dominator_tree) of the goods-flow graph, entered from a virtual root that
// feeds every firm without a supplier in the network. Firms on a supplier-less cycle (a
// strongly connected component that no outside node supplies) are fed by the root too, so
// that every firm is reachable; without such cycles the root feeds exactly the firms without
// a supplier.
// Firm d dominates firm v when every supply path from the root to v passes through d; if d
// fails, v loses every supply path. dominated(d) = size of d's dominator subtree minus d.
// Complexity: O(m alpha(m, n)) for the tree (plus O(n + m) for the source components).
#pragma once
#include <cstdint>
#include <vector>

#include "graph/adjacency.hpp"

namespace firmnet::anchors {

inline constexpr std::int64_t kVirtualRoot = -1;

struct SupplyDependency {
  std::vector<std::int64_t> immediate_dominator;  // node id, or kVirtualRoot
  std::vector<std::int64_t> dominated;            // firms that lose every supply path with it
  std::vector<std::uint8_t> fed_by_root;          // 1: the virtual root feeds this firm
};

/// Dominator analysis of a directed goods-flow adjacency (supply_flow). Throws UsageError for
/// an undirected adjacency. O(n + m alpha(m, n)).
SupplyDependency supply_dependency(const Adjacency& flow);

/// The root edges used: every node the virtual root feeds, in increasing order. O(n + m).
std::vector<NodeId> virtual_root_targets(const Adjacency& flow);

}  // namespace firmnet::anchors

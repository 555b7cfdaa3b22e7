#include "algorithms/anchors/cut_points.hpp"

#include <algorithm>

#include "graph/errors.hpp"

namespace firmnet::anchors {

CutPoints cut_points(const Adjacency& adjacency) {
  if (adjacency.is_directed()) throw UsageError("articulation points and bridges need the undirected adjacency");
  const WeightedCsr& rows = adjacency.out();
  const NodeId n = rows.node_count();
  constexpr NodeId kNone = static_cast<NodeId>(-1);
  CutPoints result;
  result.articulation.assign(n, 0);
  result.cut_off.assign(n, 0);
  result.bridge_count.assign(n, 0);
  std::vector<NodeId> discovery(n, kNone), low(n), parent(n, kNone), subtree(n, 1);
  // Per node, the separated child subtrees: their total and the largest.
  std::vector<NodeId> separated_total(n, 0), separated_largest(n, 0);
  std::vector<NodeId> component;
  std::vector<EdgeId> next_edge(n);
  std::vector<NodeId> stack;
  NodeId time = 0;
  for (NodeId start = 0; start < n; ++start) {
    if (discovery[start] != kNone) continue;
    discovery[start] = low[start] = time++;
    next_edge[start] = rows.offsets[start];
    stack.push_back(start);
    component.assign(1, start);
    NodeId root_children = 0;
    while (!stack.empty()) {
      const NodeId u = stack.back();
      if (next_edge[u] < rows.offsets[u + 1]) {
        const NodeId v = rows.targets[next_edge[u]++];
        if (discovery[v] == kNone) {
          parent[v] = u;
          discovery[v] = low[v] = time++;
          next_edge[v] = rows.offsets[v];
          stack.push_back(v);
          component.push_back(v);
          if (u == start) ++root_children;
        } else if (v != parent[u]) {
          low[u] = std::min(low[u], discovery[v]);
        }
        continue;
      }
      // u is finished: report to its parent.
      stack.pop_back();
      const NodeId p = parent[u];
      if (p == kNone) continue;
      low[p] = std::min(low[p], low[u]);
      subtree[p] += subtree[u];
      if (low[u] >= discovery[p]) {
        // Removing p separates u's subtree from the part of the component above p.
        if (p != start) result.articulation[p] = 1;
        separated_total[p] += subtree[u];
        separated_largest[p] = std::max(separated_largest[p], subtree[u]);
      }
      if (low[u] > discovery[p]) {
        result.bridges.emplace_back(std::min(u, p), std::max(u, p));
        ++result.bridge_count[u];
        ++result.bridge_count[p];
      }
    }
    if (root_children >= 2) result.articulation[start] = 1;
    // Pieces left when p fails: each separated child subtree and the rest of the component.
    const NodeId others = static_cast<NodeId>(component.size()) - 1;
    for (NodeId p : component) {
      if (!result.articulation[p]) continue;
      const NodeId rest = others - separated_total[p];
      result.cut_off[p] = others - std::max(rest, separated_largest[p]);
    }
  }
  std::sort(result.bridges.begin(), result.bridges.end());
  return result;
}

}  // namespace firmnet::anchors

#include "algorithms/centrality/coreness_verifier.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <utility>

namespace firmnet::centrality {

Verification verify_coreness(const Adjacency& adjacency, DegreeMode mode, const std::vector<std::int64_t>& cores) {
  Verification out;
  const NodeId n = adjacency.node_count();
  if (cores.size() != n) {
    out.fail("coreness has " + std::to_string(cores.size()) + " values for " + std::to_string(n) + " nodes");
    return out;
  }
  // A node's degree counts the nodes in its `counted` row; removing it lowers the degree of
  // the nodes in its `lowered` row (in-cores: its out-neighbours lose an in-neighbour).
  const bool in_mode = adjacency.is_directed() && mode == DegreeMode::in;
  const WeightedCsr& counted = in_mode ? adjacency.in() : adjacency.out();
  const WeightedCsr& lowered = in_mode ? adjacency.out() : adjacency.in();

  for (NodeId v = 0; v < n; ++v) {
    const std::int64_t k = cores[v];
    std::int64_t at_least_k = 0, above_k = 0;
    for (EdgeId i = counted.offsets[v]; i < counted.offsets[v + 1]; ++i) {
      at_least_k += cores[counted.targets[i]] >= k;
      above_k += cores[counted.targets[i]] >= k + 1;
    }
    if (k < 0 || at_least_k < k)
      out.fail("node " + std::to_string(v) + " has coreness " + std::to_string(k) + " but only " +
               std::to_string(at_least_k) + " neighbours of coreness >= " + std::to_string(k));
    if (above_k >= k + 1)
      out.fail("node " + std::to_string(v) + " has coreness " + std::to_string(k) + " but " + std::to_string(above_k) +
               " neighbours of coreness >= " + std::to_string(k + 1));
  }

  std::vector<std::int64_t> degree(n), peeled(n, -1);
  std::set<std::pair<std::int64_t, NodeId>> remaining;
  for (NodeId v = 0; v < n; ++v) {
    degree[v] = static_cast<std::int64_t>(counted.degree(v));
    remaining.insert({degree[v], v});
  }
  std::int64_t level = 0;
  while (!remaining.empty()) {
    const auto [d, v] = *remaining.begin();
    remaining.erase(remaining.begin());
    level = std::max(level, d);
    peeled[v] = level;
    for (EdgeId i = lowered.offsets[v]; i < lowered.offsets[v + 1]; ++i) {
      const NodeId u = lowered.targets[i];
      if (peeled[u] >= 0) continue;
      remaining.erase({degree[u], u});
      remaining.insert({--degree[u], u});
    }
  }
  for (NodeId v = 0; v < n; ++v)
    if (peeled[v] != cores[v])
      out.fail("node " + std::to_string(v) + ": coreness " + std::to_string(cores[v]) + ", peeling gives " +
               std::to_string(peeled[v]));
  return out;
}

}  // namespace firmnet::centrality

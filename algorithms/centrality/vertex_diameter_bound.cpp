#include "algorithms/centrality/vertex_diameter_bound.hpp"

#include <algorithm>
#include <vector>

#include "algorithms/structure/connected_components.hpp"

namespace firmnet::centrality {

namespace {

// Hops from root to the farthest node reached along `rows` without leaving its component.
// `depth` holds -1 for unvisited nodes and is restored before returning. O(size of component).
std::uint64_t eccentricity_within(const WeightedCsr& rows, const std::vector<std::int64_t>& component, NodeId root,
                                  std::vector<std::int64_t>& depth, std::vector<NodeId>& queue) {
  queue.assign(1, root);
  depth[root] = 0;
  std::int64_t farthest = 0;
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const NodeId u = queue[head];
    farthest = depth[u];
    for (EdgeId i = rows.offsets[u]; i < rows.offsets[u + 1]; ++i) {
      const NodeId v = rows.targets[i];
      if (depth[v] >= 0 || component[v] != component[root]) continue;
      depth[v] = depth[u] + 1;
      queue.push_back(v);
    }
  }
  for (NodeId v : queue) depth[v] = -1;
  return static_cast<std::uint64_t>(farthest);
}

}  // namespace

std::uint64_t vertex_diameter_upper_bound(const Adjacency& adjacency) {
  const NodeId n = adjacency.node_count();
  if (n == 0) return 0;
  const WeightedCsr& out = adjacency.out();
  const WeightedCsr& in = adjacency.in();
  const std::vector<std::int64_t> component = structure::strongly_connected_components(out);
  const std::size_t count = static_cast<std::size_t>(*std::max_element(component.begin(), component.end()) + 1);

  std::vector<std::uint64_t> size(count, 0);
  std::vector<NodeId> root(count, 0);
  std::vector<std::uint8_t> has_root(count, 0);
  for (NodeId v = 0; v < n; ++v) {
    const auto c = static_cast<std::size_t>(component[v]);
    ++size[c];
    if (!has_root[c] || out.degree(v) + in.degree(v) > out.degree(root[c]) + in.degree(root[c])) {
      root[c] = v;
      has_root[c] = 1;
    }
  }
  std::vector<std::uint64_t> weight(count, 1);
  std::vector<std::int64_t> depth(n, -1);
  std::vector<NodeId> queue;
  for (std::size_t c = 0; c < count; ++c) {
    if (size[c] < 2) continue;
    const std::uint64_t forward = eccentricity_within(out, component, root[c], depth, queue);
    const std::uint64_t backward =
        adjacency.is_directed() ? eccentricity_within(in, component, root[c], depth, queue) : forward;
    weight[c] = std::min(forward + backward, size[c] - 1) + 1;
  }

  // Heaviest path of the condensation, in topological order (Kahn); undirected graphs have no
  // edges between components, so this is the largest weight.
  std::vector<std::uint64_t> indegree(count, 0);
  for (NodeId u = 0; u < n; ++u)
    for (EdgeId i = out.offsets[u]; i < out.offsets[u + 1]; ++i)
      if (component[out.targets[i]] != component[u]) ++indegree[component[out.targets[i]]];
  std::vector<std::vector<NodeId>> members(count);
  for (NodeId v = 0; v < n; ++v) members[component[v]].push_back(v);
  std::vector<std::uint64_t> heaviest(weight);
  std::vector<std::size_t> ready;
  for (std::size_t c = 0; c < count; ++c)
    if (indegree[c] == 0) ready.push_back(c);
  std::uint64_t bound = 0;
  while (!ready.empty()) {
    const std::size_t c = ready.back();
    ready.pop_back();
    bound = std::max(bound, heaviest[c]);
    for (NodeId u : members[c])
      for (EdgeId i = out.offsets[u]; i < out.offsets[u + 1]; ++i) {
        const auto d = static_cast<std::size_t>(component[out.targets[i]]);
        if (d == c) continue;
        heaviest[d] = std::max(heaviest[d], heaviest[c] + weight[d]);
        if (--indegree[d] == 0) ready.push_back(d);
      }
  }
  return std::min<std::uint64_t>(bound, n);
}

}  // namespace firmnet::centrality

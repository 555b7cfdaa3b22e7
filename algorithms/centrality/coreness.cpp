#include "algorithms/centrality/coreness.hpp"

#include <algorithm>

#include "algorithms/centrality/pkc_coreness.hpp"

namespace firmnet::centrality {

std::vector<std::int64_t> coreness(const Adjacency& adjacency, DegreeMode mode) {
  return adjacency.entry_count() < kSerialCorenessEntries ? batagelj_zaversnik_coreness(adjacency, mode)
                                                         : pkc_coreness(adjacency, mode);
}

std::vector<std::int64_t> batagelj_zaversnik_coreness(const Adjacency& adjacency, DegreeMode mode) {
  const NodeId n = adjacency.node_count();
  // The degree that counts comes from `counted`; removing v lowers it at the nodes in v's
  // `affected` row (for in-cores: v's out-neighbours lose an in-edge).
  const bool in_mode = adjacency.is_directed() && mode == DegreeMode::in;
  const WeightedCsr& counted = in_mode ? adjacency.in() : adjacency.out();
  const WeightedCsr& affected = in_mode ? adjacency.out() : adjacency.in();
  std::vector<std::uint32_t> degree(n);
  std::uint32_t max_degree = 0;
  for (NodeId v = 0; v < n; ++v) {
    degree[v] = static_cast<std::uint32_t>(counted.degree(v));
    max_degree = std::max(max_degree, degree[v]);
  }
  // Nodes sorted by degree (counting sort); bucket_start[d] = first position of degree d.
  std::vector<std::uint32_t> bucket_start(std::size_t{max_degree} + 2, 0);
  for (NodeId v = 0; v < n; ++v) ++bucket_start[degree[v] + 1];
  for (std::size_t d = 1; d < bucket_start.size(); ++d) bucket_start[d] += bucket_start[d - 1];
  std::vector<NodeId> sorted(n);
  std::vector<std::uint32_t> position(n);
  {
    std::vector<std::uint32_t> cursor(bucket_start.begin(), bucket_start.end() - 1);
    for (NodeId v = 0; v < n; ++v) {
      position[v] = cursor[degree[v]]++;
      sorted[position[v]] = v;
    }
  }
  for (std::uint32_t i = 0; i < n; ++i) {
    const NodeId v = sorted[i];
    for (EdgeId e = affected.offsets[v]; e < affected.offsets[v + 1]; ++e) {
      const NodeId u = affected.targets[e];
      if (degree[u] <= degree[v]) continue;
      // Move u to the front of its bucket, then shrink its degree by one.
      const std::uint32_t du = degree[u];
      const std::uint32_t front = bucket_start[du];
      const NodeId w = sorted[front];
      if (w != u) {
        std::swap(sorted[front], sorted[position[u]]);
        position[w] = position[u];
        position[u] = front;
      }
      ++bucket_start[du];
      --degree[u];
    }
  }
  return {degree.begin(), degree.end()};
}

}  // namespace firmnet::centrality

#include "algorithms/centrality/clustering.hpp"

#include <atomic>

namespace firmnet::centrality {

namespace {

// Undirected neighbour rows: the adjacency itself when undirected, else out- plus in-rows
// merged (distinct neighbours).
WeightedCsr undirected_rows(const Adjacency& adjacency) {
  const WeightedCsr& out = adjacency.out();
  if (!adjacency.is_directed()) return out;
  const WeightedCsr& in = adjacency.in();
  const NodeId n = adjacency.node_count();
  WeightedCsr merged;
  merged.offsets.assign(std::size_t{n} + 1, 0);
  for (NodeId v = 0; v < n; ++v) {
    EdgeId a = out.offsets[v], b = in.offsets[v];
    while (a < out.offsets[v + 1] || b < in.offsets[v + 1]) {
      NodeId next;
      if (b == in.offsets[v + 1] || (a < out.offsets[v + 1] && out.targets[a] < in.targets[b])) {
        next = out.targets[a++];
      } else if (a == out.offsets[v + 1] || in.targets[b] < out.targets[a]) {
        next = in.targets[b++];
      } else {
        next = out.targets[a++];
        ++b;
      }
      merged.targets.push_back(next);
    }
    merged.offsets[v + 1] = merged.targets.size();
  }
  merged.weights.assign(merged.targets.size(), 1.0);
  return merged;
}

}  // namespace

ClusteringResult local_clustering(const Adjacency& adjacency) {
  const WeightedCsr rows = undirected_rows(adjacency);
  const NodeId n = rows.node_count();
  auto ranks_before = [&](NodeId a, NodeId b) {
    return rows.degree(a) < rows.degree(b) || (rows.degree(a) == rows.degree(b) && a < b);
  };
  std::vector<std::atomic<std::uint64_t>> count(n);
  for (auto& c : count) c.store(0, std::memory_order_relaxed);
#pragma omp parallel
  {
    std::vector<NodeId> marker(n, static_cast<NodeId>(-1));
#pragma omp for schedule(dynamic, 256)
    for (std::int64_t source = 0; source < static_cast<std::int64_t>(n); ++source) {
      const NodeId u = static_cast<NodeId>(source);
      for (EdgeId i = rows.offsets[u]; i < rows.offsets[u + 1]; ++i)
        if (ranks_before(u, rows.targets[i])) marker[rows.targets[i]] = u;
      for (EdgeId i = rows.offsets[u]; i < rows.offsets[u + 1]; ++i) {
        const NodeId v = rows.targets[i];
        if (!ranks_before(u, v)) continue;
        for (EdgeId j = rows.offsets[v]; j < rows.offsets[v + 1]; ++j) {
          const NodeId w = rows.targets[j];
          if (marker[w] == u && ranks_before(v, w)) {
            count[u].fetch_add(1, std::memory_order_relaxed);
            count[v].fetch_add(1, std::memory_order_relaxed);
            count[w].fetch_add(1, std::memory_order_relaxed);
          }
        }
      }
    }
  }
  ClusteringResult result;
  result.coefficient.assign(n, 0.0);
  result.triangles.resize(n);
  for (NodeId v = 0; v < n; ++v) {
    result.triangles[v] = count[v].load(std::memory_order_relaxed);
    const double d = static_cast<double>(rows.degree(v));
    if (d >= 2) result.coefficient[v] = static_cast<double>(result.triangles[v]) / (d * (d - 1.0) / 2.0);
  }
  return result;
}

}  // namespace firmnet::centrality

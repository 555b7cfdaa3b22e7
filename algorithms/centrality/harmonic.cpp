#include "algorithms/centrality/harmonic.hpp"

#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <queue>

#include "graph/errors.hpp"

namespace firmnet::centrality {

std::vector<double> harmonic_closeness(const Adjacency& adjacency, const HarmonicOptions& options) {
  const NodeId n = adjacency.node_count();
  const WeightedCsr& rows = options.use_in_edges ? adjacency.in() : adjacency.out();
  if (options.weighted)
    for (double w : rows.weights)
      if (!(w > 0.0) || !std::isfinite(w))
        throw UsageError("weighted harmonic closeness needs positive finite edge weights (path lengths)");
  std::vector<double> result(n, 0.0);
  std::int64_t done = 0;
#pragma omp parallel
  {
    std::vector<double> length(n, std::numeric_limits<double>::infinity());
    std::vector<std::uint8_t> settled(n, 0);
    std::vector<NodeId> reached;
    reached.reserve(n);
    using Entry = std::pair<double, NodeId>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;
#pragma omp for schedule(dynamic, 16)
    for (std::int64_t source = 0; source < static_cast<std::int64_t>(n); ++source) {
      const NodeId s = static_cast<NodeId>(source);
      reached.clear();
      length[s] = 0.0;
      double sum = 0.0;
      if (!options.weighted) {
        reached.push_back(s);
        for (std::size_t head = 0; head < reached.size(); ++head) {
          const NodeId v = reached[head];
          for (EdgeId i = rows.offsets[v]; i < rows.offsets[v + 1]; ++i) {
            const NodeId w = rows.targets[i];
            if (length[w] != std::numeric_limits<double>::infinity()) continue;
            length[w] = length[v] + 1.0;
            sum += 1.0 / length[w];
            reached.push_back(w);
          }
        }
      } else {
        reached.push_back(s);
        heap.push({0.0, s});
        while (!heap.empty()) {
          const auto [dist, v] = heap.top();
          heap.pop();
          if (settled[v] || dist != length[v]) continue;
          settled[v] = 1;
          if (v != s) sum += 1.0 / dist;
          for (EdgeId i = rows.offsets[v]; i < rows.offsets[v + 1]; ++i) {
            const NodeId w = rows.targets[i];
            const double candidate = dist + rows.weights[i];
            if (candidate < length[w]) {
              if (length[w] == std::numeric_limits<double>::infinity()) reached.push_back(w);
              length[w] = candidate;
              heap.push({candidate, w});
            }
          }
        }
      }
      for (NodeId v : reached) {
        length[v] = std::numeric_limits<double>::infinity();
        settled[v] = 0;
      }
      result[s] = sum;
#pragma omp atomic
      ++done;
      if ((source & 1023) == 0) {
        std::int64_t seen;
#pragma omp atomic read
        seen = done;
#pragma omp critical(harmonic_progress)
        options.progress.report("harmonic closeness", static_cast<double>(seen) / n);
      }
    }
  }
  if (options.normalized && n > 1)
    for (double& value : result) value /= static_cast<double>(n - 1);
  return result;
}

}  // namespace firmnet::centrality

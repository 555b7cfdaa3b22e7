#include "distributed/distributed_coreness.hpp"

#include <algorithm>

namespace firmnet::distributed {

DistributedCoreness distributed_coreness(const DistributedGraph& graph) {
  const NodeId owned = graph.owned_count();
  // Distinct neighbours in either direction (the undirected simple projection).
  std::vector<EdgeId> offsets(static_cast<std::size_t>(owned) + 1, 0);
  std::vector<std::uint32_t> neighbours;
  for (NodeId i = 0; i < owned; ++i) {
    const std::size_t begin = neighbours.size();
    neighbours.insert(neighbours.end(), graph.out_slots().begin() + static_cast<std::ptrdiff_t>(graph.out_offsets()[i]),
                      graph.out_slots().begin() + static_cast<std::ptrdiff_t>(graph.out_offsets()[i + 1]));
    neighbours.insert(neighbours.end(), graph.in_slots().begin() + static_cast<std::ptrdiff_t>(graph.in_offsets()[i]),
                      graph.in_slots().begin() + static_cast<std::ptrdiff_t>(graph.in_offsets()[i + 1]));
    std::sort(neighbours.begin() + static_cast<std::ptrdiff_t>(begin), neighbours.end());
    neighbours.erase(std::unique(neighbours.begin() + static_cast<std::ptrdiff_t>(begin), neighbours.end()), neighbours.end());
    offsets[i + 1] = neighbours.size();
  }
  std::vector<std::int64_t> h(graph.slot_count(), 0), next(owned);
  for (NodeId i = 0; i < owned; ++i) h[i] = static_cast<std::int64_t>(offsets[i + 1] - offsets[i]);
  DistributedCoreness result;
  std::vector<std::int64_t> at_least;  // at_least[k]: neighbours with value >= k (capped at h_v)
  for (;;) {
    graph.exchange_ghosts(h);
    ++result.rounds;
    std::uint64_t changed = 0;
    for (NodeId i = 0; i < owned; ++i) {
      const std::int64_t current = h[i];
      at_least.assign(static_cast<std::size_t>(current) + 2, 0);
      for (EdgeId k = offsets[i]; k < offsets[i + 1]; ++k) ++at_least[static_cast<std::size_t>(std::min(h[neighbours[k]], current))];
      std::int64_t value = current, count = 0;
      for (; value > 0; --value) {
        count += at_least[static_cast<std::size_t>(value)];
        if (count >= value) break;
      }
      next[i] = value;
      if (value != current) ++changed;
    }
    std::copy(next.begin(), next.end(), h.begin());
    if (allreduce_one<std::uint64_t>(changed, MPI_SUM, graph.comm()) == 0) break;
  }
  result.coreness.assign(h.begin(), h.begin() + owned);
  return result;
}

}  // namespace firmnet::distributed

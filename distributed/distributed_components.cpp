#include "distributed/distributed_components.hpp"

#include <algorithm>

namespace firmnet::distributed {

DistributedComponents distributed_weak_components(const DistributedGraph& graph) {
  const NodeId owned = graph.owned_count();
  std::vector<NodeId> label(graph.slot_count());
  for (std::size_t s = 0; s < label.size(); ++s) label[s] = graph.node_of_slot(s);
  DistributedComponents result;
  for (;;) {
    graph.exchange_ghosts(label);
    ++result.rounds;
    std::uint64_t changed = 0;
    for (NodeId i = 0; i < owned; ++i) {
      NodeId best = label[i];
      for (EdgeId k = graph.out_offsets()[i]; k < graph.out_offsets()[i + 1]; ++k) best = std::min(best, label[graph.out_slots()[k]]);
      for (EdgeId k = graph.in_offsets()[i]; k < graph.in_offsets()[i + 1]; ++k) best = std::min(best, label[graph.in_slots()[k]]);
      if (best != label[i]) {
        label[i] = best;
        ++changed;
      }
    }
    if (allreduce_one<std::uint64_t>(changed, MPI_SUM, graph.comm()) == 0) break;
  }
  // Roots (label = own id) are numbered in node order: ranks own increasing ranges.
  std::vector<std::int64_t> root_id(owned, -1);
  std::int64_t roots = 0;
  for (NodeId i = 0; i < owned; ++i)
    if (label[i] == graph.first() + i) root_id[i] = roots++;
  const std::int64_t before = exclusive_prefix_sum<std::int64_t>(roots, graph.comm());
  for (auto& id : root_id)
    if (id >= 0) id += before;
  result.count = static_cast<std::uint64_t>(allreduce_one<std::int64_t>(roots, MPI_SUM, graph.comm()));
  const std::vector<NodeId> labels(label.begin(), label.begin() + owned);
  result.membership = graph.fetch(labels, root_id);
  return result;
}

}  // namespace firmnet::distributed

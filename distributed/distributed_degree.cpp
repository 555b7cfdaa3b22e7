#include "distributed/distributed_degree.hpp"

namespace firmnet::distributed {

DistributedDegrees distributed_degrees(const DistributedGraph& graph) {
  const NodeId owned = graph.owned_count();
  DistributedDegrees d;
  d.out_degree.resize(owned);
  d.in_degree.resize(owned);
  d.out_strength.assign(owned, 0.0);
  d.in_strength.assign(owned, 0.0);
  for (NodeId i = 0; i < owned; ++i) {
    d.out_degree[i] = static_cast<double>(graph.out_offsets()[i + 1] - graph.out_offsets()[i]);
    d.in_degree[i] = static_cast<double>(graph.in_offsets()[i + 1] - graph.in_offsets()[i]);
    for (EdgeId k = graph.out_offsets()[i]; k < graph.out_offsets()[i + 1]; ++k) d.out_strength[i] += graph.out_weights()[k];
    for (EdgeId k = graph.in_offsets()[i]; k < graph.in_offsets()[i + 1]; ++k) d.in_strength[i] += graph.in_weights()[k];
  }
  return d;
}

}  // namespace firmnet::distributed

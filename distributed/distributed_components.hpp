// Weakly connected components of a DistributedGraph by min-label propagation (the
// Hash-Min algorithm; Rastogi et al. 2013, "Finding connected components in map-reduce in
// logarithmic rounds", ICDE): every node starts with its own id and repeatedly takes the
// smallest label among itself and its out- and in-neighbours, ghosts' labels exchanged each
// round, until no label changes anywhere. The final label is the component's smallest node,
// so ids numbered by increasing label follow structure::weakly_connected_components' order
// (algorithms/structure/connected_components.hpp) and the membership is identical.
// Complexity: O(D (n + m) / p) per rank for D rounds (D <= diameter + 1), one ghost exchange
// and one allreduce per round.
#pragma once
#include <cstdint>
#include <vector>

#include "distributed/distributed_graph.hpp"

namespace firmnet::distributed {

struct DistributedComponents {
  std::vector<std::int64_t> membership;  // component id per owned node, 0..count-1
  std::uint64_t count = 0;
  int rounds = 0;
};

/// Weakly connected components, ids in order of each component's smallest node. Collective.
/// O(D (n + m) / p) per rank.
DistributedComponents distributed_weak_components(const DistributedGraph& graph);

}  // namespace firmnet::distributed

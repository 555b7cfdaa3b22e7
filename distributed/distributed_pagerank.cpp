#include "distributed/distributed_pagerank.hpp"

#include <cmath>

#include "graph/errors.hpp"

namespace firmnet::distributed {

DistributedPageRank distributed_pagerank(const DistributedGraph& graph, const DistributedPageRankOptions& options) {
  if (!(options.damping >= 0.0 && options.damping < 1.0)) throw UsageError("PageRank damping must be in [0, 1)");
  if (options.max_iterations < 1) throw UsageError("PageRank needs at least one iteration");
  DistributedPageRank result;
  const double n = static_cast<double>(graph.global_node_count());
  const NodeId owned = graph.owned_count();
  if (graph.global_node_count() == 0) {
    result.converged = true;
    return result;
  }
  const double teleport = 1.0 / n, d = options.damping;
  std::vector<double> inverse_strength(owned);
  for (NodeId i = 0; i < owned; ++i) {
    double s = 0.0;
    if (options.weighted) {
      for (EdgeId k = graph.out_offsets()[i]; k < graph.out_offsets()[i + 1]; ++k) s += graph.out_weights()[k];
    } else {
      s = static_cast<double>(graph.out_offsets()[i + 1] - graph.out_offsets()[i]);
    }
    inverse_strength[i] = s > 0.0 ? 1.0 / s : 0.0;
  }
  std::vector<double> x(owned, teleport), share(graph.slot_count(), 0.0);
  double dangling = 0.0;
  for (NodeId i = 0; i < owned; ++i) {
    share[i] = x[i] * inverse_strength[i];
    if (inverse_strength[i] == 0.0) dangling += x[i];
  }
  dangling = allreduce_one(dangling, MPI_SUM, graph.comm());
  for (int iteration = 1; iteration <= options.max_iterations; ++iteration) {
    const std::uint64_t sent_before = bytes_sent_counter();
    graph.exchange_ghosts(share);
    result.bytes_per_iteration = bytes_sent_counter() - sent_before;
    double sums[2] = {0.0, 0.0};  // L1 change, next dangling mass
    for (NodeId i = 0; i < owned; ++i) {
      double sum = 0.0;
      for (EdgeId k = graph.in_offsets()[i]; k < graph.in_offsets()[i + 1]; ++k)
        sum += share[graph.in_slots()[k]] * (options.weighted ? graph.in_weights()[k] : 1.0);
      const double value = (1.0 - d) * teleport + d * (sum + dangling * teleport);
      sums[0] += std::abs(value - x[i]);
      x[i] = value;
      if (inverse_strength[i] == 0.0) sums[1] += value;
    }
    for (NodeId i = 0; i < owned; ++i) share[i] = x[i] * inverse_strength[i];
    MPI_Allreduce(MPI_IN_PLACE, sums, 2, MPI_DOUBLE, MPI_SUM, graph.comm());
    dangling = sums[1];
    result.iterations = iteration;
    if (sums[0] < options.tolerance) {
      result.converged = true;
      break;
    }
  }
  double total = 0.0;
  for (double value : x) total += value;
  total = allreduce_one(total, MPI_SUM, graph.comm());
  for (double& value : x) value /= total;
  result.scores = std::move(x);
  return result;
}

}  // namespace firmnet::distributed

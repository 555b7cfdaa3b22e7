#include "algorithms/centrality/betweenness_verifier.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace firmnet::centrality {

std::vector<double> betweenness_by_path_counting(const Adjacency& adjacency, bool normalized) {
  const NodeId n = adjacency.node_count();
  const WeightedCsr& successors = adjacency.out();
  const WeightedCsr& predecessors = adjacency.in();
  std::vector<double> score(n, 0.0), sigma(n), delta(n);
  std::vector<std::int64_t> distance(n);
  std::vector<NodeId> visited;
  for (NodeId s = 0; s < n; ++s) {
    std::fill(distance.begin(), distance.end(), -1);
    std::fill(sigma.begin(), sigma.end(), 0.0);
    std::fill(delta.begin(), delta.end(), 0.0);
    visited.assign(1, s);
    distance[s] = 0;
    sigma[s] = 1;
    for (std::size_t head = 0; head < visited.size(); ++head) {
      const NodeId u = visited[head];
      for (EdgeId i = successors.offsets[u]; i < successors.offsets[u + 1]; ++i) {
        const NodeId v = successors.targets[i];
        if (distance[v] < 0) {
          distance[v] = distance[u] + 1;
          visited.push_back(v);
        }
        if (distance[v] == distance[u] + 1) sigma[v] += sigma[u];
      }
    }
    for (std::size_t k = visited.size(); k-- > 1;) {
      const NodeId w = visited[k];
      for (EdgeId i = predecessors.offsets[w]; i < predecessors.offsets[w + 1]; ++i) {
        const NodeId v = predecessors.targets[i];
        if (distance[v] >= 0 && distance[v] == distance[w] - 1) delta[v] += sigma[v] / sigma[w] * (1 + delta[w]);
      }
      score[w] += delta[w];
    }
  }
  // Normalising divides by the pair count f (n - 1)(n - 2), which cancels f.
  double factor = adjacency.is_directed() ? 1.0 : 0.5;
  if (normalized && n > 2) factor = 1.0 / ((n - 1.0) * (n - 2.0));
  for (double& value : score) value *= factor;
  return score;
}

Verification verify_betweenness(const Adjacency& adjacency, const BetweennessOptions& options,
                                const BetweennessResult& result, NodeId max_nodes) {
  Verification out;
  const NodeId n = adjacency.node_count();
  if (result.scores.size() != n) {
    out.fail("betweenness has " + std::to_string(result.scores.size()) + " scores for " + std::to_string(n) +
             " nodes");
    return out;
  }
  if (options.samples > 0 || options.weighted) {
    out.notes.push_back("betweenness not verified: only exact unweighted runs are");
    return out;
  }
  if (n > max_nodes) {
    out.notes.push_back("betweenness not verified: " + std::to_string(n) + " nodes exceed the O(n m) check's limit of " +
                        std::to_string(max_nodes));
    return out;
  }
  const std::vector<double> exact = betweenness_by_path_counting(adjacency, options.normalized);
  for (NodeId v = 0; v < n; ++v)
    out.expect_close("betweenness of node " + std::to_string(v), result.scores[v], exact[v], 1e-9, 1e-12);
  return out;
}

}  // namespace firmnet::centrality

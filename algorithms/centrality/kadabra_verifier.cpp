#include "algorithms/centrality/kadabra_verifier.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "algorithms/centrality/betweenness_verifier.hpp"

namespace firmnet::centrality {

namespace {

// Farthest hop distance from `source` along `rows` and a node at that distance. O(n + m).
std::pair<std::uint64_t, NodeId> farthest_from(const WeightedCsr& rows, NodeId source) {
  std::vector<std::int64_t> hops(rows.node_count(), -1);
  std::vector<NodeId> queue{source};
  hops[source] = 0;
  NodeId last = source;
  for (std::size_t head = 0; head < queue.size(); ++head) {
    last = queue[head];
    for (EdgeId i = rows.offsets[last]; i < rows.offsets[last + 1]; ++i)
      if (hops[rows.targets[i]] < 0) {
        hops[rows.targets[i]] = hops[last] + 1;
        queue.push_back(rows.targets[i]);
      }
  }
  return {static_cast<std::uint64_t>(hops[last]), last};
}

}  // namespace

Verification verify_kadabra(const Adjacency& adjacency, const KadabraOptions& options, const KadabraResult& result,
                            NodeId max_nodes) {
  Verification out;
  const NodeId n = adjacency.node_count();
  if (result.scores.size() != n) {
    out.fail("betweenness has " + std::to_string(result.scores.size()) + " scores for " + std::to_string(n) + " nodes");
    return out;
  }
  const double pairs = n > 2 ? (adjacency.is_directed() ? 1.0 : 0.5) * (n - 1.0) * (n - 2.0) : 1.0;
  const double unit = options.normalized ? 1.0 : pairs;
  if (std::abs(result.error_bound - options.epsilon * unit) > 1e-12 * options.epsilon * unit)
    out.fail("error bound " + number_text(result.error_bound) + " is not epsilon " + number_text(options.epsilon) +
             " in score units");

  // Two sweeps from the node of largest out-degree: the second distance is a real shortest
  // path, so VD must hold at least that many plus one nodes.
  if (n > 0) {
    NodeId start = 0;
    for (NodeId v = 1; v < n; ++v)
      if (adjacency.out().degree(v) > adjacency.out().degree(start)) start = v;
    const auto [first_hops, far] = farthest_from(adjacency.out(), start);
    const std::uint64_t found = std::max(first_hops, farthest_from(adjacency.out(), far).first) + 1;
    if (result.vertex_diameter_bound < found)
      out.fail("vertex diameter bound " + std::to_string(result.vertex_diameter_bound) + " is below a shortest path of " +
               std::to_string(found) + " nodes");
  }
  if (result.vertex_diameter_bound < 3 || n < 3) {
    for (NodeId v = 0; v < n; ++v)
      if (result.scores[v] != 0.0) out.fail("node " + std::to_string(v) + " scores without any interior node");
    return out;
  }
  if (result.samples == 0 || result.samples > result.omega)
    out.fail(std::to_string(result.samples) + " samples outside [1, omega = " + std::to_string(result.omega) + "]");
  if (result.longest_path > result.vertex_diameter_bound)
    out.fail("a sampled path of " + std::to_string(result.longest_path) + " nodes exceeds the vertex diameter bound " +
             std::to_string(result.vertex_diameter_bound));
  if (result.interior_visits > result.samples * (result.vertex_diameter_bound - 2))
    out.fail("interior visits exceed samples x (VD - 2)");

  const double per_visit = n / (n - 2.0) / static_cast<double>(result.samples) * unit;
  double visit_sum = 0.0;
  for (NodeId v = 0; v < n; ++v) {
    const double count = result.scores[v] / per_visit;
    if (!(count >= -1e-6 && count <= result.samples + 1e-6) || std::abs(count - std::round(count)) > 1e-6) {
      out.fail("betweenness of node " + std::to_string(v) + " = " + number_text(result.scores[v]) +
               " is not a visit count in [0, samples]");
      continue;
    }
    visit_sum += std::round(count);
    const bool can_be_interior = adjacency.is_directed()
                                     ? adjacency.out().degree(v) > 0 && adjacency.in().degree(v) > 0
                                     : adjacency.out().degree(v) > 1;
    if (!can_be_interior && count != 0.0)
      out.fail("node " + std::to_string(v) + " lies on no shortest path inside but scores " + number_text(result.scores[v]));
  }
  if (visit_sum != static_cast<double>(result.interior_visits))
    out.fail("visit counts sum to " + number_text(visit_sum) + ", not the " + std::to_string(result.interior_visits) +
             " interior visits of the samples");

  if (n > max_nodes) {
    out.notes.push_back("betweenness not compared with exact: " + std::to_string(n) + " nodes exceed the O(n m) limit of " +
                        std::to_string(max_nodes));
    return out;
  }
  const std::vector<double> exact = betweenness_by_path_counting(adjacency, options.normalized);
  for (NodeId v = 0; v < n; ++v)
    if (std::abs(result.scores[v] - exact[v]) > result.error_bound)
      out.fail("betweenness of node " + std::to_string(v) + " = " + number_text(result.scores[v]) + " is more than " +
               number_text(result.error_bound) + " from exact " + number_text(exact[v]));
  return out;
}

}  // namespace firmnet::centrality

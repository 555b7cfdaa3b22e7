#include "algorithms/spatial/gravity_expectation.hpp"

#include <algorithm>

namespace firmnet::spatial {

namespace {

// The view's links as a directed CSR whose weights count the accepted edges u -> v. O(m log d).
WeightedCsr link_count_csr(const GraphView& view) {
  WeightedCsr csr;
  const NodeId n = view.node_count();
  csr.offsets.assign(n + 1, 0);
  std::vector<NodeId> row;
  for (NodeId u = 0; u < n; ++u) {
    row.clear();
    if (view.contains(u)) view.for_out_edges(u, [&](NodeId v, EdgeId, double) { row.push_back(v); });
    std::sort(row.begin(), row.end());
    for (std::size_t k = 0; k < row.size(); ++k) {
      if (k > 0 && row[k] == row[k - 1]) {
        csr.weights.back() += 1.0;
        continue;
      }
      csr.targets.push_back(row[k]);
      csr.weights.push_back(1.0);
    }
    csr.offsets[u + 1] = csr.targets.size();
  }
  return csr;
}

}  // namespace

GravityExpectation gravity_expectation(const GraphView& view, const std::vector<std::int64_t>& unit_of,
                                       std::size_t unit_count, const Progress& progress) {
  const Graph& g = view.graph();
  const WeightedCsr links = link_count_csr(view);
  const NodeId n = links.node_count();
  std::vector<double> out_degree(n, 0.0), in_degree(n, 0.0);
  for (NodeId u = 0; u < n; ++u)
    for (EdgeId e = links.offsets[u]; e < links.offsets[u + 1]; ++e) {
      out_degree[u] += links.weights[e];
      in_degree[links.targets[e]] += links.weights[e];
    }
  const community::Coordinates coordinates{g.nodes.lat, g.nodes.lon};
  GravityExpectation out;
  out.deterrence = community::fit_deterrence(links, coordinates, out_degree, in_degree, {}, progress);
  const community::SpatialNull null(coordinates, out.deterrence);
  std::vector<std::vector<NodeId>> members(unit_count);
  for (NodeId u = 0; u < n; ++u)
    if (unit_of[u] >= 0 && view.contains(u)) members[static_cast<std::size_t>(unit_of[u])].push_back(u);
  out.expected.assign(unit_count, 0.0);
  for (std::size_t c = 0; c < unit_count; ++c) {
    double self_pairs = 0;
    for (NodeId u : members[c]) self_pairs += out_degree[u] * in_degree[u] * null.kernel(null.site_of(u), null.site_of(u));
    out.expected[c] = null.expected_weight_between(members[c], out_degree, members[c], in_degree) - self_pairs;
  }
  return out;
}

}  // namespace firmnet::spatial

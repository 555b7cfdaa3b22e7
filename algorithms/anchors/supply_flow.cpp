#include "algorithms/anchors/supply_flow.hpp"

#include <algorithm>
#include <cstdint>

namespace firmnet::anchors {

EdgeFilter supply_layers() { return EdgeFilter::of_types({RelationType::supply, RelationType::subcontract}); }

Adjacency supply_flow(const GraphView& view) {
  const Graph& g = view.graph();
  const NodeId n = view.node_count();
  // Count, fill and then sort-and-merge each row, as directed_csr does.
  WeightedCsr csr;
  std::vector<EdgeId> count(std::size_t{n} + 1, 0);
  for (NodeId u = 0; u < n; ++u) {
    if (!view.contains(u)) continue;
    view.for_out_edges(u, [&](NodeId v, EdgeId e, double) {
      ++count[(g.edges.type[e] == RelationType::subcontract ? v : u) + 1];
    });
  }
  for (NodeId u = 0; u < n; ++u) count[u + 1] += count[u];
  std::vector<std::pair<NodeId, double>> entries(count[n]);
  std::vector<EdgeId> cursor(count.begin(), count.end() - 1);
  for (NodeId u = 0; u < n; ++u) {
    if (!view.contains(u)) continue;
    view.for_out_edges(u, [&](NodeId v, EdgeId e, double w) {
      const bool reversed = g.edges.type[e] == RelationType::subcontract;
      entries[cursor[reversed ? v : u]++] = {reversed ? u : v, w};
    });
  }
  csr.offsets.assign(std::size_t{n} + 1, 0);
  for (NodeId u = 0; u < n; ++u) {
    auto first = entries.begin() + static_cast<std::ptrdiff_t>(count[u]);
    auto last = entries.begin() + static_cast<std::ptrdiff_t>(count[u + 1]);
    std::sort(first, last, [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto it = first; it != last; ++it) {
      if (csr.targets.size() > csr.offsets[u] && csr.targets.back() == it->first) {
        csr.weights.back() += it->second;
      } else {
        csr.targets.push_back(it->first);
        csr.weights.push_back(it->second);
      }
    }
    csr.offsets[u + 1] = csr.targets.size();
  }
  return Adjacency::from_csr(std::move(csr), true);
}

}  // namespace firmnet::anchors

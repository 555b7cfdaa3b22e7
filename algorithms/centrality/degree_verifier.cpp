#include "algorithms/centrality/degree_verifier.hpp"

#include <set>
#include <string>

namespace firmnet::centrality {

Verification verify_degree(const GraphView& view, bool directed, DegreeMode mode, bool weighted,
                           const std::vector<double>& values) {
  Verification out;
  const NodeId n = view.node_count();
  if (values.size() != n) {
    out.fail("degree has " + std::to_string(values.size()) + " values for " + std::to_string(n) + " nodes");
    return out;
  }
  const bool count_out = !directed || mode != DegreeMode::in;
  const bool count_in = !directed || mode != DegreeMode::out;
  for (NodeId u = 0; u < n; ++u) {
    // Undirected: one set for both sides, so a reciprocal pair is one neighbour.
    std::set<NodeId> out_side, in_side;
    double strength = 0;
    const bool member = view.contains(u);  // nodes outside the view's subset have no edges
    if (member && count_out)
      view.for_out_edges(u, [&](NodeId v, EdgeId, double w) {
        out_side.insert(v);
        strength += w;
      });
    if (member && count_in)
      view.for_in_edges(u, [&](NodeId v, EdgeId, double w) {
        (directed ? in_side : out_side).insert(v);
        strength += w;
      });
    const double expected = weighted ? strength : static_cast<double>(out_side.size() + in_side.size());
    out.expect_close(std::string(weighted ? "strength" : "degree") + " of node " + std::to_string(u), values[u],
                     expected, 1e-12);
  }
  return out;
}

}  // namespace firmnet::centrality

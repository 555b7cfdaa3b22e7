#include "algorithms/clusters/cluster_growth.hpp"

#include <algorithm>
#include <limits>

#include "graph/errors.hpp"

namespace firmnet::clusters {

std::int32_t last_link_year(const GraphView& view) {
  std::int32_t last = 0;
  const Graph& g = view.graph();
  for (NodeId u = 0; u < g.node_count(); ++u)
    view.for_out_edges(u, [&](NodeId, EdgeId e, double) { last = std::max<std::int32_t>(last, g.edges.year[e]); });
  return last;
}

ClusterGrowth cluster_growth(const GraphView& view, const std::vector<NodeId>& members, std::int32_t last_year, int window) {
  if (window < 1) throw UsageError("the growth window must be at least 1 year, not " + std::to_string(window));
  const Graph& g = view.graph();
  const NodeTable& t = g.nodes;
  constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
  ClusterGrowth growth;
  growth.window = window;
  growth.firm_growth = growth.link_growth = kNan;
  growth.last_year = last_year;
  if (last_year == 0) return growth;
  const std::int32_t before = last_year - window;
  auto alive = [&](NodeId v, std::int32_t year) {
    return t.founded[v] > 0 && t.founded[v] <= year && (t.closed[v] == 0 || t.closed[v] >= year);
  };
  for (const NodeId v : members) {
    if (t.kind[v] != NodeKind::firm) continue;
    growth.firms_now += alive(v, last_year);
    growth.firms_before += alive(v, before);
  }
  for (const NodeId v : members)
    view.for_out_edges(v, [&](NodeId w, EdgeId e, double) {
      if (!std::binary_search(members.begin(), members.end(), w)) return;
      const std::int32_t year = g.edges.year[e];
      if (year == kNoYear) return;
      growth.links_recent += year > before && year <= last_year;
      growth.links_before += year > before - window && year <= before;
    });
  if (growth.firms_before > 0)
    growth.firm_growth = static_cast<double>(growth.firms_now) / static_cast<double>(growth.firms_before) - 1;
  if (growth.links_before > 0)
    growth.link_growth = static_cast<double>(growth.links_recent) / static_cast<double>(growth.links_before) - 1;
  return growth;
}

}  // namespace firmnet::clusters

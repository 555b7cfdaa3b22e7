#include "algorithms/evolution/snapshots.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include "graph/errors.hpp"

namespace firmnet::evolution {

bool alive_in(const NodeTable& nodes, NodeId u, int year) {
  const int founded = nodes.founded[u], closed = nodes.closed[u];
  return (founded == 0 || founded <= year) && (closed == 0 || closed >= year);
}

SnapshotPlan plan_snapshots(const GraphView& view, const SnapshotRequest& request) {
  if (request.window < 1) throw UsageError("--window must be at least 1, not " + std::to_string(request.window));
  const Graph& g = view.graph();
  SnapshotPlan plan;
  int earliest = std::numeric_limits<int>::max(), latest = std::numeric_limits<int>::min();
  for (NodeId u = 0; u < g.node_count(); ++u)
    view.for_out_edges(u, [&](NodeId, EdgeId e, double) {
      const int year = g.edges.year[e];
      if (year == kNoYear) {
        ++plan.undated_links;
        return;
      }
      earliest = std::min(earliest, year);
      latest = std::max(latest, year);
    });
  if (earliest > latest) throw DataError("no selected link has a year: evolution needs a 'year' column on the links");
  plan.first_year = request.first_year != 0 ? request.first_year : earliest;
  plan.last_year = request.last_year != 0 ? request.last_year : latest;
  if (plan.first_year > plan.last_year)
    throw UsageError("the first year " + std::to_string(plan.first_year) + " is after the last " +
                     std::to_string(plan.last_year));
  for (int year = plan.first_year + request.window - 1; year <= plan.last_year; ++year) {
    Snapshot s;
    s.year = year;
    s.filter = view.filter();
    s.filter.year_from = static_cast<std::int16_t>(std::max(year - request.window + 1, int{view.filter().year_from}));
    s.filter.year_to = static_cast<std::int16_t>(std::min(year, int{view.filter().year_to}));
    s.filter.keep_undated = view.filter().keep_undated && request.keep_undated;
    s.alive.assign(g.node_count(), 0);
    for (NodeId u = 0; u < g.node_count(); ++u) {
      s.alive[u] = view.contains(u) && alive_in(g.nodes, u, year);
      s.alive_nodes += s.alive[u];
    }
    plan.snapshots.push_back(std::move(s));
    const GraphView snapshot_view = plan.view(g, plan.snapshots.size() - 1);
    std::uint64_t links = 0;
    for (NodeId u = 0; u < g.node_count(); ++u)
      if (snapshot_view.contains(u)) snapshot_view.for_out_edges(u, [&](NodeId, EdgeId, double) { ++links; });
    plan.snapshots.back().links = links;
  }
  if (plan.snapshots.empty())
    throw UsageError("no snapshot: the years " + std::to_string(plan.first_year) + "-" + std::to_string(plan.last_year) +
                     " are fewer than the window of " + std::to_string(request.window));
  return plan;
}

}  // namespace firmnet::evolution

#include "algorithms/evolution/unit_dynamics_verifier.hpp"

#include <cmath>
#include <string>

namespace firmnet::evolution {

Verification verify_unit_dynamics(const Graph& graph, const SnapshotPlan& plan, const spatial::SpatialUnits& units,
                                  const std::vector<UnitYear>& rows) {
  Verification v;
  const NodeTable& nodes = graph.nodes;
  for (const UnitYear& row : rows) {
    const std::string where = units.names[row.unit] + " " + std::to_string(row.year);
    const Snapshot* snapshot = nullptr;
    for (const Snapshot& s : plan.snapshots)
      if (s.year == row.year) snapshot = &s;
    if (!snapshot) {
      v.fail(where + ": no snapshot of that year");
      continue;
    }
    std::uint64_t members = 0, firms = 0, entries = 0, exits = 0, internal = 0, vertical = 0;
    for (NodeId u = 0; u < graph.node_count(); ++u) {
      if (units.unit_of[u] != static_cast<std::int64_t>(row.unit)) continue;
      const bool firm = nodes.kind[u] == NodeKind::firm;
      const bool now = snapshot->alive[u] != 0;
      const bool then = (nodes.founded[u] == 0 || nodes.founded[u] < row.year) &&
                        (nodes.closed[u] == 0 || nodes.closed[u] >= row.year - 1);
      members += now;
      firms += now && firm;
      entries += now && firm && !then;
      exits += !now && firm && then;
    }
    for (EdgeId e = 0; e < graph.edge_count(); ++e) {
      const NodeId s = graph.edge_source(e), t = graph.out_target[e];
      if (units.unit_of[s] != static_cast<std::int64_t>(row.unit) || units.unit_of[t] != units.unit_of[s]) continue;
      if (!snapshot->alive[s] || !snapshot->alive[t] || !snapshot->filter.accepts(graph.edges.type[e], graph.edges.year[e]))
        continue;
      ++internal;
      vertical += nodes.kind[s] == NodeKind::firm && nodes.kind[t] == NodeKind::firm && !nodes.stage.missing(s) &&
                  !nodes.stage.missing(t) && nodes.stage.value(s) != nodes.stage.value(t);
    }
    const auto expect = [&](const char* what, std::uint64_t reported, std::uint64_t recounted) {
      if (reported != recounted)
        v.fail(where + ": " + what + " " + std::to_string(reported) + ", recounted " + std::to_string(recounted));
    };
    expect("members", row.members, members);
    expect("firms", row.firms, firms);
    expect("entries", row.entries, entries);
    expect("exits", row.exits, exits);
    expect("internal links", row.internal_links, internal);
    expect("vertical links", row.vertical_links, vertical);
    expect("new links by pair", row.new_links, row.new_links_both_new + row.new_links_one_new + row.new_links_old_pair);
    for (const auto& [what, value] : {std::pair{"vertical share", row.vertical_share}, {"external share", row.external_share},
                                      {"jaccard", row.jaccard}, {"persistence", row.persistence}})
      if (!std::isnan(value) && !(value >= 0 && value <= 1)) v.fail(where + ": " + what + " " + number_text(value) + " outside [0, 1]");
  }
  return v;
}

}  // namespace firmnet::evolution

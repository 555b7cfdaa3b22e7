#include "algorithms/evolution/anchor_succession_verifier.hpp"

#include <map>
#include <set>
#include <string>
#include <tuple>

namespace firmnet::evolution {

Verification verify_anchor_succession(const Graph& graph, const SnapshotPlan& plan, const spatial::SpatialUnits& units,
                                      int top, const AnchorSuccession& succession) {
  Verification v;
  std::map<std::pair<std::size_t, int>, std::vector<const AnchorRank*>> reported;
  for (const AnchorRank& r : succession.ranks) reported[{r.unit, r.year}].push_back(&r);
  std::set<std::tuple<std::size_t, int, NodeId, std::string, int, int>> replayed;
  std::map<std::size_t, std::map<NodeId, int>> previous;
  std::map<std::size_t, bool> had_members;
  for (const Snapshot& snapshot : plan.snapshots) {
    std::vector<std::uint64_t> score(graph.node_count(), 0);
    for (EdgeId e = 0; e < graph.edge_count(); ++e) {
      const NodeId s = graph.edge_source(e), t = graph.out_target[e];
      if (units.unit_of[s] < 0 || units.unit_of[s] != units.unit_of[t]) continue;
      if (!snapshot.alive[s] || !snapshot.alive[t] || !snapshot.filter.accepts(graph.edges.type[e], graph.edges.year[e]))
        continue;
      ++score[s], ++score[t];
    }
    std::map<std::size_t, bool> members;
    for (NodeId u = 0; u < graph.node_count(); ++u)
      if (units.unit_of[u] >= 0 && snapshot.alive[u]) members[static_cast<std::size_t>(units.unit_of[u])] = true;
    for (std::size_t unit = 0; unit < units.count(); ++unit) {
      // Selection: repeatedly the best firm not yet taken.
      std::map<NodeId, int> ranks;
      std::vector<std::uint8_t> taken(graph.node_count(), 0);
      for (int rank = 1; rank <= top; ++rank) {
        NodeId best = graph.node_count();
        for (NodeId u = 0; u < graph.node_count(); ++u)
          if (!taken[u] && units.unit_of[u] == static_cast<std::int64_t>(unit) && graph.nodes.kind[u] == NodeKind::firm &&
              score[u] > 0 && (best == graph.node_count() || score[u] > score[best]))
            best = u;
        if (best == graph.node_count()) break;
        taken[best] = 1;
        ranks[best] = rank;
      }
      const std::string where = units.names[unit] + " " + std::to_string(snapshot.year);
      const auto& listed = reported[{unit, snapshot.year}];
      if (listed.size() != ranks.size())
        v.fail(where + ": " + std::to_string(listed.size()) + " anchors, expected " + std::to_string(ranks.size()));
      for (const AnchorRank* r : listed) {
        const auto found = ranks.find(r->node);
        if (found == ranks.end() || found->second != r->rank)
          v.fail(where + ": node " + std::to_string(r->node) + " at rank " + std::to_string(r->rank) + " is not the selection's");
        if (r->id != graph.nodes.id[r->node]) v.fail(where + ": node " + std::to_string(r->node) + " has id '" + r->id + "'");
        if (r->score != score[r->node])
          v.fail(where + ": node " + std::to_string(r->node) + " score " + std::to_string(r->score) + ", recounted " +
                 std::to_string(score[r->node]));
      }
      if (members[unit] && had_members[unit]) {
        for (const auto& [node, rank] : previous[unit]) {
          const auto now = ranks.find(node);
          if (now == ranks.end()) replayed.insert({unit, snapshot.year, node, kAnchorLeave, rank, 0});
          else if (now->second > rank) replayed.insert({unit, snapshot.year, node, kAnchorLoseRank, rank, now->second});
        }
        for (const auto& [node, rank] : ranks)
          if (!previous[unit].contains(node)) replayed.insert({unit, snapshot.year, node, kAnchorEnter, 0, rank});
      }
      previous[unit] = std::move(ranks);
      had_members[unit] = members[unit];
    }
  }
  std::set<std::tuple<std::size_t, int, NodeId, std::string, int, int>> events;
  for (const AnchorEvent& e : succession.events) events.insert({e.unit, e.year, e.node, e.event, e.rank_before, e.rank_after});
  if (events != replayed)
    v.fail("anchor events: " + std::to_string(events.size()) + " reported, " + std::to_string(replayed.size()) +
           " replayed from the rank lists, and they differ");
  return v;
}

}  // namespace firmnet::evolution

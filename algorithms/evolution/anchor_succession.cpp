#include "algorithms/evolution/anchor_succession.hpp"

#include <algorithm>
#include <map>

#include "graph/errors.hpp"

namespace firmnet::evolution {

AnchorSuccession anchor_succession(const Graph& graph, const SnapshotPlan& plan, const spatial::SpatialUnits& units,
                                   int top) {
  if (top < 1) throw UsageError("--top-anchors must be at least 1");
  const NodeTable& nodes = graph.nodes;
  AnchorSuccession out;
  std::vector<std::uint64_t> score(graph.node_count(), 0);
  // The previous snapshot's top K per unit (node -> rank); empty when the unit had no members.
  std::vector<std::map<NodeId, int>> previous(units.count());
  std::vector<std::uint8_t> present_before(units.count(), 0);
  for (std::size_t t = 0; t < plan.snapshots.size(); ++t) {
    const Snapshot& snapshot = plan.snapshots[t];
    const GraphView view = plan.view(graph, t);
    std::fill(score.begin(), score.end(), 0);
    std::vector<std::uint8_t> present(units.count(), 0);
    for (NodeId u = 0; u < graph.node_count(); ++u) {
      if (!view.contains(u)) continue;
      const std::int64_t unit = units.unit_of[u];
      if (unit < 0) continue;
      present[static_cast<std::size_t>(unit)] = 1;
      view.for_out_edges(u, [&](NodeId v, EdgeId, double) {
        if (units.unit_of[v] != unit) return;
        ++score[u];
        ++score[v];
      });
    }
    struct Candidate {
      std::int64_t unit;
      std::uint64_t score;
      NodeId node;
    };
    std::vector<Candidate> candidates;
    for (NodeId u = 0; u < graph.node_count(); ++u)
      if (score[u] > 0 && nodes.kind[u] == NodeKind::firm) candidates.push_back({units.unit_of[u], score[u], u});
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
      return a.unit != b.unit ? a.unit < b.unit : a.score != b.score ? a.score > b.score : a.node < b.node;
    });
    std::vector<std::map<NodeId, int>> current(units.count());
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      const auto unit = static_cast<std::size_t>(candidates[i].unit);
      const int rank = static_cast<int>(current[unit].size()) + 1;
      if (rank > top) continue;
      current[unit][candidates[i].node] = rank;
      out.ranks.push_back({unit, snapshot.year, rank, candidates[i].node, std::string(nodes.id[candidates[i].node]),
                           candidates[i].score});
    }
    for (std::size_t unit = 0; unit < units.count(); ++unit) {
      if (!present[unit]) continue;
      if (present_before[unit]) {
        std::vector<AnchorEvent> events;
        for (const auto& [node, rank] : previous[unit]) {
          const auto now = current[unit].find(node);
          if (now == current[unit].end())
            events.push_back({unit, snapshot.year, node, std::string(nodes.id[node]), kAnchorLeave, rank, 0,
                              snapshot.alive[node] != 0});
          else if (now->second > rank)
            events.push_back({unit, snapshot.year, node, std::string(nodes.id[node]), kAnchorLoseRank, rank, now->second, true});
        }
        for (const auto& [node, rank] : current[unit])
          if (!previous[unit].contains(node))
            events.push_back({unit, snapshot.year, node, std::string(nodes.id[node]), kAnchorEnter, 0, rank, true});
        const auto key = [](const AnchorEvent& e) { return e.rank_before ? e.rank_before : e.rank_after; };
        std::stable_sort(events.begin(), events.end(), [&](const AnchorEvent& a, const AnchorEvent& b) { return key(a) < key(b); });
        out.events.insert(out.events.end(), events.begin(), events.end());
      }
    }
    for (std::size_t unit = 0; unit < units.count(); ++unit) present_before[unit] = present[unit];
    previous = std::move(current);
  }
  return out;
}

}  // namespace firmnet::evolution

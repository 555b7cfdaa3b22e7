#include "algorithms/anchors/supply_dependency_verifier.hpp"

#include <string>
#include <vector>

namespace firmnet::anchors {

namespace {

/// Nodes reached by a BFS along `rows` from every start node with start[u] set, never
/// entering `removed` (pass n for none). Also fills `via` with each node's BFS predecessor
/// (n for a start node) when given.
std::vector<std::uint8_t> reach(const WeightedCsr& rows, const std::vector<std::uint8_t>& start, NodeId removed,
                                std::vector<NodeId>* via = nullptr) {
  const NodeId n = rows.node_count();
  std::vector<std::uint8_t> reached(n, 0);
  std::vector<NodeId> queue;
  if (via) via->assign(n, n);
  for (NodeId u = 0; u < n; ++u)
    if (start[u] && u != removed) {
      reached[u] = 1;
      queue.push_back(u);
    }
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const NodeId u = queue[head];
    for (EdgeId i = rows.offsets[u]; i < rows.offsets[u + 1]; ++i) {
      const NodeId v = rows.targets[i];
      if (reached[v] || v == removed) continue;
      reached[v] = 1;
      if (via) (*via)[v] = u;
      queue.push_back(v);
    }
  }
  return reached;
}

/// The fed set is the union of the source components (see the header).
void check_fed_set(const Adjacency& flow, const std::vector<std::uint8_t>& fed, Verification& out) {
  const NodeId n = flow.node_count();
  for (NodeId w = 0; w < n; ++w)
    for (EdgeId i = flow.in().offsets[w]; i < flow.in().offsets[w + 1]; ++i)
      if (fed[w] && !fed[flow.in().targets[i]])
        out.fail("firm " + std::to_string(w) + " is fed by the root but has supplier " +
                 std::to_string(flow.in().targets[i]) + ", which is not");
  std::vector<std::uint8_t> piece_seen(n, 0);
  for (NodeId first = 0; first < n; ++first) {
    if (!fed[first] || piece_seen[first]) continue;
    // The weakly connected piece of the fed subgraph holding `first`.
    std::vector<NodeId> piece{first};
    piece_seen[first] = 1;
    for (std::size_t head = 0; head < piece.size(); ++head)
      for (const WeightedCsr* rows : {&flow.out(), &flow.in()})
        for (EdgeId i = rows->offsets[piece[head]]; i < rows->offsets[piece[head] + 1]; ++i) {
          const NodeId v = rows->targets[i];
          if (fed[v] && !piece_seen[v]) {
            piece_seen[v] = 1;
            piece.push_back(v);
          }
        }
    std::vector<std::uint8_t> only_first(n, 0);
    only_first[first] = 1;
    const std::vector<std::uint8_t> forward = reach(flow.out(), only_first, n), backward = reach(flow.in(), only_first, n);
    for (NodeId v : piece)
      if (!forward[v] || !backward[v]) {
        out.fail("fed firms " + std::to_string(first) + " and " + std::to_string(v) +
                 " are linked but not in one strongly connected component");
        break;
      }
  }
  const std::vector<std::uint8_t> reached = reach(flow.out(), fed, n);
  for (NodeId v = 0; v < n; ++v)
    if (!reached[v]) out.fail("firm " + std::to_string(v) + " is not reachable from the virtual root");
}

}  // namespace

Verification verify_supply_dependency(const Adjacency& flow, const SupplyDependency& result, std::size_t sample,
                                      std::uint64_t seed) {
  Verification out;
  const NodeId n = flow.node_count();
  if (result.immediate_dominator.size() != n || result.dominated.size() != n || result.fed_by_root.size() != n) {
    out.fail("dominator result sizes differ from the node count " + std::to_string(n));
    return out;
  }
  check_fed_set(flow, result.fed_by_root, out);

  // The tree, with the virtual root as node n.
  const NodeId root = n;
  std::vector<NodeId> parent(n);
  for (NodeId v = 0; v < n; ++v) {
    const std::int64_t d = result.immediate_dominator[v];
    if (d < kVirtualRoot || d >= static_cast<std::int64_t>(n) || d == static_cast<std::int64_t>(v)) {
      out.fail("firm " + std::to_string(v) + " has immediate dominator " + std::to_string(d));
      return out;
    }
    parent[v] = d == kVirtualRoot ? root : static_cast<NodeId>(d);
    if (result.fed_by_root[v] && parent[v] != root)
      out.fail("firm " + std::to_string(v) + " is fed by the root but has immediate dominator " + std::to_string(d));
  }
  // Preorder intervals by an explicit DFS from the root; a node never entered lies on a cycle.
  std::vector<std::vector<NodeId>> children(std::size_t{n} + 1);
  for (NodeId v = 0; v < n; ++v) children[parent[v]].push_back(v);
  std::vector<std::uint32_t> enter(std::size_t{n} + 1, 0), leave(std::size_t{n} + 1, 0);
  std::vector<std::uint8_t> entered(std::size_t{n} + 1, 0);
  std::uint32_t clock = 0;
  std::vector<std::pair<NodeId, std::size_t>> stack{{root, 0}};
  entered[root] = 1;
  enter[root] = clock++;
  while (!stack.empty()) {
    auto& [node, next] = stack.back();
    if (next < children[node].size()) {
      const NodeId child = children[node][next++];
      entered[child] = 1;
      enter[child] = clock++;
      stack.push_back({child, 0});
    } else {
      leave[node] = clock;
      stack.pop_back();
    }
  }
  for (NodeId v = 0; v < n; ++v)
    if (!entered[v]) {
      out.fail("firm " + std::to_string(v) + " lies on a cycle of immediate dominators");
      return out;
    }
  auto is_ancestor = [&](NodeId a, NodeId x) { return enter[a] <= enter[x] && enter[x] < leave[a]; };
  for (NodeId u = 0; u < n; ++u)
    for (EdgeId i = flow.out().offsets[u]; i < flow.out().offsets[u + 1]; ++i) {
      const NodeId w = flow.out().targets[i];
      if (!is_ancestor(parent[w], u))
        out.fail("supply edge " + std::to_string(u) + " -> " + std::to_string(w) + " bypasses " +
                 std::to_string(parent[w]) + ", the reported immediate dominator of " + std::to_string(w));
    }

  std::vector<std::int64_t> below(n, 0);
  for (NodeId v = 0; v < n; ++v)
    if (parent[v] != root) below[parent[v]] += result.dominated[v] + 1;
  for (NodeId v = 0; v < n; ++v)
    if (below[v] != result.dominated[v])
      out.fail("firm " + std::to_string(v) + " dominates " + std::to_string(result.dominated[v]) +
               " firms by the report, its tree children account for " + std::to_string(below[v]));

  const std::vector<NodeId> nodes = sample_nodes(n, sample, seed);
  if (nodes.size() < n)
    out.notes.push_back("immediate dominators checked by BFS on " + std::to_string(nodes.size()) + " of " +
                        std::to_string(n) + " firms");
  std::vector<NodeId> via;
  reach(flow.out(), result.fed_by_root, n, &via);
  for (NodeId v : nodes) {
    const NodeId reported = parent[v];
    if (reported != root && reach(flow.out(), result.fed_by_root, reported)[v])
      out.fail("removing firm " + std::to_string(reported) + ", the reported immediate dominator of " +
               std::to_string(v) + ", leaves it a supply path");
    // Every dominator lies on every path: walk a shortest one back from v, nearest first.
    NodeId closest = root;
    for (NodeId x = via[v]; x != n; x = via[x])
      if (!reach(flow.out(), result.fed_by_root, x)[v]) {
        closest = x;
        break;
      }
    if (closest != reported)
      out.fail("firm " + std::to_string(v) + ": the closest firm whose removal cuts it off is " +
               (closest == root ? std::string("none") : std::to_string(closest)) + ", the reported immediate dominator " +
               (reported == root ? std::string("the virtual root") : std::to_string(reported)));
  }
  return out;
}

}  // namespace firmnet::anchors

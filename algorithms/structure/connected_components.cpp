#include "algorithms/structure/connected_components.hpp"

#include <algorithm>
#include <numeric>
#include <utility>

namespace firmnet::structure {

std::uint64_t Components::largest() const {
  return sizes.empty() ? 0 : *std::max_element(sizes.begin(), sizes.end());
}

namespace {

// Renumbers raw labels (any node id per component) in order of first appearance.
Components renumber(const GraphView& view, const std::vector<NodeId>& label) {
  const NodeId n = view.node_count();
  Components c;
  c.membership.assign(n, -1);
  std::vector<std::int64_t> id_of(n, -1);
  for (NodeId u = 0; u < n; ++u) {
    if (!view.contains(u)) continue;
    std::int64_t& id = id_of[label[u]];
    if (id < 0) {
      id = static_cast<std::int64_t>(c.sizes.size());
      c.sizes.push_back(0);
    }
    c.membership[u] = id;
    ++c.sizes[id];
  }
  return c;
}

}  // namespace

Components weakly_connected_components(const GraphView& view) {
  const NodeId n = view.node_count();
  std::vector<NodeId> parent(n);
  std::vector<NodeId> size(n, 1);
  std::iota(parent.begin(), parent.end(), NodeId{0});
  auto find = [&](NodeId x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (NodeId u = 0; u < n; ++u) {
    if (!view.contains(u)) continue;
    view.for_out_edges(u, [&](NodeId v, EdgeId, double) {
      NodeId a = find(u), b = find(v);
      if (a == b) return;
      if (size[a] < size[b]) std::swap(a, b);
      parent[b] = a;
      size[a] += size[b];
    });
  }
  std::vector<NodeId> label(n);
  for (NodeId u = 0; u < n; ++u) label[u] = find(u);
  return renumber(view, label);
}

namespace {

// Iterative Tarjan (1972) over any edge source: `included(u)` says whether u takes part,
// `row(u)` gives u's edge range [begin, end), and `target(e)` the head of edge e or
// kNoTarget when the edge is not accepted. Labels each node with its component's root.
constexpr NodeId kNoTarget = static_cast<NodeId>(-1);

template <typename Included, typename Row, typename Target>
std::vector<NodeId> tarjan_labels(NodeId n, Included included, Row row, Target target) {
  constexpr NodeId kUnvisited = static_cast<NodeId>(-1);
  std::vector<NodeId> index(n, kUnvisited), low(n, 0), label(n, 0);
  std::vector<std::uint8_t> on_stack(n, 0);
  std::vector<NodeId> stack;
  struct Frame {
    NodeId node;
    EdgeId next_edge;
  };
  std::vector<Frame> calls;
  NodeId counter = 0;
  for (NodeId root = 0; root < n; ++root) {
    if (!included(root) || index[root] != kUnvisited) continue;
    calls.push_back({root, row(root).first});
    index[root] = low[root] = counter++;
    stack.push_back(root);
    on_stack[root] = 1;
    while (!calls.empty()) {
      Frame& f = calls.back();
      const NodeId u = f.node;
      const EdgeId end = row(u).second;
      bool descended = false;
      while (f.next_edge < end) {
        const NodeId v = target(f.next_edge++);
        if (v == kNoTarget) continue;
        if (index[v] == kUnvisited) {
          index[v] = low[v] = counter++;
          stack.push_back(v);
          on_stack[v] = 1;
          calls.push_back({v, row(v).first});
          descended = true;
          break;
        }
        if (on_stack[v]) low[u] = std::min(low[u], index[v]);
      }
      if (descended) continue;
      if (low[u] == index[u]) {
        NodeId w;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = 0;
          label[w] = u;
        } while (w != u);
      }
      calls.pop_back();
      if (!calls.empty()) {
        const NodeId parent = calls.back().node;
        low[parent] = std::min(low[parent], low[u]);
      }
    }
  }
  return label;
}

}  // namespace

Components strongly_connected_components(const GraphView& view) {
  const Graph& g = view.graph();
  const auto label = tarjan_labels(
      view.node_count(), [&](NodeId u) { return view.contains(u); },
      [&](NodeId u) { return std::pair<EdgeId, EdgeId>{g.out_begin(u), g.out_end(u)}; },
      [&](EdgeId e) {
        const NodeId v = g.out_target[e];
        return view.accepts(e) && view.contains(v) ? v : kNoTarget;
      });
  return renumber(view, label);
}

std::vector<std::int64_t> strongly_connected_components(const WeightedCsr& out) {
  const NodeId n = out.node_count();
  const auto label = tarjan_labels(
      n, [](NodeId) { return true; },
      [&](NodeId u) { return std::pair<EdgeId, EdgeId>{out.offsets[u], out.offsets[u + 1]}; },
      [&](EdgeId e) { return out.targets[e]; });
  std::vector<std::int64_t> membership(n, -1), id_of(n, -1);
  std::int64_t count = 0;
  for (NodeId u = 0; u < n; ++u) {
    std::int64_t& id = id_of[label[u]];
    if (id < 0) id = count++;
    membership[u] = id;
  }
  return membership;
}

}  // namespace firmnet::structure

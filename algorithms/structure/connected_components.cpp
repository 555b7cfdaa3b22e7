#include "algorithms/structure/connected_components.hpp"

#include <algorithm>
#include <numeric>

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

Components strongly_connected_components(const GraphView& view) {
  const NodeId n = view.node_count();
  const Graph& g = view.graph();
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
    if (!view.contains(root) || index[root] != kUnvisited) continue;
    calls.push_back({root, g.out_begin(root)});
    index[root] = low[root] = counter++;
    stack.push_back(root);
    on_stack[root] = 1;
    while (!calls.empty()) {
      Frame& f = calls.back();
      const NodeId u = f.node;
      bool descended = false;
      while (f.next_edge < g.out_end(u)) {
        const EdgeId e = f.next_edge++;
        const NodeId v = g.out_target[e];
        if (!view.accepts(e) || !view.contains(v)) continue;
        if (index[v] == kUnvisited) {
          index[v] = low[v] = counter++;
          stack.push_back(v);
          on_stack[v] = 1;
          calls.push_back({v, g.out_begin(v)});
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
  return renumber(view, label);
}

}  // namespace firmnet::structure

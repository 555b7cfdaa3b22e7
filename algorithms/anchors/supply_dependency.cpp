#include "algorithms/anchors/supply_dependency.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dominator_tree.hpp>
#include <boost/graph/strong_components.hpp>

#include "graph/errors.hpp"

namespace firmnet::anchors {

namespace {

using FlowGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS>;

// The flow graph with one extra, still unconnected vertex n for the virtual root.
FlowGraph boost_flow_graph(const Adjacency& flow) {
  if (!flow.is_directed()) throw UsageError("supply dependency needs the directed goods-flow graph");
  const NodeId n = flow.node_count();
  FlowGraph g(std::size_t{n} + 1);
  for (NodeId u = 0; u < n; ++u)
    for (EdgeId i = flow.out().offsets[u]; i < flow.out().offsets[u + 1]; ++i)
      boost::add_edge(u, flow.out().targets[i], g);
  return g;
}

// Nodes of the source components of g (restricted to the n real nodes): components that no
// edge enters from another component; a single supplier-less firm is the usual case.
std::vector<NodeId> source_component_nodes(const Adjacency& flow, const FlowGraph& g) {
  const NodeId n = flow.node_count();
  std::vector<int> component(boost::num_vertices(g));
  const int components = boost::strong_components(
      g, boost::make_iterator_property_map(component.begin(), boost::get(boost::vertex_index, g)));
  std::vector<std::uint8_t> supplied(components, 0);
  for (NodeId u = 0; u < n; ++u)
    for (EdgeId i = flow.out().offsets[u]; i < flow.out().offsets[u + 1]; ++i)
      if (component[flow.out().targets[i]] != component[u]) supplied[component[flow.out().targets[i]]] = 1;
  std::vector<NodeId> targets;
  for (NodeId u = 0; u < n; ++u)
    if (!supplied[component[u]]) targets.push_back(u);
  return targets;
}

}  // namespace

std::vector<NodeId> virtual_root_targets(const Adjacency& flow) {
  return source_component_nodes(flow, boost_flow_graph(flow));
}

SupplyDependency supply_dependency(const Adjacency& flow) {
  const NodeId n = flow.node_count();
  FlowGraph g = boost_flow_graph(flow);
  const std::vector<NodeId> roots = source_component_nodes(flow, g);
  SupplyDependency result;
  result.immediate_dominator.assign(n, kVirtualRoot);
  result.dominated.assign(n, 0);
  result.fed_by_root.assign(n, 0);
  for (NodeId r : roots) result.fed_by_root[r] = 1;
  if (n == 0) return result;

  const NodeId root = n;  // the virtual root
  for (NodeId r : roots) boost::add_edge(root, r, g);
  using Vertex = boost::graph_traits<FlowGraph>::vertex_descriptor;
  std::vector<Vertex> idom(std::size_t{n} + 1, boost::graph_traits<FlowGraph>::null_vertex());
  boost::lengauer_tarjan_dominator_tree(
      g, Vertex{root}, boost::make_iterator_property_map(idom.begin(), boost::get(boost::vertex_index, g)));

  // Subtree sizes: visit the dominator tree top-down, then add children into parents bottom-up.
  std::vector<EdgeId> child_offsets(std::size_t{n} + 2, 0);
  for (NodeId v = 0; v < n; ++v) {
    result.immediate_dominator[v] = idom[v] == root ? kVirtualRoot : static_cast<std::int64_t>(idom[v]);
    ++child_offsets[idom[v] + 1];
  }
  for (std::size_t i = 1; i < child_offsets.size(); ++i) child_offsets[i] += child_offsets[i - 1];
  std::vector<NodeId> children(n);
  {
    std::vector<EdgeId> cursor(child_offsets.begin(), child_offsets.end() - 1);
    for (NodeId v = 0; v < n; ++v) children[cursor[idom[v]]++] = v;
  }
  std::vector<NodeId> order{root};
  order.reserve(std::size_t{n} + 1);
  for (std::size_t head = 0; head < order.size(); ++head)
    for (EdgeId i = child_offsets[order[head]]; i < child_offsets[order[head] + 1]; ++i) order.push_back(children[i]);
  for (std::size_t k = order.size(); k-- > 1;) {
    const NodeId v = order[k];
    if (idom[v] != root) result.dominated[idom[v]] += result.dominated[v] + 1;
  }
  return result;
}

}  // namespace firmnet::anchors

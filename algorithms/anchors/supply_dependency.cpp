#include "algorithms/anchors/supply_dependency.hpp"

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/dominator_tree.hpp>

#include <utility>

#include "algorithms/structure/connected_components.hpp"
#include "graph/errors.hpp"

namespace firmnet::anchors {
namespace {
// Boost's compressed sparse row graph: built from the arcs in O(n + m) with two allocations,
// where an adjacency_list allocates per edge (most of the step's time at tens of millions of
// links).
using DominatorGraph = boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property, boost::no_property,
                                                          boost::no_property, NodeId, std::size_t>;
}  // namespace
}  // namespace firmnet::anchors

namespace boost {
// The BidirectionalGraph concept that lengauer_tarjan_dominator_tree checks asks for degree(),
// which Boost defines for adjacency_list but not for its bidirectional CSR graph. O(1).
inline graph_traits<firmnet::anchors::DominatorGraph>::degree_size_type degree(
    graph_traits<firmnet::anchors::DominatorGraph>::vertex_descriptor v, const firmnet::anchors::DominatorGraph& g) {
  return out_degree(v, g) + in_degree(v, g);
}
}  // namespace boost

namespace firmnet::anchors {

namespace {

using Arc = std::pair<NodeId, NodeId>;

std::vector<Arc> flow_arcs(const Adjacency& flow) {
  std::vector<Arc> arcs;
  arcs.reserve(flow.entry_count());
  for (NodeId u = 0; u < flow.node_count(); ++u)
    for (EdgeId i = flow.out().offsets[u]; i < flow.out().offsets[u + 1]; ++i) arcs.emplace_back(u, flow.out().targets[i]);
  return arcs;
}

// Nodes of the source components of the flow graph: components that no edge enters from
// another component; a single supplier-less firm is the usual case. Tarjan's components on the
// flow's own CSR (no copy of the arcs).
std::vector<NodeId> source_component_nodes(const Adjacency& flow) {
  if (!flow.is_directed()) throw UsageError("supply dependency needs the directed goods-flow graph");
  const NodeId n = flow.node_count();
  const WeightedCsr& out = flow.out();
  const std::vector<std::int64_t> component = structure::strongly_connected_components(out);
  std::vector<std::uint8_t> supplied(n, 0);  // component ids are below n
  for (NodeId u = 0; u < n; ++u)
    for (EdgeId i = out.offsets[u]; i < out.offsets[u + 1]; ++i)
      if (component[out.targets[i]] != component[u]) supplied[component[out.targets[i]]] = 1;
  std::vector<NodeId> targets;
  for (NodeId u = 0; u < n; ++u)
    if (!supplied[component[u]]) targets.push_back(u);
  return targets;
}

}  // namespace

std::vector<NodeId> virtual_root_targets(const Adjacency& flow) { return source_component_nodes(flow); }

SupplyDependency supply_dependency(const Adjacency& flow) {
  const NodeId n = flow.node_count();
  const std::vector<NodeId> roots = source_component_nodes(flow);
  std::vector<Arc> arcs = flow_arcs(flow);
  SupplyDependency result;
  result.immediate_dominator.assign(n, kVirtualRoot);
  result.dominated.assign(n, 0);
  result.fed_by_root.assign(n, 0);
  for (NodeId r : roots) result.fed_by_root[r] = 1;
  if (n == 0) return result;

  const NodeId root = n;  // the virtual root
  for (NodeId r : roots) arcs.emplace_back(root, r);
  const DominatorGraph g(boost::edges_are_unsorted_multi_pass, arcs.begin(), arcs.end(), std::size_t{n} + 1);
  std::vector<Arc>().swap(arcs);
  using Vertex = boost::graph_traits<DominatorGraph>::vertex_descriptor;
  std::vector<Vertex> idom(std::size_t{n} + 1, boost::graph_traits<DominatorGraph>::null_vertex());
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

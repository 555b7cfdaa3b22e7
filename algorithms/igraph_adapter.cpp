#include "algorithms/igraph_adapter.hpp"

#include <stdexcept>
#include <string>

namespace firmnet {

void check_igraph(igraph_error_t code, const char* what) {
  if (code != IGRAPH_SUCCESS)
    throw std::runtime_error(std::string("igraph ") + what + " failed: " + igraph_strerror(code));
}

IgraphGraph::IgraphGraph(NodeId node_count, const std::vector<igraph_integer_t>& flat_edges,
                         std::vector<double> weights, bool directed) {
  igraph_vector_int_t edge_view{};
  igraph_vector_int_view(&edge_view, flat_edges.data(), static_cast<igraph_integer_t>(flat_edges.size()));
  check_igraph(igraph_create(&graph_, &edge_view, node_count, directed ? IGRAPH_DIRECTED : IGRAPH_UNDIRECTED),
               "create");
  if (igraph_vector_init(&weights_, static_cast<igraph_integer_t>(weights.size())) != IGRAPH_SUCCESS) {
    igraph_destroy(&graph_);
    throw std::runtime_error("igraph vector init failed");
  }
  for (std::size_t i = 0; i < weights.size(); ++i) VECTOR(weights_)[i] = weights[i];
}

IgraphGraph::IgraphGraph(IgraphGraph&& other) noexcept : graph_(other.graph_), weights_(other.weights_) {
  other.owns_ = false;
}

IgraphGraph::~IgraphGraph() {
  if (!owns_) return;
  igraph_destroy(&graph_);
  igraph_vector_destroy(&weights_);
}

IgraphGraph IgraphGraph::from_view(const GraphView& view, bool directed) {
  std::vector<igraph_integer_t> flat;
  std::vector<double> weights;
  for (NodeId u = 0; u < view.node_count(); ++u) {
    if (!view.contains(u)) continue;
    view.for_out_edges(u, [&](NodeId v, EdgeId, double w) {
      flat.push_back(u);
      flat.push_back(v);
      weights.push_back(w);
    });
  }
  return IgraphGraph(view.node_count(), flat, std::move(weights), directed);
}

IgraphGraph IgraphGraph::from_csr(const WeightedCsr& csr, bool directed) {
  std::vector<igraph_integer_t> flat;
  std::vector<double> weights;
  for (NodeId u = 0; u < csr.node_count(); ++u) {
    for (EdgeId i = csr.offsets[u]; i < csr.offsets[u + 1]; ++i) {
      const NodeId v = csr.targets[i];
      if (!directed && v < u) continue;
      flat.push_back(u);
      flat.push_back(v);
      weights.push_back(csr.weights[i]);
    }
  }
  return IgraphGraph(csr.node_count(), flat, std::move(weights), directed);
}

IgraphGraph IgraphGraph::from_edges(NodeId node_count, const std::vector<std::pair<NodeId, NodeId>>& edges,
                                    const std::vector<double>& weights, bool directed) {
  std::vector<igraph_integer_t> flat;
  flat.reserve(edges.size() * 2);
  for (auto [u, v] : edges) {
    flat.push_back(u);
    flat.push_back(v);
  }
  return IgraphGraph(node_count, flat, weights, directed);
}

std::vector<double> to_std_vector(const igraph_vector_t& v) {
  std::vector<double> out(igraph_vector_size(&v));
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = VECTOR(v)[i];
  return out;
}

std::vector<std::int64_t> to_std_vector(const igraph_vector_int_t& v) {
  std::vector<std::int64_t> out(igraph_vector_int_size(&v));
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = VECTOR(v)[i];
  return out;
}

}  // namespace firmnet

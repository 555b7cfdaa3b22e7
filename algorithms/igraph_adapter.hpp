// Builds igraph graphs straight from firmnet's arrays (no text round trip), for the methods
// firmnet offers through igraph and for cross-checks in tests and benchmarks.
//
// igraph_integer_t is 64-bit in Debian's igraph 0.10, so node and edge ids map one to one.
#pragma once
#include <igraph/igraph.h>

#include <vector>

#include "graph/views.hpp"

namespace firmnet {

/// Owns an igraph_t and its edge weights (one weight per igraph edge).
class IgraphGraph {
 public:
  /// One igraph edge per accepted edge of the view, directed or not, with its weight.
  /// Parallel edges of different types stay separate. O(n + m).
  static IgraphGraph from_view(const GraphView& view, bool directed);
  /// One igraph edge per CSR entry u->v. With directed=false only entries with u < v are
  /// taken, so a symmetric CSR (e.g. undirected_projection) gives each pair once. O(n + m).
  static IgraphGraph from_csr(const WeightedCsr& csr, bool directed);
  /// From an explicit edge list (pairs of node ids) and weights (may be empty). O(n + m).
  static IgraphGraph from_edges(NodeId node_count, const std::vector<std::pair<NodeId, NodeId>>& edges,
                                const std::vector<double>& weights, bool directed);

  IgraphGraph(IgraphGraph&& other) noexcept;
  IgraphGraph& operator=(IgraphGraph&&) = delete;
  IgraphGraph(const IgraphGraph&) = delete;
  ~IgraphGraph();

  // The igraph graph and its weight vector: O(1) each.
  igraph_t* get() { return &graph_; }
  const igraph_t* get() const { return &graph_; }
  igraph_vector_t* weights() { return &weights_; }
  const igraph_vector_t* weights() const { return &weights_; }

 private:
  IgraphGraph(NodeId node_count, const std::vector<igraph_integer_t>& flat_edges, std::vector<double> weights,
              bool directed);
  igraph_t graph_;
  igraph_vector_t weights_;
  bool owns_ = true;
};

/// Copies an igraph real vector out. O(size).
std::vector<double> to_std_vector(const igraph_vector_t& v);
/// Copies an igraph integer vector out. O(size).
std::vector<std::int64_t> to_std_vector(const igraph_vector_int_t& v);

/// Throws std::runtime_error naming the igraph call when code is not IGRAPH_SUCCESS. O(1).
void check_igraph(igraph_error_t code, const char* what);

}  // namespace firmnet

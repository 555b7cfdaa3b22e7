// The simple weighted adjacency that centrality, anchors and other families run on: a
// WeightedCsr in both directions.
//
// A GraphView is a typed multigraph; centrality works on its simple projection. All accepted
// edges u->v (over relation types and years) fold into one entry whose weight is their sum.
// Directed: out-rows from directed_csr, in-rows its transpose. Undirected: the symmetric
// undirected_projection serves as both (w(u,v) = all u->v plus all v->u weight).
// Memory: 12 bytes per entry and direction plus 8(n+1) per direction.
#pragma once
#include <memory>

#include "graph/views.hpp"

namespace firmnet {

class Adjacency {
 public:
  /// Directed adjacency of the view. O(n + m log d_max), parallel.
  static Adjacency directed(const GraphView& view);
  /// Undirected (symmetric, weight-summed) adjacency of the view. O(n + m log d_max), parallel.
  static Adjacency undirected(const GraphView& view);
  /// directed ? directed(view) : undirected(view). O(n + m log d_max).
  static Adjacency of(const GraphView& view, bool directed);
  /// From a ready CSR. Directed: the in-rows are built by transposition. Undirected: out must
  /// already be symmetric. O(n + m) directed, O(1) undirected.
  static Adjacency from_csr(WeightedCsr out, bool directed);

  // Direction, sizes and the two row sets: O(1) each.
  bool is_directed() const { return directed_; }
  NodeId node_count() const { return out_->node_count(); }
  EdgeId entry_count() const { return out_->entry_count(); }
  const WeightedCsr& out() const { return *out_; }
  const WeightedCsr& in() const { return *in_; }

 private:
  bool directed_ = true;
  std::shared_ptr<const WeightedCsr> out_, in_;  // the same object when undirected
};

/// Transpose of a CSR: row v lists every u with an entry u->v, rows sorted by u. O(n + m).
WeightedCsr transpose(const WeightedCsr& csr);

}  // namespace firmnet

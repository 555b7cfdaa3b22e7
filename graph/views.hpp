// Light views over a Graph: relation-type and year selection, node subsets, and the compact
// adjacency arrays that algorithms run on. A GraphView copies nothing; it filters while
// iterating. WeightedCsr is the one materialised form, built only when an algorithm needs
// contiguous arrays (e.g. the undirected weight-summed projection for community detection).
#pragma once
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "graph/graph.hpp"

namespace firmnet {

/// Which edges take part: a set of relation types and an inclusive year range.
struct EdgeFilter {
  std::uint16_t type_mask = (1u << kRelationTypeCount) - 1;  // bit t set: RelationType t kept
  std::int16_t year_from = std::numeric_limits<std::int16_t>::min();
  std::int16_t year_to = std::numeric_limits<std::int16_t>::max();
  bool keep_undated = true;  // undated edges pass a year range unless this is false

  bool operator==(const EdgeFilter&) const = default;
  /// True when every edge passes. O(1).
  bool all() const;
  /// Whether an edge of this type and year passes. O(1).
  bool accepts(RelationType type, std::int16_t year) const {
    if (!(type_mask >> static_cast<unsigned>(type) & 1u)) return false;
    if (year == kNoYear) return keep_undated;
    return year >= year_from && year <= year_to;
  }
  /// Only the given relation types. O(types).
  static EdgeFilter of_types(std::initializer_list<RelationType> types);
  /// Parses CLI text: layers "supply,cooperation" (empty = all) and years "2019", "2015-2020",
  /// "2018-" or "-2020" (empty = all). Throws UsageError naming the bad word. O(length).
  static EdgeFilter parse(std::string_view layers, std::string_view years);
  /// Human-readable form for result metadata, e.g. "types=supply,finance years=2015-2020". O(1).
  std::string describe() const;
};

/// A graph seen through an EdgeFilter and an optional node subset. Iteration visits only
/// accepted edges whose both endpoints are in the subset. No copy of the graph is made.
class GraphView {
 public:
  explicit GraphView(const Graph& graph, EdgeFilter filter = {}) : graph_(&graph), filter_(filter) {}
  /// Restricts the view to nodes with member[u] != 0 (size n). The vector must outlive the
  /// view. O(1).
  GraphView with_nodes(const std::vector<std::uint8_t>& member) const;

  // The graph, the filter, the node count, node membership and edge acceptance: O(1) each.
  const Graph& graph() const { return *graph_; }
  const EdgeFilter& filter() const { return filter_; }
  NodeId node_count() const { return graph_->node_count(); }
  bool contains(NodeId u) const { return !member_ || (*member_)[u]; }
  bool accepts(EdgeId e) const { return filter_.accepts(graph_->edges.type[e], graph_->edges.year[e]); }

  /// Calls f(target, edge_id, weight) for each accepted out-edge of u. O(out-degree).
  template <typename F>
  void for_out_edges(NodeId u, F&& f) const {
    const Graph& g = *graph_;
    for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e) {
      const NodeId v = g.out_target[e];
      if (accepts(e) && contains(v)) f(v, e, g.edges.weight[e]);
    }
  }
  /// Calls f(source, edge_id, weight) for each accepted in-edge of u. O(in-degree).
  template <typename F>
  void for_in_edges(NodeId u, F&& f) const {
    const Graph& g = *graph_;
    for (EdgeId s = g.in_begin(u); s < g.in_end(u); ++s) {
      const NodeId v = g.in_source[s];
      const EdgeId e = g.in_edge[s];
      if (accepts(e) && contains(v)) f(v, e, g.edges.weight[e]);
    }
  }

 private:
  const Graph* graph_;
  EdgeFilter filter_;
  const std::vector<std::uint8_t>* member_ = nullptr;
};

/// Compact weighted adjacency in CSR form over node indices 0..n-1 of the source graph.
/// Rows are sorted by neighbour and hold each neighbour once.
struct WeightedCsr {
  std::vector<EdgeId> offsets{0};
  std::vector<NodeId> targets;
  std::vector<double> weights;

  /// Rows, entries, and entries in row u. O(1).
  NodeId node_count() const { return static_cast<NodeId>(offsets.size() - 1); }
  EdgeId entry_count() const { return targets.size(); }
  EdgeId degree(NodeId u) const { return offsets[u + 1] - offsets[u]; }
  /// Total weight. O(entries).
  double total_weight() const;  // sum of all entries
};

/// Directed adjacency of the view: for each u, its out-neighbours v with the summed weight of
/// all accepted u->v edges (over types and years). Nodes outside the subset keep empty rows.
/// O(n + m log d_max), parallel over nodes.
WeightedCsr directed_csr(const GraphView& view);
/// Same, from the in-side: for each v, its in-neighbours u with summed weight.
/// O(n + m log d_max), parallel over nodes.
WeightedCsr reverse_csr(const GraphView& view);
/// Undirected weight-summed projection: w(u,v) = sum of accepted u->v and v->u edges. The
/// result is symmetric (each pair appears in both rows), without self-loops. Community
/// detection runs on this. O(n + m log d_max), parallel over nodes.
WeightedCsr undirected_projection(const GraphView& view);

/// A subgraph copied out with local indices 0..k-1: local node i is global_ids[i].
struct InducedSubgraph {
  std::vector<NodeId> global_ids;
  Graph graph;
};
/// Copies the nodes (all attributes) and the accepted edges among them. O(n + edges touched).
InducedSubgraph induced_subgraph(const GraphView& view, const std::vector<NodeId>& nodes);

}  // namespace firmnet

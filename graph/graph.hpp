// The firm-linkage graph: a directed, weighted, typed multigraph of firms and institutions.
//
// Storage is CSR in both directions. Edges are numbered in source-major order (by source,
// then target, type, year), so the out-adjacency slot of an edge *is* its EdgeId and edge
// attributes are indexed by it directly. The in-adjacency keeps, for each slot, the source
// node and the EdgeId (in_edge), so attributes are reachable from both sides.
// Memory: 4 bytes per out slot, 12 per in slot, plus 8(n+1) per offset array and the
// attribute columns (1 + 8 + 2 bytes per edge for type, weight and year).
#pragma once
#include <cmath>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "graph/columns.hpp"
#include "graph/types.hpp"

namespace firmnet {

/// Node attributes, one row per node, in node order. Missing values: "" / NaN / 0 (founded,
/// closed).
struct NodeTable {
  StringList id;    // unique, non-empty
  StringList name;  // may be empty
  std::vector<NodeKind> kind;
  StringColumn industry;  // industry code (ISIC/NACE/NAICS/GB-T 4754) as text
  StringColumn stage;     // value-chain stage
  StringColumn region;
  StringColumn park;
  StringColumn ownership;  // private, state, foreign, collective, ...
  std::vector<double> lat, lon;  // WGS84 degrees
  std::vector<double> employees, revenue;
  std::vector<std::int32_t> founded;  // year, 0 = unknown
  std::vector<std::int32_t> closed;   // year the firm closed (last year alive), 0 = open or unknown
  std::vector<ExtraColumn> extra;     // user columns beyond the schema

  /// Rows (nodes). O(1).
  std::size_t size() const { return kind.size(); }
  /// True when the node has finite lat and lon. O(1).
  bool located(NodeId node) const { return std::isfinite(lat[node]) && std::isfinite(lon[node]); }
};

/// Share of the firms (kind firm) that have coordinates; 0 without firms. The spatial methods
/// become the defaults when it reaches kMostFirmsLocated (docs/METHODS.md). O(n).
double located_firm_share(const NodeTable& nodes);
inline constexpr double kMostFirmsLocated = 0.5;

/// Edge attributes, indexed by EdgeId.
struct EdgeAttributes {
  std::vector<RelationType> type;
  std::vector<double> weight;       // >= 0, finite
  std::vector<std::int16_t> year;   // 0 = undated
  std::vector<ExtraColumn> extra;   // user columns beyond the schema
};

inline constexpr std::int16_t kNoYear = 0;

class Graph {
 public:
  NodeTable nodes;
  EdgeAttributes edges;

  std::vector<EdgeId> out_offsets{0};  // n+1
  std::vector<NodeId> out_target;      // m, indexed by EdgeId
  std::vector<EdgeId> in_offsets{0};   // n+1
  std::vector<NodeId> in_source;       // m, by in-slot
  std::vector<EdgeId> in_edge;         // m, by in-slot: the EdgeId of that slot

  // Counts, CSR ranges, degrees and neighbour spans (parallel edges counted): O(1) each.
  NodeId node_count() const { return static_cast<NodeId>(out_offsets.size() - 1); }
  EdgeId edge_count() const { return out_target.size(); }

  EdgeId out_begin(NodeId u) const { return out_offsets[u]; }
  EdgeId out_end(NodeId u) const { return out_offsets[u + 1]; }
  EdgeId in_begin(NodeId u) const { return in_offsets[u]; }
  EdgeId in_end(NodeId u) const { return in_offsets[u + 1]; }
  EdgeId out_degree(NodeId u) const { return out_end(u) - out_begin(u); }
  EdgeId in_degree(NodeId u) const { return in_end(u) - in_begin(u); }
  std::span<const NodeId> out_neighbors(NodeId u) const {
    return {out_target.data() + out_begin(u), out_degree(u)};
  }
  std::span<const NodeId> in_neighbors(NodeId u) const {
    return {in_source.data() + in_begin(u), in_degree(u)};
  }
  /// Source node of an edge. O(log n) (binary search in out_offsets).
  NodeId edge_source(EdgeId e) const;

  /// Rebuilds in_offsets/in_source/in_edge from the out-CSR by counting sort. Within each
  /// node the in-slots are ordered by EdgeId, hence by source. O(n + m).
  void build_in_adjacency();

  /// 64-bit fingerprint of topology and edge attributes (not node attributes). Results store
  /// it so that a result can be matched to the network it was computed on. O(n + m).
  std::uint64_t fingerprint() const;

  /// Node index of an id, or -1. O(n) on first call per Graph (builds a hash index), O(1) after.
  std::int64_t find_node(std::string_view id) const;

 private:
  mutable std::unordered_map<std::string, NodeId, StringHash, std::equal_to<>> id_index_;
};

/// Counts of what GraphBuilder::finish cleaned up.
struct BuildStats {
  std::uint64_t self_loops_dropped = 0;
  std::uint64_t duplicates_merged = 0;  // edges folded into an earlier one (weights summed)
};

/// Collects edges in any order, then sorts them into CSR order. Duplicate edges (same source,
/// target, type and year) are merged by summing weights; extra columns keep the first
/// occurrence's value. Self-loops are dropped. finish() is O(n + m log d_max), parallel.
class GraphBuilder {
 public:
  GraphBuilder() = default;
  explicit GraphBuilder(NodeTable nodes);
  /// Sets (or replaces) the node table; finish() needs one covering every endpoint. O(1).
  void set_nodes(NodeTable nodes) { nodes_ = std::move(nodes); }

  /// Declares extra edge columns; add_edge then takes one text value per declared column.
  /// O(columns).
  void set_extra_edge_columns(std::vector<std::string> names);
  /// Reserves room for this many edges. O(edges added so far) when it reallocates, else O(1).
  void reserve(std::size_t edges);
  /// Adds an edge; cleaning waits for finish(). Amortised O(1).
  void add_edge(NodeId source, NodeId target, RelationType type, double weight,
                std::int16_t year = kNoYear);
  /// Adds the text values of the extra columns for the edge just added. O(total length) expected.
  void add_edge_extras(std::span<const std::string_view> values);
  /// Edges added so far (before cleaning); nodes in the node table. O(1).
  std::size_t edge_count() const { return source_.size(); }
  std::size_t node_count() const { return nodes_.size(); }

  /// Cleans and sorts the edges into a Graph (see the class comment). O(n + m log d_max).
  Graph finish(BuildStats* stats = nullptr) &&;

 private:
  template <typename Index>  // std::uint32_t or std::uint64_t: the type of the edge order
  Graph finish_with(BuildStats* stats) &&;
  NodeTable nodes_;
  std::vector<NodeId> source_, target_;
  std::vector<RelationType> type_;
  std::vector<double> weight_;
  std::vector<std::int16_t> year_;
  std::vector<std::string> extra_names_;
  std::vector<StringColumnBuilder> extra_;
};

}  // namespace firmnet

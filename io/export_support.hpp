// Shared pieces of the exporters (io/export.hpp): the attribute columns written for nodes and
// edges and their values as XML text. Output files: io/atomic_file.hpp; escaping:
// io/markup_escape.hpp and io/json_writer.hpp.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/graph.hpp"
#include "graph/views.hpp"
#include "io/export.hpp"
#include "io/results.hpp"

namespace firmnet::export_detail {

enum class ValueType { text, real, integer };

/// One value of an attribute column; present == false means missing.
struct Cell {
  bool present = false;
  std::string_view text;
  double real = 0;
  std::int64_t integer = 0;
};

/// A named, typed attribute with O(1) access to row i (node index or EdgeId).
struct AttributeColumn {
  std::string name;
  ValueType type = ValueType::text;
  std::function<Cell(std::size_t)> cell;
};

/// An extra or result column as an attribute named name; it refers to column, which must
/// outlive it. O(1).
AttributeColumn extra_column(std::string name, const ExtraColumn& column);

/// Node attributes in export order: name, kind, industry, stage, region, park, lat, lon,
/// employees, revenue, founded, ownership, closed, the extra columns, then "<result>.<column>" for each
/// per-node column of each result. The id is not included (every format writes it natively).
/// Throws UsageError for a result column of the wrong length or a duplicate attribute name.
/// The returned columns refer to graph and results, which must outlive them. O(columns).
std::vector<AttributeColumn> node_attribute_columns(const Graph& graph, const std::vector<Result>& results);

/// Edge attributes in export order: type, weight, year, then the extra edge columns. O(columns).
std::vector<AttributeColumn> edge_attribute_columns(const Graph& graph);

/// Number of edges the filter accepts. O(m).
std::uint64_t accepted_edge_count(const Graph& graph, const EdgeFilter& filter);

/// Calls f(source, edge_id) for each accepted edge in EdgeId order. O(m).
template <typename F>
void for_accepted_edges(const Graph& graph, const EdgeFilter& filter, F&& f) {
  for (NodeId u = 0; u < graph.node_count(); ++u)
    for (EdgeId e = graph.out_begin(u); e < graph.out_end(u); ++e)
      if (filter.accepts(graph.edges.type[e], graph.edges.year[e])) f(u, e);
}

/// The XML Schema name of a value type ("string", "double", "long"), which GraphML's attr.type
/// and GEXF's attribute type both use. O(1).
const char* xsd_type_name(ValueType type);

/// Appends a present cell's value as text: numbers in shortest round-trip form. xml selects
/// XML escaping for text and the xsd:double spellings INF / -INF for infinities (JSON callers
/// write null for non-finite numbers themselves). O(length).
void append_cell_xml(std::string& out, const Cell& cell, ValueType type);

/// Appends a cell as a JSON value: null when missing or non-finite, text as a JSON string,
/// numbers in shortest round-trip form. O(length).
void append_cell_json(std::string& out, const Cell& cell, ValueType type);
/// Appends `, "name": value` for each column's value in row (JSON object members).
/// O(columns + text written).
void append_json_members(std::string& out, const std::vector<AttributeColumn>& columns, std::size_t row);

/// Writers of each format (files listed in summary.files). Each is
/// O(n x node columns + m x edge columns) for the accepted edges, plus the text written.
void write_graphml(const Graph& graph, const std::vector<AttributeColumn>& node_columns,
                   const std::vector<AttributeColumn>& edge_columns, const EdgeFilter& filter, const std::string& path);
void write_gexf(const Graph& graph, const std::vector<AttributeColumn>& node_columns,
                const std::vector<AttributeColumn>& edge_columns, const EdgeFilter& filter, const std::string& path,
                GexfVersion version);
void write_node_link_json(const Graph& graph, const std::vector<AttributeColumn>& node_columns,
                          const std::vector<AttributeColumn>& edge_columns, const EdgeFilter& filter,
                          const std::string& path);
/// Writes directory/nodes.csv and directory/edges.csv; returns their paths.
/// O(n x node columns + m x edge columns).
std::vector<std::string> write_csv_pair(const Graph& graph, const std::vector<Result>& results,
                                        const EdgeFilter& filter, const std::string& directory, bool byte_order_mark);
/// Writes the GeoJSON FeatureCollection (io/export_geojson.cpp) and fills the GeoJSON counts
/// of summary. O(n x node columns + parks x evidence columns + hull vertices) plus the size of
/// the polygon file.
void write_geojson(const Graph& graph, const std::vector<AttributeColumn>& node_columns, const ExportOptions& options,
                   const std::string& path, ExportSummary& summary);

}  // namespace firmnet::export_detail

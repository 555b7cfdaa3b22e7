// Network export for other tools: GraphML (yEd, Gephi, networkx, igraph), GEXF (Gephi),
// CSV in firmnet's own import format (pandas, R, `firmnet import`) and node-link JSON
// (networkx node_link_data). docs/EXPORT.md documents every format.
//
// Every export carries all node attributes (id, name, kind, industry, stage, region, park, lat,
// lon, employees, revenue, founded, ownership, extra columns), the per-node columns of the
// chosen stored results as "<result>.<column>", and all edge attributes (type, weight, year,
// extra columns) of the edges the filter accepts. Missing values are omitted (GraphML, GEXF),
// empty (CSV) or null (JSON). Numbers use the shortest text that reads back to the same double.
// Writes are atomic: a temporary sibling is written, then renamed over the target.
// Cost: O(n x node attributes + m x edge attributes), streamed through a buffered writer.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/graph.hpp"
#include "graph/views.hpp"
#include "io/results.hpp"

namespace firmnet {

enum class ExportFormat { graphml, gexf, csv, json };

/// "graphml", "gexf", "csv" or "json" (case-insensitive); nullopt otherwise. O(length).
std::optional<ExportFormat> parse_export_format(std::string_view text);
/// The name parse_export_format accepts for format. O(1).
std::string_view export_format_name(ExportFormat format);

/// What an export wrote.
struct ExportSummary {
  std::vector<std::string> files;  // paths written
  std::uint64_t nodes = 0, edges = 0;
  std::size_t node_attributes = 0, edge_attributes = 0;  // attribute columns (id excluded)
};

/// Writes graph, restricted to the edges accepted by filter (all nodes are kept), with the
/// per-node columns of results, to output. For csv, output is a directory (created when
/// missing) that receives nodes.csv and edges.csv; for the others it is a file.
/// Throws UsageError when a result column does not have one row per node or its name collides
/// with another attribute, DataError when a file cannot be written. O(n + m) in attributes.
ExportSummary export_network(const Graph& graph, const std::vector<Result>& results, const EdgeFilter& filter,
                             ExportFormat format, const std::string& output);

}  // namespace firmnet

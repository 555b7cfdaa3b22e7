// Attribute columns shared by the exporters, and the export dispatcher (io/export.hpp).
// O(n + m) per export; see the format writers for details.
#include "io/export_support.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <variant>

#include "graph/errors.hpp"
#include "io/atomic_file.hpp"
#include "io/csv_writer.hpp"
#include "io/export.hpp"
#include "io/json_writer.hpp"
#include "io/markup_escape.hpp"

namespace firmnet::export_detail {

namespace {

AttributeColumn string_list_column(std::string name, const StringList& list) {
  return {std::move(name), ValueType::text, [&list](std::size_t i) {
            Cell c;
            c.text = list[i];
            c.present = !c.text.empty();
            return c;
          }};
}

AttributeColumn string_column(std::string name, const StringColumn& column) {
  return {std::move(name), ValueType::text, [&column](std::size_t i) {
            Cell c;
            c.present = !column.missing(i);
            c.text = column.value(i);
            return c;
          }};
}

AttributeColumn real_column(std::string name, const std::vector<double>& values) {
  return {std::move(name), ValueType::real, [&values](std::size_t i) {
            Cell c;
            c.real = values[i];
            c.present = !std::isnan(c.real);
            return c;
          }};
}

// Integers with a sentinel for missing: kMissingInt64, founded 0, year kNoYear.
template <typename T>
AttributeColumn integer_column(std::string name, const std::vector<T>& values, T missing) {
  return {std::move(name), ValueType::integer, [&values, missing](std::size_t i) {
            Cell c;
            c.integer = values[i];
            c.present = values[i] != missing;
            return c;
          }};
}

// Codes written as their names (node kind, relation type); never missing.
template <typename Code>
AttributeColumn code_name_column(std::string name, const std::vector<Code>& codes, std::string_view (*name_of)(Code)) {
  return {std::move(name), ValueType::text, [&codes, name_of](std::size_t i) {
            Cell c;
            c.present = true;
            c.text = name_of(codes[i]);
            return c;
          }};
}

}  // namespace

AttributeColumn extra_column(std::string name, const ExtraColumn& column) {
  if (const auto* text = std::get_if<StringColumn>(&column.values)) return string_column(std::move(name), *text);
  if (const auto* real = std::get_if<Float64Column>(&column.values)) return real_column(std::move(name), *real);
  return integer_column(std::move(name), std::get<Int64Column>(column.values), kMissingInt64);
}

std::vector<AttributeColumn> node_attribute_columns(const Graph& graph, const std::vector<Result>& results) {
  const NodeTable& nodes = graph.nodes;
  std::vector<AttributeColumn> columns;
  columns.push_back(string_list_column("name", nodes.name));
  columns.push_back(code_name_column("kind", nodes.kind, node_kind_name));
  columns.push_back(string_column("industry", nodes.industry));
  columns.push_back(string_column("stage", nodes.stage));
  columns.push_back(string_column("region", nodes.region));
  columns.push_back(string_column("park", nodes.park));
  columns.push_back(real_column("lat", nodes.lat));
  columns.push_back(real_column("lon", nodes.lon));
  columns.push_back(real_column("employees", nodes.employees));
  columns.push_back(real_column("revenue", nodes.revenue));
  columns.push_back(integer_column("founded", nodes.founded, std::int32_t{0}));
  columns.push_back(string_column("ownership", nodes.ownership));
  columns.push_back(integer_column("closed", nodes.closed, std::int32_t{0}));
  for (const auto& column : nodes.extra) columns.push_back(extra_column(column.name, column));
  for (const auto& result : results)
    for (const auto& column : result.node_columns) {
      const std::string name = result.name + "." + column.name;
      if (column.size() != graph.node_count())
        throw UsageError("result column '" + name + "' has " + std::to_string(column.size()) + " rows but the network has " +
                         std::to_string(graph.node_count()) + " nodes");
      columns.push_back(extra_column(name, column));
    }
  std::set<std::string, std::less<>> seen{"id"};
  for (const auto& column : columns)
    if (!seen.insert(column.name).second)
      throw UsageError("two node attributes are named '" + column.name +
                       "' (an extra column repeats a result column; export without that result)");
  return columns;
}

std::vector<AttributeColumn> edge_attribute_columns(const Graph& graph) {
  const EdgeAttributes& edges = graph.edges;
  std::vector<AttributeColumn> columns;
  columns.push_back(code_name_column("type", edges.type, relation_type_name));
  columns.push_back(real_column("weight", edges.weight));
  columns.push_back(integer_column("year", edges.year, kNoYear));
  for (const auto& column : edges.extra) columns.push_back(extra_column(column.name, column));
  return columns;
}

std::uint64_t accepted_edge_count(const Graph& graph, const EdgeFilter& filter) {
  if (filter.all()) return graph.edge_count();
  std::uint64_t count = 0;
  for (EdgeId e = 0; e < graph.edge_count(); ++e) count += filter.accepts(graph.edges.type[e], graph.edges.year[e]);
  return count;
}

const char* xsd_type_name(ValueType type) {
  switch (type) {
    case ValueType::text: return "string";
    case ValueType::real: return "double";
    case ValueType::integer: return "long";
  }
  return "string";
}

void append_cell_xml(std::string& out, const Cell& cell, ValueType type) {
  switch (type) {
    case ValueType::text: append_xml_escaped(out, cell.text); break;
    case ValueType::integer: append_csv_number(out, cell.integer); break;
    case ValueType::real:
      if (std::isinf(cell.real))
        out += cell.real > 0 ? "INF" : "-INF";
      else
        append_csv_number(out, cell.real);
      break;
  }
}

void append_cell_json(std::string& out, const Cell& cell, ValueType type) {
  if (!cell.present || (type == ValueType::real && !std::isfinite(cell.real)))
    out += "null";
  else if (type == ValueType::text)
    append_json_string(out, cell.text);
  else if (type == ValueType::integer)
    append_csv_number(out, cell.integer);
  else
    append_csv_number(out, cell.real);
}

void append_json_members(std::string& out, const std::vector<AttributeColumn>& columns, std::size_t row) {
  for (const auto& column : columns) {
    out += ", ";
    append_json_string(out, column.name);
    out += ": ";
    append_cell_json(out, column.cell(row), column.type);
  }
}

}  // namespace firmnet::export_detail

namespace firmnet {

std::optional<ExportFormat> parse_export_format(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  for (ExportFormat f :
       {ExportFormat::graphml, ExportFormat::gexf, ExportFormat::csv, ExportFormat::json, ExportFormat::geojson})
    if (lower == export_format_name(f)) return f;
  return std::nullopt;
}

std::string_view export_format_name(ExportFormat format) {
  switch (format) {
    case ExportFormat::graphml: return "graphml";
    case ExportFormat::gexf: return "gexf";
    case ExportFormat::csv: return "csv";
    case ExportFormat::json: return "json";
    case ExportFormat::geojson: return "geojson";
  }
  return "";
}

ExportSummary export_network(const Graph& graph, const std::vector<Result>& results, const EdgeFilter& filter,
                             ExportFormat format, const std::string& output, const ExportOptions& options) {
  using namespace export_detail;
  const auto node_columns = node_attribute_columns(graph, results);
  const auto edge_columns = edge_attribute_columns(graph);
  ExportSummary summary;
  summary.nodes = graph.node_count();
  summary.edges = accepted_edge_count(graph, filter);
  summary.node_attributes = node_columns.size();
  summary.edge_attributes = edge_columns.size();
  switch (format) {
    case ExportFormat::graphml: write_graphml(graph, node_columns, edge_columns, filter, output); break;
    case ExportFormat::gexf: write_gexf(graph, node_columns, edge_columns, filter, output, options.gexf_version); break;
    case ExportFormat::json: write_node_link_json(graph, node_columns, edge_columns, filter, output); break;
    case ExportFormat::csv:
      summary.files = write_csv_pair(graph, results, filter, output, options.byte_order_mark);
      return summary;
    case ExportFormat::geojson:
      summary.edges = 0;
      summary.edge_attributes = 0;
      write_geojson(graph, node_columns, options, output, summary);
      break;
  }
  summary.files = {output};
  return summary;
}

void export_table_csv(const ResultTable& table, const std::string& output, bool byte_order_mark) {
  AtomicFile file(output);
  write_table_csv(file.temp_path(), table.columns, nullptr, byte_order_mark);
  file.commit();
}

}  // namespace firmnet

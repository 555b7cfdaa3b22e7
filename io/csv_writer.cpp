#include "io/csv_writer.hpp"

#include <charconv>
#include <cmath>
#include <cerrno>
#include <cstring>
#include <variant>

#include "graph/errors.hpp"

namespace firmnet {

namespace {
constexpr std::size_t kFlushBytes = 1 << 20;
}

void append_csv_field(std::string& line, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    line.append(field);
    return;
  }
  line.push_back('"');
  for (char c : field) {
    if (c == '"') line.push_back('"');
    line.push_back(c);
  }
  line.push_back('"');
}

void append_csv_number(std::string& line, double value) {
  if (std::isnan(value)) return;
  char text[32];
  const auto result = std::to_chars(text, text + sizeof text, value);
  line.append(text, result.ptr);
}

void append_csv_number(std::string& line, std::int64_t value) {
  if (value == kMissingInt64) return;
  char text[24];
  const auto result = std::to_chars(text, text + sizeof text, value);
  line.append(text, result.ptr);
}

CsvFileWriter::CsvFileWriter(const std::string& path, bool byte_order_mark) : path_(path) {
  file_ = std::fopen(path.c_str(), "wb");
  if (!file_) throw DataError("cannot create '" + path + "': " + std::strerror(errno));
  buffer_.reserve(kFlushBytes + 4096);
  if (byte_order_mark) buffer_ += "\xEF\xBB\xBF";
}

CsvFileWriter::~CsvFileWriter() {
  try {
    close();
  } catch (const DataError&) {
    // Destructors must not throw; callers that care call close() themselves.
  }
}

void CsvFileWriter::field_separator() {
  if (row_has_field_) buffer_.push_back(',');
  row_has_field_ = true;
}

void CsvFileWriter::end_row() {
  buffer_.push_back('\n');
  row_has_field_ = false;
  if (buffer_.size() >= kFlushBytes) flush();
}

void CsvFileWriter::flush() {
  if (!file_ || buffer_.empty()) return;
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size())
    throw DataError("cannot write '" + path_ + "': " + std::strerror(errno));
  buffer_.clear();
}

void CsvFileWriter::close() {
  if (!file_) return;
  flush();
  const bool failed = std::fclose(file_) != 0;
  file_ = nullptr;
  if (failed) throw DataError("cannot write '" + path_ + "': " + std::strerror(errno));
}

namespace {

void write_column_value(CsvFileWriter& out, const ExtraColumn& column, std::size_t row) {
  std::visit(
      [&](const auto& values) {
        using T = std::decay_t<decltype(values)>;
        if constexpr (std::is_same_v<T, StringColumn>)
          out.field(values.value(row));
        else
          out.number(values[row]);
      },
      column.values);
}

}  // namespace

void write_nodes_csv(const std::string& path, const NodeTable& nodes, bool byte_order_mark) {
  CsvFileWriter out(path, byte_order_mark);
  for (const char* name : {"id", "name", "kind", "industry", "stage", "region", "park", "lat", "lon",
                           "employees", "revenue", "founded", "ownership", "closed"})
    out.field(name);
  for (const auto& column : nodes.extra) out.field(column.name);
  out.end_row();
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    out.field(nodes.id[i]);
    out.field(nodes.name[i]);
    out.field(node_kind_name(nodes.kind[i]));
    out.field(nodes.industry.value(i));
    out.field(nodes.stage.value(i));
    out.field(nodes.region.value(i));
    out.field(nodes.park.value(i));
    out.number(nodes.lat[i]);
    out.number(nodes.lon[i]);
    out.number(nodes.employees[i]);
    out.number(nodes.revenue[i]);
    if (nodes.founded[i] != 0)
      out.number(static_cast<std::int64_t>(nodes.founded[i]));
    else
      out.field_separator();
    out.field(nodes.ownership.value(i));
    if (nodes.closed[i] != 0)
      out.number(static_cast<std::int64_t>(nodes.closed[i]));
    else
      out.field_separator();
    for (const auto& column : nodes.extra) write_column_value(out, column, i);
    out.end_row();
  }
  out.close();
}

void write_edges_csv(const std::string& path, const Graph& graph, bool byte_order_mark) {
  CsvFileWriter out(path, byte_order_mark);
  for (const char* name : {"source", "target", "type", "weight", "year"}) out.field(name);
  for (const auto& column : graph.edges.extra) out.field(column.name);
  out.end_row();
  const NodeTable& nodes = graph.nodes;
  for (NodeId u = 0; u < graph.node_count(); ++u) {
    for (EdgeId e = graph.out_begin(u); e < graph.out_end(u); ++e) {
      out.field(nodes.id[u]);
      out.field(nodes.id[graph.out_target[e]]);
      out.field(relation_type_name(graph.edges.type[e]));
      out.number(graph.edges.weight[e]);
      if (graph.edges.year[e] != kNoYear)
        out.number(static_cast<std::int64_t>(graph.edges.year[e]));
      else
        out.field_separator();
      for (const auto& column : graph.edges.extra) write_column_value(out, column, e);
      out.end_row();
    }
  }
  out.close();
}

void write_table_csv(const std::string& path, std::span<const ExtraColumn> columns, const StringList* ids,
                     bool byte_order_mark) {
  std::size_t rows = ids ? ids->size() : (columns.empty() ? 0 : columns.front().size());
  for (const auto& column : columns)
    if (column.size() != rows)
      throw DataError("table column '" + column.name + "' has " + std::to_string(column.size()) +
                      " rows, expected " + std::to_string(rows));
  CsvFileWriter out(path, byte_order_mark);
  if (ids) out.field("id");
  for (const auto& column : columns) out.field(column.name);
  out.end_row();
  for (std::size_t r = 0; r < rows; ++r) {
    if (ids) out.field((*ids)[r]);
    for (const auto& column : columns) write_column_value(out, column, r);
    out.end_row();
  }
  out.close();
}

}  // namespace firmnet

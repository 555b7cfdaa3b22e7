#include "report/render.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

#include "report/text_table.hpp"

namespace firmnet::report {

namespace {

bool missing(const ExtraColumn& column, std::size_t row) {
  if (const auto* text = std::get_if<StringColumn>(&column.values)) return text->missing(row);
  if (const auto* real = std::get_if<Float64Column>(&column.values)) return !std::isfinite((*real)[row]);
  return std::get<Int64Column>(column.values)[row] == kMissingInt64;
}

}  // namespace

std::string cell_text(const ExtraColumn& column, std::size_t row, CellFormat format) {
  if (missing(column, row)) return "-";
  if (const auto* text = std::get_if<StringColumn>(&column.values)) return std::string(text->value(row));
  const double v = cell_number(column, row);
  switch (format) {
    case CellFormat::count: return format_number(v, 15);
    case CellFormat::share: return format_number(v, 3);
    case CellFormat::precise: return format_number(v, 6);
    case CellFormat::automatic: break;
  }
  return format_number(v, 4);
}

double cell_number(const ExtraColumn& column, std::size_t row) {
  if (const auto* real = std::get_if<Float64Column>(&column.values)) return (*real)[row];
  if (const auto* integer = std::get_if<Int64Column>(&column.values))
    return (*integer)[row] == kMissingInt64 ? std::nan("") : static_cast<double>((*integer)[row]);
  return std::nan("");
}

std::vector<std::size_t> view_rows(const ResultTable& table, const TableView& view) {
  std::vector<std::size_t> rows;
  for (std::size_t r = 0; r < table.rows(); ++r) {
    bool shown = true;
    for (const auto& condition : view.where)
      if (const ExtraColumn* column = table.find(condition.column))
        shown = shown && cell_number(*column, r) >= condition.value;
    if (shown) rows.push_back(r);
  }
  if (const ExtraColumn* key = view.order_by.empty() ? nullptr : table.find(view.order_by))
    std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) {
      const double x = cell_number(*key, a), y = cell_number(*key, b);
      return std::isnan(y) ? !std::isnan(x) : x > y;
    });
  return rows;
}

void render_text(std::ostream& out, const ResultTable& table, const TableView& view, std::string_view indent) {
  std::vector<std::string> header;
  std::vector<const ExtraColumn*> columns;
  for (const auto& c : view.columns) {
    header.push_back(c.title.empty() ? c.column : c.title);
    columns.push_back(table.find(c.column));
  }
  TextTable text(std::move(header));
  const std::vector<std::size_t> shown = view_rows(table, view);
  const std::size_t rows = shown.size();
  for (std::size_t k = 0; k < rows && k < view.max_rows; ++k) {
    std::vector<std::string> line;
    for (std::size_t c = 0; c < columns.size(); ++c)
      line.push_back(columns[c] ? cell_text(*columns[c], shown[k], view.columns[c].format) : "");
    text.add_row(std::move(line));
  }
  text.print(out, indent);
  if (rows > view.max_rows) out << indent << "... " << format_count(rows - view.max_rows) << " more rows\n";
}

void render_json(JsonWriter& json, const ResultTable& table) {
  std::vector<std::size_t> rows(table.rows());
  std::iota(rows.begin(), rows.end(), std::size_t{0});
  render_json(json, table, rows);
}

void render_json(JsonWriter& json, const ResultTable& table, const std::vector<std::size_t>& rows) {
  json.begin_array();
  for (std::size_t r : rows) {
    json.begin_object();
    for (const auto& column : table.columns) {
      json.key(column.name);
      if (const auto* text = std::get_if<StringColumn>(&column.values)) json.value(text->value(r));
      else if (const auto* real = std::get_if<Float64Column>(&column.values)) json.value((*real)[r]);
      else if (const auto v = std::get<Int64Column>(column.values)[r]; v == kMissingInt64) json.null();
      else json.value(v);
    }
    json.end_object();
  }
  json.end_array();
}

void render_json(JsonWriter& json, const std::vector<NamedScalar>& values) {
  json.begin_object();
  for (const auto& [key, value] : values) {
    json.key(key);
    std::visit([&](const auto& v) { json.value(v); }, value);
  }
  json.end_object();
}

void render_json_members(JsonWriter& json, const Result& result, const std::vector<std::string>& omit_tables) {
  json.key("result").value(result.name).key("method").value(result.method);
  json.key("seed").value(result.seed).key("threads").value(result.threads);
  json.key("parameters");
  render_json(json, result.parameters);
  json.key("scalars");
  render_json(json, result.scalars);
  json.key("columns").begin_array();
  for (const auto& c : result.node_columns) json.value(c.name);
  json.end_array();
  json.key("tables").begin_object();
  for (const auto& table : result.tables) {
    if (std::find(omit_tables.begin(), omit_tables.end(), table.name) != omit_tables.end()) continue;
    json.key(table.name);
    render_json(json, table);
  }
  json.end_object();
}

}  // namespace firmnet::report

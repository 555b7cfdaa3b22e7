#include "results/readable_references.hpp"

#include <variant>

#include "graph/errors.hpp"
#include "results/park_result.hpp"

namespace firmnet {

namespace {

// The text of label(row) for each stored row reference; negative references are missing.
template <typename Label>
StringColumn labelled(const ExtraColumn& references, std::size_t rows, const std::string& what, Label label) {
  const auto* codes = std::get_if<Int64Column>(&references.values);
  if (!codes) throw DataError(what + " is not a column of row numbers");
  StringColumnBuilder out;
  for (const std::int64_t row : *codes) {
    if (row < 0 || row == kMissingInt64) {
      out.push_missing();
      continue;
    }
    if (static_cast<std::uint64_t>(row) >= rows)
      throw DataError(what + " refers to row " + std::to_string(row) + " of " + std::to_string(rows));
    out.push_back(label(static_cast<std::size_t>(row)));
  }
  return std::move(out).finish();
}

void insert_after(std::vector<ExtraColumn>& columns, std::string_view after, ExtraColumn column) {
  for (auto it = columns.begin(); it != columns.end(); ++it)
    if (it->name == after) {
      columns.insert(it + 1, std::move(column));
      return;
    }
  columns.push_back(std::move(column));
}

void name_park_units(Result& result) {
  namespace stored = spatial::stored;
  const ResultTable* units = result.find_table(stored::units);
  if (!units || !units->find(stored::name) || !units->find(stored::verdict)) return;
  const auto* names = std::get_if<StringColumn>(&units->column(stored::name).values);
  const auto* verdicts = std::get_if<StringColumn>(&units->column(stored::verdict).values);
  if (!names || !verdicts) return;
  const std::size_t rows = units->rows();
  const std::string prefix = "result '" + result.name + "': ";
  auto name_of = [&](std::size_t row) { return names->value(row); };
  for (auto& column : result.node_columns)
    if (column.name == stored::unit) {
      const ExtraColumn references = column;
      column.values = labelled(references, rows, prefix + "node column 'unit'", name_of);
      insert_after(result.node_columns, stored::unit,
                   {stored::verdict, labelled(references, rows, prefix + "node column 'unit'",
                                              [&](std::size_t row) { return verdicts->value(row); })});
      break;
    }
  const std::string units_table = stored::units;
  for (auto& table : result.tables) {
    if (table.name == units_table) continue;
    for (auto& column : table.columns)
      if (column.name == stored::unit && std::holds_alternative<Int64Column>(column.values))
        column.values = labelled(column, rows, prefix + "table '" + table.name + "' column 'unit'", name_of);
  }
}

void name_dominators(const Graph& graph, Result& result) {
  const std::string column_name = "immediate_dominator";
  for (auto& column : result.node_columns)
    if (column.name == column_name) {
      const ExtraColumn references = column;
      const std::string what = "result '" + result.name + "': node column '" + column_name + "'";
      column.values = labelled(references, graph.node_count(), what, [&](std::size_t u) { return graph.nodes.id[u]; });
      insert_after(result.node_columns, column_name,
                   {column_name + "_name",
                    labelled(references, graph.node_count(), what, [&](std::size_t u) { return graph.nodes.name[u]; })});
      return;
    }
}

}  // namespace

Result readable_references(const Graph& graph, const Result& result) {
  Result out = result;
  if (out.method == "park_test") name_park_units(out);
  if (out.method == "anchors") name_dominators(graph, out);
  return out;
}

}  // namespace firmnet

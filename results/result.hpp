// The results layer's one currency: an analysis outcome described as a stored result.
//
// A Result holds per-node columns (one value per node, in node order), per-group tables (one
// row per unit, community, industry, ...), scalar outcomes and the run's metadata: method,
// parameters (every setting that shaped the numbers), seed and threads. Each family's
// describer in results/ turns its typed outcome into a Result with named column constants;
// io/results.hpp stores and loads Results under /results/<name>/ (docs/FORMAT.md); the
// renderer in report/ presents them as text, JSON and HTML through the same column names.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "graph/columns.hpp"

namespace firmnet {

using ScalarValue = std::variant<std::int64_t, double, std::string>;
using NamedScalar = std::pair<std::string, ScalarValue>;

/// A per-group table, e.g. one row per community. All columns have the same length.
struct ResultTable {
  std::string name;
  std::vector<ExtraColumn> columns;

  /// Rows (the length of the first column; 0 without columns). O(1).
  std::size_t rows() const;
  /// The column of that name, or nullptr. O(columns).
  const ExtraColumn* find(std::string_view column) const;
  /// The column of that name; throws std::out_of_range naming the table when absent. O(columns).
  const ExtraColumn& column(std::string_view column) const;
};

struct Result {
  std::string name;    // group name under /results; letters, digits, '_', '-', '.'
  std::string method;  // e.g. "leiden", "pagerank"
  std::vector<NamedScalar> parameters;  // every setting that shaped the numbers
  std::uint64_t seed = 0;
  int threads = 1;
  std::vector<ExtraColumn> node_columns;  // each of size node_count, in node order
  std::vector<ResultTable> tables;
  std::vector<NamedScalar> scalars;  // outcomes: modularity, counts, ...

  /// Appends a node column. O(1) (the values are moved).
  void add_column(std::string column, std::vector<double> values);
  void add_column(std::string column, std::vector<std::int64_t> values);
  /// Value of a parameter or scalar by name; throws std::out_of_range when absent. O(entries).
  const ScalarValue& parameter(const std::string& key) const;
  const ScalarValue& scalar(const std::string& key) const;
  /// A node column by name; throws std::out_of_range when absent. O(columns).
  const ExtraColumn& column(const std::string& column) const;
  /// A table by name, or nullptr. O(tables).
  const ResultTable* find_table(std::string_view table) const;
};

/// Metadata of a stored result, as listed by `firmnet info`.
struct ResultSummary {
  std::string name, method, created, firmnet_version;
  std::uint64_t seed = 0;
  std::vector<std::string> columns;
};

/// A scalar as text: integers in full, reals with up to 6 significant digits, text as is. O(1).
std::string scalar_text(const ScalarValue& value);

// Column builders for describers: one column from a range of rows and a getter.

/// A text column (dictionary-encoded). O(rows).
ExtraColumn text_column(std::string name, const std::vector<std::string>& values);

/// A column of getter(row) for each row; Int64Column for integral getters, Float64Column
/// for floating-point ones. O(rows).
template <typename Row, typename Get>
ExtraColumn column_of(std::string name, const std::vector<Row>& rows, Get get) {
  using Value = decltype(get(rows.front()));
  if constexpr (std::is_floating_point_v<Value>) {
    Float64Column values;
    values.reserve(rows.size());
    for (const auto& row : rows) values.push_back(get(row));
    return {std::move(name), std::move(values)};
  } else {
    Int64Column values;
    values.reserve(rows.size());
    for (const auto& row : rows) values.push_back(static_cast<std::int64_t>(get(row)));
    return {std::move(name), std::move(values)};
  }
}

}  // namespace firmnet

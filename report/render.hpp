// The one renderer: presents a stored result (results/result.hpp) as a text table or JSON
// (which the HTML report embeds, report/report_data.hpp), through the stored column names. A TableView says which columns a person sees,
// under which titles and in which format; JSON always carries every stored column under its
// stored name, so scripts and the HDF5 file speak the same vocabulary (docs/FORMAT.md).
// Per-family views live in report/views.hpp.
#pragma once
#include <cstddef>
#include <limits>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "io/json_writer.hpp"
#include "results/result.hpp"

namespace firmnet::report {

/// How a cell is written for a person.
enum class CellFormat {
  automatic,  // integers in full, reals with 4 significant digits, text as is
  count,      // integers with thousands separators
  share,      // 3 significant digits; NaN as "-"
  precise,    // 6 significant digits
};

struct ColumnView {
  std::string column;  // stored name
  std::string title;   // header shown to a person ("" = the stored name)
  CellFormat format = CellFormat::automatic;
};

/// Which rows a person sees: those whose `column` is at least `value` (missing values fail).
struct RowCondition {
  std::string column;  // stored name
  double value = 0;
};

struct TableView {
  std::string table;  // stored table name
  std::vector<ColumnView> columns;
  std::size_t max_rows = std::numeric_limits<std::size_t>::max();
  std::string order_by{};             // stored column: rows by it, largest first, missing last ("" = stored order)
  std::vector<RowCondition> where{};  // rows meeting every condition
};

/// The rows a view shows, in its order: those meeting `where`, stably ordered by `order_by`
/// (all of them, before max_rows). A column the table lacks orders or filters nothing.
/// O(rows log rows).
std::vector<std::size_t> view_rows(const ResultTable& table, const TableView& view);

/// A cell as a person reads it; missing values ("" text, NaN, kMissingInt64) as "-". O(1).
std::string cell_text(const ExtraColumn& column, std::size_t row, CellFormat format = CellFormat::automatic);

/// A cell as a number (NaN for text and missing values). O(1).
double cell_number(const ExtraColumn& column, std::size_t row);

/// The view's columns of the table as aligned text (one header line, one line per row of
/// view_rows, at most max_rows; a note counts the rest). A column the table lacks is shown
/// empty. O(rows * columns + rows log rows).
void render_text(std::ostream& out, const ResultTable& table, const TableView& view, std::string_view indent = "  ");

/// Every column of the table as a JSON array of row objects keyed by stored names. O(rows * columns).
void render_json(JsonWriter& json, const ResultTable& table);

/// The given rows (e.g. view_rows of a TableView) of the table, every column, as render_json
/// does. O(rows * columns).
void render_json(JsonWriter& json, const ResultTable& table, const std::vector<std::size_t>& rows);

/// A scalar list (parameters or scalars) as a JSON object. O(entries).
void render_json(JsonWriter& json, const std::vector<NamedScalar>& values);

/// The result's metadata, parameters, scalars, node column names and its tables (all, except
/// those named in `omit_tables`, e.g. bulky null samples) as members of the JSON object that
/// the caller has opened. O(table cells).
void render_json_members(JsonWriter& json, const Result& result, const std::vector<std::string>& omit_tables = {});

}  // namespace firmnet::report

// Writes networks and tables as CSV in the import format (docs/FORMAT.md): UTF-8, comma
// delimited, RFC 4180 quoting (a field containing a comma, quote, CR or LF is quoted and its
// quotes doubled), an empty field for a missing value. Numbers use the shortest text that
// reads back to the same double (std::to_chars), so CSV -> import -> CSV is lossless.
// Used by `firmnet generate` and by `export`. Writes are buffered (1 MiB blocks); every
// function is O(rows x columns) and throws DataError when the file cannot be written.
#pragma once
#include <cstdint>
#include <cstdio>
#include <span>
#include <string>
#include <string_view>

#include "graph/columns.hpp"
#include "graph/graph.hpp"

namespace firmnet {

/// Appends one field to a CSV line, quoted only when RFC 4180 requires it. O(length).
void append_csv_field(std::string& line, std::string_view field);
/// Appends a number in shortest round-trip form; NaN appends nothing (missing). O(1).
void append_csv_number(std::string& line, double value);
/// Appends an integer. O(1).
void append_csv_number(std::string& line, std::int64_t value);

/// Buffered CSV file writer: collect one line with the append_* helpers, then end_row().
class CsvFileWriter {
 public:
  /// Opens (truncates) path; byte_order_mark starts the file with the UTF-8 mark EF BB BF,
  /// which Excel needs to read the file as UTF-8. Throws DataError when it cannot be created.
  /// O(1).
  explicit CsvFileWriter(const std::string& path, bool byte_order_mark = false);
  ~CsvFileWriter();
  CsvFileWriter(const CsvFileWriter&) = delete;
  CsvFileWriter& operator=(const CsvFileWriter&) = delete;

  /// Starts a new field: a comma unless it is the row's first. Called alone, it writes an
  /// empty (missing) field. O(1).
  void field_separator();
  /// Writes a text field. O(length).
  void field(std::string_view text) {
    field_separator();
    append_csv_field(buffer_, text);
  }
  /// Writes a number field (shortest round-trip form; NaN is missing). O(1).
  void number(double value) {
    field_separator();
    append_csv_number(buffer_, value);
  }
  /// Writes an integer field. O(1).
  void number(std::int64_t value) {
    field_separator();
    append_csv_number(buffer_, value);
  }
  /// Terminates the line with "\n" and flushes the buffer when it is large. Amortised O(1)
  /// per byte written.
  void end_row();
  /// Flushes and closes; throws DataError on a write error. Called by the destructor too
  /// (which swallows errors), so call it explicitly to learn about failures. O(buffered bytes).
  void close();

 private:
  void flush();
  std::string path_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
  bool row_has_field_ = false;
};

/// nodes.csv: id,name,kind,industry,stage,region,park,lat,lon,employees,revenue,founded,
/// ownership,closed, then the extra columns in order. O(n x columns).
void write_nodes_csv(const std::string& path, const NodeTable& nodes, bool byte_order_mark = false);

/// edges.csv: source,target,type,weight,year, then the extra edge columns. Edges are written
/// in EdgeId order with node ids as endpoints; year 0 (undated) is written empty. O(m).
void write_edges_csv(const std::string& path, const Graph& graph, bool byte_order_mark = false);

/// A table of equally long columns with their names as header. When ids is given, a first
/// column "id" holds ids[row] (per-node tables such as truth files). O(rows x columns).
void write_table_csv(const std::string& path, std::span<const ExtraColumn> columns,
                     const StringList* ids = nullptr, bool byte_order_mark = false);

}  // namespace firmnet

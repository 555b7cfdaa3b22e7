// CSV import: nodes.csv + edges.csv -> Graph, with an import log (docs/FORMAT.md, "CSV input").
//
// Streaming: the node file is read record by record (io/csv_reader.hpp); the edge file in
// batches of 8 MiB of whole lines, each cut into one chunk per thread that is parsed and
// checked in parallel and then committed in file order, so the network, the log and the first
// bad line are those of a serial read (a batch with a quote character goes to CsvReader, as
// does the rest of the file after it). Node ids are found through a flat hash index over the
// id list (graph/string_index.hpp). Memory holds the final arrays, the index and bounded
// buffers, never the whole text.
// Strict by default: any rejected row makes import_csv throw ImportError, carrying the full
// log (file, line and reason of the first rows, totals per reason). Lenient mode skips rejected
// rows and records the counts in the log.
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "graph/errors.hpp"
#include "graph/graph.hpp"
#include "graph/progress.hpp"
#include "io/import_log.hpp"

namespace firmnet {

/// Most columns a file may declare (CSV header fields, GraphML <key>s): a hostile header must
/// not cost memory or time per column beyond a spreadsheet's width.
constexpr std::size_t kMaxColumns = 16384;

struct ImportOptions {
  char delimiter = 0;            // 0: detect per file (comma, tab, ';' or '|')
  // "" reads UTF-8 and, at the first record that is not, stops (strict) or warns (lenient) with
  // the likely encoding; a name (io/text_encoding.hpp) transcodes from it.
  std::string encoding;
  // --map: (field, column) pairs naming the input column of a field (a canonical column name,
  // e.g. "source"), before the header aliases are matched.
  std::vector<std::pair<std::string, std::string>> column_map;
  bool lenient = false;          // skip bad rows instead of failing
  bool implicit_nodes = false;   // create firms for edge endpoints missing from the node file
  bool allow_empty = false;      // lenient: accept an import that keeps no node or rejects most rows
  std::size_t max_reported_issues = 50;  // examples kept in the log (totals are always exact)
  std::size_t max_record_bytes = 64u << 20;
  Progress progress;
};

struct ImportResult {
  Graph graph;
  ImportLog log;
};

/// Thrown in strict mode when rows were rejected; what() summarises, log() has everything.
class ImportError : public DataError {
 public:
  ImportError(const std::string& message, ImportLog log) : DataError(message), log_(std::move(log)) {}
  /// The full import log. O(1).
  const ImportLog& log() const { return log_; }

 private:
  ImportLog log_;
};

/// Strict mode (options.lenient false) with rejected records: throws ImportError carrying log,
/// its message counting the records by their name in the input ("row", "element"). O(reasons).
void throw_if_strict_and_rejected(ImportLog& log, const ImportOptions& options, std::string_view record);

/// Lenient mode that kept nothing usable: throws ImportError when no node was accepted, or when
/// more than half of the rows read were rejected, unless options.allow_empty. Such an import is
/// almost always a wrong encoding, delimiter or header, not data worth analysing. O(reasons).
void throw_if_lenient_left_too_little(ImportResult& result, const ImportOptions& options);

/// The end every importer shares: sets nodes on builder and builds the graph, lets
/// type_extra_edge_column(index, column) type each extra edge column (they pass through the
/// builder as text), rejects weights that merging summed to infinity (DataError) and fills the
/// log's counts. Reports "building graph" progress. O(n + m log d_max).
ImportResult finish_import(GraphBuilder builder, NodeTable nodes, ImportLog log, const Progress& progress,
                           const std::function<void(std::size_t, ExtraColumn&)>& type_extra_edge_column);

/// Imports a network. nodes_path may be empty: nodes are then implied by the edges (all firms).
/// Throws UsageError for a --map field that is not a column name; DataError for unreadable
/// files, unusable headers or a mapped column the header lacks; ImportError for rejected rows in
/// strict mode, or at the first record that is not UTF-8 when no encoding was given (with the
/// likely encoding). In a file delimited by ';' or '|', a number with one decimal comma
/// ("1,5") in lat, lon, employees, revenue or weight reads as a decimal point. O(file bytes + m log d_max).
ImportResult import_csv(const std::string& nodes_path, const std::string& edges_path,
                        const ImportOptions& options);

/// The accepted header names of each node and edge column (canonical name first), for --help
/// and docs. Matching is case-insensitive and ignores surrounding spaces. O(1) (a fixed table).
std::string describe_csv_columns();

/// The delimiter a user names: ",", ";", "|" or "tab" (also "\t", "comma", "semicolon", "pipe"),
/// or 0 (detect) for "". Throws UsageError for anything else. O(1).
char parse_delimiter(std::string_view name);

/// Parses --map values "FIELD=COLUMN" into (field, column) pairs; throws UsageError for a value
/// without '=', an empty side, or a field that is not a canonical node or edge column name. O(total length).
std::vector<std::pair<std::string, std::string>> parse_column_map(const std::vector<std::string>& values);

}  // namespace firmnet

// Analysis results stored in the network's HDF5 file under /results/<name>/.
//
// A result holds per-node columns (one dataset each, in node order), per-group tables
// (/results/<name>/tables/<table>/<column>), scalar outcomes and the run's metadata:
// method, parameters, seed, threads, program version, time and the network fingerprint.
// docs/FORMAT.md documents the layout.
#pragma once
#include <cstdint>
#include <string>
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

  /// Convenience for the common column types.
  void add_column(std::string column, std::vector<double> values);
  void add_column(std::string column, std::vector<std::int64_t> values);
  /// Value of a parameter or scalar by name; throws std::out_of_range when absent.
  const ScalarValue& parameter(const std::string& key) const;
  const ScalarValue& scalar(const std::string& key) const;
  /// A node column by name; throws std::out_of_range when absent.
  const ExtraColumn& column(const std::string& column) const;
};

/// Metadata of a stored result, as listed by `firmnet info`.
struct ResultSummary {
  std::string name, method, created, firmnet_version;
  std::uint64_t seed = 0;
  std::vector<std::string> columns;
};

/// Adds (or replaces) result.name in the network file at path. The write is atomic: the file
/// is copied to a temporary sibling, the result written there, flushed and renamed over the
/// original, so a crash leaves the previous file intact. Checks that every node column has
/// node_count rows. Adds created (UTC ISO-8601), firmnet_version and network_fingerprint.
/// Throws DataError on a missing or foreign file, UsageError on a bad name.
/// O(file size) for the copy plus O(result size).
void write_result(const std::string& path, const Result& result);

/// Adds several results in one atomic update (one copy of the file for all of them).
void write_results(const std::string& path, const std::vector<Result>& results);

/// Reads a stored result back in full. Throws DataError when absent.
Result read_result(const std::string& path, const std::string& name);

/// The community of each node stored by a community detection (`firmnet communities`): the
/// "membership" column of result `result_name`. Throws DataError, naming path and result, when
/// the result is absent or holds no membership of one integer per node. O(n).
std::vector<std::int64_t> read_membership(const std::string& path, const std::string& result_name);

/// Lists stored results in name order. O(results).
std::vector<ResultSummary> list_results(const std::string& path);

}  // namespace firmnet

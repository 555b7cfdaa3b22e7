// Storing and loading analysis results (results/result.hpp) in the network's HDF5 file under
// /results/<name>/: per-node columns (one dataset each, in node order), per-group tables
// (/results/<name>/tables/<table>/<column>), scalar outcomes and the run's metadata: method,
// parameters, seed, threads, program version, time and the network fingerprint.
// docs/FORMAT.md documents the layout.
#pragma once
#include <string>
#include <vector>

#include "results/result.hpp"

namespace firmnet {

/// Adds (or replaces) result.name in the network file at path. The write is atomic: the file
/// is copied to a temporary sibling, the result written there, flushed and renamed over the
/// original, so a crash leaves the previous file intact. Checks that every node column has
/// node_count rows. Adds created (UTC ISO-8601), firmnet_version and network_fingerprint.
/// Throws DataError on a missing or foreign file, UsageError on a bad name.
/// O(file size) for the copy plus O(result size).
void write_result(const std::string& path, const Result& result);

/// Adds several results in one atomic update (one copy of the file for all of them). In a
/// process group (graph/process_group.hpp) only member 0 writes; the others return at once.
/// O(file size) for the copy plus O(size of the results).
void write_results(const std::string& path, const std::vector<Result>& results);

/// Reads a stored result back in full. Throws DataError when absent. O(size of the result).
Result read_result(const std::string& path, const std::string& name);

/// The community of each node stored by a community detection (`firmnet communities`): the
/// "membership" column of result `result_name`. Throws DataError, naming path and result, when
/// the result is absent or holds no membership of one integer per node. O(n).
std::vector<std::int64_t> read_membership(const std::string& path, const std::string& result_name);

/// The node column `column_name` of result `result_name`, one number per node. Throws
/// DataError naming the file, the result and `what` the column should hold when it has none.
/// O(result size).
std::vector<double> read_number_column(const std::string& path, const std::string& result_name, const std::string& column_name,
                                       const std::string& what);

/// The systemic risk (ESRI) per node of a stored risk result (`firmnet risk`: node column
/// `esri`). Throws DataError naming the file when the result has none. O(result size).
std::vector<double> read_systemic_risk(const std::string& path, const std::string& result_name);

/// Lists stored results in name order. O(results).
std::vector<ResultSummary> list_results(const std::string& path);

}  // namespace firmnet

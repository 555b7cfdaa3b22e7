// Plain edge-list import: one edge per line, "source target [weight]" separated by spaces or
// tabs; '#' starts a comment (whole line or the rest of a line); blank lines are ignored.
// Nodes are implied by the edges (kind firm, no attributes), numbered in order of first
// appearance; every edge has type supply and weight 1 unless given. Rows are validated like CSV
// rows (wrong_column_count, bad_weight) and reported with file and line; strict mode fails on
// any rejected row (ImportError), lenient mode skips it. Duplicates are merged and self-loops
// dropped by GraphBuilder. Streaming: O(file bytes + m log d_max) time, memory the graph.
#pragma once
#include <string>

#include "io/csv_import.hpp"

namespace firmnet {

/// Imports a whitespace-separated edge list (options.delimiter and implicit_nodes are not used).
/// O(file bytes + m log d_max).
ImportResult import_edgelist(const std::string& path, const ImportOptions& options);

}  // namespace firmnet

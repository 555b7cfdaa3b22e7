// What several commands print alike, always from a stored result (results/result.hpp) through
// the one renderer (report/render.hpp): the JSON form of a result, a labelled list of its
// scalars, the park verdicts with their reasons, and the outcome of --verify.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "graph/verification.hpp"
#include "report/text_table.hpp"
#include "results/result.hpp"

namespace firmnet::cli {

using report::format_count;
using report::format_number;
using report::TextTable;

/// Prints {"file": file, "result": ..., "parameters": {...}, "scalars": {...}, "columns": [...],
/// "tables": {...}} on stdout, leaving out the tables named in omit_tables. O(table cells).
void print_json_result(const Result& result, const std::string& file, const std::vector<std::string>& omit_tables = {});

/// A two-column table (measure, value) of the scalars named in labels (stored name, label),
/// in that order; absent scalars are skipped. O(labels * scalars).
void print_scalars(const Result& result, const std::vector<std::pair<std::string, std::string>>& labels);

/// The park verdict table and one "why" line per unit, from a stored park result.
/// O(units * columns).
void print_park_verdicts(const Result& parks);

/// --verify: prints "verified: <what>" on stderr, or throws DataError listing the violations
/// (the outcome broke an invariant its verifier checks). O(violations).
void require_verified(const std::string& what, const Verification& verification);

}  // namespace firmnet::cli

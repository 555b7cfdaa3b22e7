// What several commands print alike, always from a stored result (results/result.hpp) through
// the one renderer (report/render.hpp): the JSON form of a result, a labelled list of its
// scalars, the park verdicts with their reasons, what a network supports, and the outcome of
// --verify.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "algorithms/structure/network_capabilities.hpp"
#include "graph/verification.hpp"
#include "io/json_writer.hpp"
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

/// One line of "what this network supports": the analysis, whether the data allows it, what
/// the data holds, and (when it does not) what to add.
struct CapabilityRow {
  std::string analysis;
  bool supported = false;
  std::string evidence, hint;
};

/// The rows, in the order of algorithms/structure/network_capabilities.hpp. O(1).
std::vector<CapabilityRow> capability_rows(const structure::NetworkCapabilities& capabilities);

/// "== What this network supports" and its table, on stdout. O(1).
void print_capabilities(const structure::NetworkCapabilities& capabilities);

/// The rows as a JSON array of {analysis, supported, evidence, hint} at the writer's position. O(1).
void write_capabilities_json(JsonWriter& json, const structure::NetworkCapabilities& capabilities);

/// --verify: prints "verified: <what>" on stderr, or throws DataError listing the violations
/// (the outcome broke an invariant its verifier checks). O(violations).
void require_verified(const std::string& what, const Verification& verification);

}  // namespace firmnet::cli

// Stored results keep some references as row numbers: a park result's node column `unit` and
// the `unit` column of its tables are rows of its `units` table, an anchor result's
// `immediate_dominator` is a node row (-1 = the virtual root). Outside firmnet a row number
// means nothing, so exports (io/export.hpp) read them as names and ids instead.
#pragma once
#include "graph/graph.hpp"
#include "results/result.hpp"

namespace firmnet {

/// A copy of result with its row references readable:
///   park test: node column `unit` -> the unit's name (missing for no unit), a node column
///   `verdict` (the unit's verdict) added after it, and the `unit` column of every other table
///   -> the unit's name;
///   anchors: `immediate_dominator` -> the dominator's id (missing for the virtual root), and
///   `immediate_dominator_name` -> its name added after it.
/// Other results come back unchanged. Throws DataError when a reference is out of range.
/// O(n + table rows).
Result readable_references(const Graph& graph, const Result& result);

}  // namespace firmnet

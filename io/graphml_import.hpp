// GraphML import (graphml.graphdrawing.org): <key> declarations, one <graph>, <node id=...>
// and <edge source=... target=...> with <data key=...> values. docs/EXPORT.md and
// docs/FORMAT.md ("GraphML and edge lists") describe the mapping.
//
// Keys whose attr.name matches a schema column (case-insensitive; ' ' and '-' read as '_')
// fill it: nodes name (or label when no key is named name), kind, industry, stage, region,
// park, lat, lon, employees, revenue, founded, ownership; edges type, weight, year. Other keys
// become extra columns, typed by attr.type ("string" stays text; int/long -> int64 and
// float/double -> float64 when every value parses). <default> values apply to elements
// without that data.
// Values are validated exactly like CSV rows (same rejection reasons); in strict mode any
// rejected element fails the import with ImportError, each issue giving the element's line.
// Edges are read in their written orientation (also in undirected graphs); parallel edges are
// kept and merged by GraphBuilder like CSV rows (same source, target, type and year).
// Malformed XML, hyperedges and nested graphs raise DataError("<file>:<line>: ...").
// Memory: the file text plus the graph arrays. O(file bytes + m log d_max).
#pragma once
#include <string>

#include "io/csv_import.hpp"

namespace firmnet {

/// Imports a GraphML file (options.delimiter and max_record_bytes are not used).
/// O(file bytes + m log d_max).
ImportResult import_graphml(const std::string& path, const ImportOptions& options);

}  // namespace firmnet

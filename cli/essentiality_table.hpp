// Reader of the essentiality table of `firmnet risk --essential` and `firmnet shock
// --essential` (docs/risk.md, docs/FORMAT.md "Essentiality table"): a CSV of supplier industry,
// customer industry and essential (0/1 or a share in [0, 1]), one rule per row, with an
// optional header.
#pragma once
#include <string>

#include "algorithms/risk/essentiality.hpp"

namespace firmnet::cli {

/// Reads `path` (any delimiter and encoding io/csv_reader.hpp accepts). Throws DataError naming
/// the file and line for an unreadable file, a row without three fields, bad quoting or UTF-8,
/// or a value that is not a number in [0, 1]. O(file size).
risk::EssentialityTable read_essentiality_table(const std::string& path);

}  // namespace firmnet::cli

// Reader of the parks table of `firmnet evolution --parks-table` (docs/evolution.md, "Park
// establishment"): a CSV with a header row naming the columns park, established and,
// optionally, area_km2 (aliases in docs/FORMAT.md), one row per park.
#pragma once
#include <string>
#include <vector>

#include "algorithms/evolution/park_establishment.hpp"

namespace firmnet::cli {

/// Reads `path` (any delimiter and encoding io/csv_reader.hpp accepts). Throws DataError naming
/// the file and line for an unreadable file, a header without park or established, a row with
/// another number of fields than the header, an empty park, a park listed twice, an
/// established year that is not a year 1800-2100 (an empty one is allowed: unknown), an area
/// that is not a number > 0, bad quoting or UTF-8, or a table without rows. O(file size).
std::vector<evolution::ParkRecord> read_parks_table(const std::string& path);

}  // namespace firmnet::cli

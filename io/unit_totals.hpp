// Reader of a table of official unit totals for `firmnet concentration --totals` (docs/FORMAT.md,
// "Unit totals file"): one row per region (or park) with its total employment from official
// statistics, because a firm sample rarely covers all employment of a region.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace firmnet {

/// Reads `path`: a CSV (comma or tab) whose header holds the key column `key_column` ("region"
/// or "park"; matched like node headers, case and spaces ignored) and `employment` (or
/// `employees`); other columns are ignored. Returns (unit, employment) in file order.
/// Throws DataError naming the file, the line and the reason for an empty or unreadable file,
/// a missing column, a row with too few fields, bad quoting or UTF-8, an empty unit, a unit
/// given twice, or employment that is not a finite number >= 0. O(file size).
std::vector<std::pair<std::string, double>> read_unit_totals(const std::string& path, std::string_view key_column);

}  // namespace firmnet

// Reader of the benchmark category table of `firmnet clusters --categories` (docs/clusters.md,
// "Benchmark categories"): a CSV of industry code and cluster category, one row per code, with
// an optional header row (its first field "industry").
#pragma once
#include <string>

#include "algorithms/clusters/cluster_categories.hpp"

namespace firmnet::cli {

/// Reads `path` (any delimiter and encoding io/csv_reader.hpp accepts). Throws DataError naming
/// the file and line for an unreadable file, a row without two fields, an empty code or
/// category, bad quoting or UTF-8, or a table without rows. O(file size).
clusters::IndustryCategories read_category_table(const std::string& path);

}  // namespace firmnet::cli

// How a CSV file is read, shared by `firmnet import` and `firmnet analyze` so that both take
// the same options under the same names: --delimiter, --encoding and --map (docs/FORMAT.md).
#pragma once
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "io/csv_import.hpp"

namespace firmnet::cli {

struct CsvInputArgs {
  std::string delimiter, encoding;
  std::vector<std::string> map;  // FIELD=COLUMN
};

/// Registers --delimiter, --encoding and --map on `sub`, writing into `args`. O(1).
void add_csv_input_options(CLI::App* sub, CsvInputArgs& args);

/// Sets the delimiter, encoding and column map of `options` from `args`; throws UsageError for
/// a malformed --map. O(total length).
void apply_csv_input_options(const CsvInputArgs& args, ImportOptions& options);

}  // namespace firmnet::cli

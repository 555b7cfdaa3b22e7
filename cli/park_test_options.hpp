// The park test's options, shared by `firmnet parks` and `firmnet analyze` so that both take
// them under the same names and defaults: the units, the null model and its chains, and the
// verdict thresholds (docs/METHODS.md).
#pragma once
#include <string>

#include <CLI/CLI.hpp>

#include "algorithms/spatial/park_verdicts.hpp"

namespace firmnet::cli {

/// Registers the options on `sub`, writing into `request` and, for --null, into `null_choice`
/// ("auto" or a null kind). O(1).
void add_park_test_options(CLI::App* sub, spatial::ParkRequest& request, std::string& null_choice);

}  // namespace firmnet::cli

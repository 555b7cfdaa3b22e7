// The study area options, shared by `firmnet anchors`, `firmnet parks` and `firmnet analyze`
// so that all three take them under the same names and defaults (docs/FORMAT.md, "Study area").
#pragma once
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "algorithms/spatial/study_area.hpp"

namespace firmnet::cli {

struct StudyAreaArgs {
  std::vector<std::string> values;
  std::vector<std::string> outside_regions = spatial::StudyArea{}.outside_regions;
};

/// Registers --study-area and --outside-regions on `sub`, writing into `args`. O(1).
void add_study_area_options(CLI::App* sub, StudyAreaArgs& args);

/// The study area the options give; throws UsageError for a malformed box. O(values).
spatial::StudyArea study_area_from(const StudyAreaArgs& args);

}  // namespace firmnet::cli

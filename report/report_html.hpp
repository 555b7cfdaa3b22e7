// The HTML report (`firmnet report`, `firmnet analyze --report`): one self-contained file with
// inline CSS and SVG charts (report/charts.hpp), no script and no network access, built only
// from what the network file stores. Tables come from the one renderer (report/render.hpp)
// through the family views (report/views.hpp); absent results leave their section with a note
// on how to produce them. Sections: overview, park verdicts (evidence and observed-against-null
// chart per park), map, communities (profiles and quality), anchors, stage-to-stage flows,
// concentration, methods and parameters.
#pragma once
#include <string>

#include "pipeline/main_job.hpp"

namespace firmnet::report {

/// Which stored results the report presents; the main job's names by default.
struct ReportSources {
  std::string communities = pipeline::result_names::communities;
  std::string anchors = pipeline::result_names::anchors;
  std::string parks = pipeline::result_names::parks;
  std::string concentration = pipeline::result_names::concentration;
};

/// Writes the report for the network file at network_path to html_path, atomically.
/// Throws DataError for an unreadable network file or an unwritable output path.
/// O(n log n + m + stored results).
void write_report_html(const std::string& network_path, const std::string& html_path, const ReportSources& sources = {});

}  // namespace firmnet::report

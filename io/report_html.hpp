// The HTML report (`firmnet report`, `firmnet analyze --report`): one self-contained file with
// inline CSS and SVG charts drawn here, no script and no network access, built only from what
// the network file stores (node and edge tables, /results/leiden, anchors, parks,
// concentration; absent results leave their section with a note on how to produce them).
// Sections: overview, park verdicts (evidence and observed-against-null chart per park), map,
// communities, anchors, stage-to-stage flows, concentration, methods and parameters.
#pragma once
#include <string>

namespace firmnet {

/// Writes the report for the network file at network_path to html_path, atomically.
/// Throws DataError for an unreadable network file or an unwritable output path.
/// O(n + m + stored results).
void write_report_html(const std::string& network_path, const std::string& html_path);

}  // namespace firmnet

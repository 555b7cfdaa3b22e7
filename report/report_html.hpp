// The HTML report (`firmnet report`, `firmnet analyze --report`): one self-contained file that
// opens offline and makes no network request. It holds the report's data as embedded JSON
// (report/report_data.hpp), Apache ECharts and the page's script (report/web_assets.hpp), which
// draws the map, the per-park panels, the network view, the tables and the figures in the
// browser (docs/report.md).
#pragma once
#include <string>

#include "report/report_data.hpp"

namespace firmnet::report {

/// Writes the report for the network file at network_path to html_path, atomically. Throws
/// DataError for an unreadable network file or an unwritable output path, UsageError for a
/// requested result that is absent or of another kind, or a language other than "en", "zh".
/// O(n log n + m + stored results).
void write_report_html(const std::string& network_path, const std::string& html_path, const ReportOptions& options = {});

}  // namespace firmnet::report

// The report page's assets, compiled into firmnet from report/web (cmake/embed_assets.cmake),
// so that `firmnet report` writes a self-contained page without network or files at run time:
// Apache ECharts (node_modules/echarts/dist/echarts.min.js, pinned by report/web/package-lock.json)
// and the page's own script and style.
#pragma once
#include <string_view>

namespace firmnet::report {

/// echarts.min.js as published on the npm registry. O(1).
std::string_view echarts_js();
/// report/web/report.js: draws the page from its embedded data. O(1).
std::string_view report_js();
/// report/web/report.css. O(1).
std::string_view report_css();

}  // namespace firmnet::report

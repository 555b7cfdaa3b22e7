#include "report/report_html.hpp"

#include "graph/errors.hpp"
#include "io/atomic_file.hpp"
#include "io/markup_escape.hpp"
#include "io/results.hpp"
#include "report/web_assets.hpp"

namespace firmnet::report {

namespace {

// Text inside a <script> element ends at the first "</"; JSON and our scripts spell it "<\/"
// (the same string to JSON.parse and to JavaScript string literals).
void append_script_text(std::string& out, std::string_view text) {
  for (std::size_t start = 0;;) {
    const std::size_t close = text.find("</", start);
    out.append(text.substr(start, close == std::string_view::npos ? std::string_view::npos : close - start));
    if (close == std::string_view::npos) return;
    out += "<\\/";
    start = close + 2;
  }
}

}  // namespace

void write_report_html(const std::string& network_path, const std::string& html_path, const ReportOptions& options) {
  if (options.lang != "en" && options.lang != "zh") throw UsageError("--lang must be en or zh, not '" + options.lang + "'");
  const Graph g = load_network(network_path);
  const NetworkHeader header = read_header(network_path);
  std::map<std::string, StoredResult> results;
  for (const auto& summary : list_results(network_path))
    results[summary.name] = {read_result(network_path, summary.name), summary.created};
  const ReportSources sources = resolve_sources(results, options.sources);
  const std::string data = report_data_json(g, network_path, header, results, sources, options);

  AtomicFile report(html_path);
  std::string& html = report.buffer();
  html.reserve(data.size() + echarts_js().size() + report_js().size() + 4096);
  html += options.lang == "zh" ? "<!DOCTYPE html><html lang=zh-CN>" : "<!DOCTYPE html><html lang=en>";
  html += "<head><meta charset=utf-8><meta name=viewport content=\"width=device-width, initial-scale=1\"><title>";
  append_xml_escaped(html, options.title.empty() ? "firmnet report" : options.title);
  html += "</title><style>";
  html += report_css();
  html += "</style></head><body><noscript>This report draws its figures with JavaScript; allow scripts for this "
          "file.</noscript><div id=report></div><script type=application/json id=report-data>";
  append_script_text(html, data);
  html += "</script><script>";
  append_script_text(html, echarts_js());
  html += "</script><script>";
  append_script_text(html, report_js());
  html += "</script></body></html>\n";
  report.commit();
}

}  // namespace firmnet::report

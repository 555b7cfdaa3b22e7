// firmnet report: the self-contained HTML report of a network file and its stored results.
#include <iostream>
#include <memory>

#include "cli/command.hpp"
#include "report/report_html.hpp"

namespace firmnet::cli {
namespace {

struct ReportArgs {
  std::string file, output;
  report::ReportOptions options;
};

const CommandRegistration registration(90, [](CLI::App& app, const GlobalOptions& globals) -> RunFunction {
  auto args = std::make_shared<ReportArgs>();
  CLI::App* sub = app.add_subcommand(
      "report", "Write a self-contained interactive HTML report (ECharts compiled in; opens offline)");
  sub->add_option("file", args->file, "Network file (.h5) with stored results")->required();
  sub->add_option("-o,--output", args->output, "HTML file to write")->required();
  sub->add_option("--parks", args->options.sources.parks, "Stored park-test result to present (default: the latest)");
  sub->add_option("--communities", args->options.sources.communities,
                  "Stored community result to present (default: the latest)");
  sub->add_option("--anchors", args->options.sources.anchors, "Stored anchor result to present (default: the latest)");
  sub->add_option("--concentration", args->options.sources.concentration,
                  "Stored concentration result to present (default: the latest)");
  sub->add_option("--title", args->options.title, "The report's title (default: firmnet report and the file name)");
  sub->add_option("--lang", args->options.lang, "Language of the report's own labels: en or zh")
      ->check(CLI::IsMember({"en", "zh"}))
      ->capture_default_str();
  sub->add_option("--max-points", args->options.max_points,
                  "Firm points drawn on the map at most (an even sample; the page says how many)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  return [args, &globals]() {
    report::write_report_html(args->file, args->output, args->options);
    if (!globals.quiet) std::cout << "Report written to " << args->output << "\n";
    return 0;
  };
});

}  // namespace
}  // namespace firmnet::cli

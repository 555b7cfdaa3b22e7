// firmnet report: the self-contained HTML report of a network file and its stored results.
#include <iostream>
#include <memory>

#include "cli/command.hpp"
#include "report/report_html.hpp"

namespace firmnet::cli {
namespace {

struct ReportArgs {
  std::string file, output = "report.html";
  report::ReportSources sources;
};

const CommandRegistration registration(90, [](CLI::App& app, const GlobalOptions& globals) -> RunFunction {
  auto args = std::make_shared<ReportArgs>();
  CLI::App* sub = app.add_subcommand("report", "Write a self-contained HTML report (inline SVG charts, no network needed)");
  sub->add_option("file", args->file, "Network file (.h5) with stored results")->required();
  sub->add_option("-o,--output", args->output, "HTML file to write")->capture_default_str();
  sub->add_option("--parks", args->sources.parks, "Stored park-test result to present")->capture_default_str();
  sub->add_option("--communities", args->sources.communities, "Stored community result to present")->capture_default_str();
  sub->add_option("--anchors", args->sources.anchors, "Stored anchor result to present")->capture_default_str();
  sub->add_option("--concentration", args->sources.concentration, "Stored concentration result to present")
      ->capture_default_str();
  return [args, &globals]() {
    report::write_report_html(args->file, args->output, args->sources);
    if (!globals.quiet) std::cout << "Report written to " << args->output << "\n";
    return 0;
  };
});

}  // namespace
}  // namespace firmnet::cli

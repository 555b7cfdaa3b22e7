// firmnet report: the self-contained HTML report of a network file and its stored results.
#include <iostream>
#include <memory>

#include "cli/command.hpp"
#include "graph/errors.hpp"
#include "io/output_guard.hpp"
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
  sub->add_option("--clusters", args->options.sources.clusters, "Stored clusters result to present (default: the latest)");
  sub->add_option("--evolution", args->options.sources.evolution, "Stored evolution result to present (default: the latest)");
  sub->add_option("--risk", args->options.sources.risk, "Stored risk (ESRI) result to present (default: the latest)");
  sub->add_option("--exposure", args->options.sources.exposure,
                  "Stored park exposure result (firmnet exposure) to present (default: the latest)");
  sub->add_option("--title", args->options.title, "The report's title (default: firmnet report and the file name)");
  sub->add_option("--lang", args->options.lang, "Language of the report's own labels: en or zh")
      ->check(CLI::IsMember({"en", "zh"}))
      ->capture_default_str();
  sub->add_option("--max-points", args->options.max_points,
                  "Firm points drawn on the map at most (an even sample; the page says how many)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  auto& o = args->options;
  sub->add_option("--park-polygons", o.park_polygons.path,
                  "GeoJSON FeatureCollection of park outlines, drawn instead of the members' hulls for the parks it names");
  sub->add_option("--park-polygon-key", o.park_polygons.key,
                  "Property of --park-polygons features holding the park name (default: park, else name)");
  sub->add_option("--boundaries", o.boundaries.path,
                  "GeoJSON FeatureCollection of polygons (counties, towns) drawn as outlines under the map");
  sub->add_option("--boundary-key", o.boundaries.key,
                  "Property of --boundaries features holding their name (default: name, NAME or 名称 when present)");
  sub->add_option("--boundary-positions", o.max_boundary_positions,
                  "Positions of the boundary layer kept at most (every k-th of each ring above it)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  sub->add_option("--tiles", o.tiles,
                  "Map tiles under the map from your tile server: a URL with {z}, {x} and {y} (default: none; the page "
                  "then makes no network request)");
  sub->add_option("--view-firms", o.view_members,
                  "Firm-level view of a park or community: its members with most links shown at most")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  sub->add_option("--view-partners", o.view_partners, "... and their outside partners with most links shown at most")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  return [args, &globals]() {
    const auto& options = args->options;
    if (!options.park_polygons.key.empty() && options.park_polygons.path.empty())
      throw UsageError("--park-polygon-key needs --park-polygons FILE");
    if (!options.boundaries.key.empty() && options.boundaries.path.empty())
      throw UsageError("--boundary-key needs --boundaries FILE");
    if (!options.tiles.empty())
      for (const char* field : {"{z}", "{x}", "{y}"})
        if (options.tiles.find(field) == std::string::npos)
          throw UsageError("--tiles needs a URL template with {z}, {x} and {y}; '" + options.tiles + "' has no " + field);
    refuse_output_among_inputs(args->output, {args->file, options.park_polygons.path, options.boundaries.path});
    report::write_report_html(args->file, args->output, options);
    if (!globals.quiet) std::cout << "Report written to " << args->output << "\n";
    return 0;
  };
});

}  // namespace
}  // namespace firmnet::cli

// firmnet exposure: each park's output at risk from the failure of its own anchor firms and
// from a lockdown of each region outside it, by the ESRI cascade (Diem et al., Sci. Rep.
// 12:7719, 2022); stores /results/<name>/ and prints one row per park. docs/risk.md.
#include <iostream>
#include <memory>

#include "algorithms/risk/park_exposure.hpp"
#include "algorithms/risk/park_exposure_verifier.hpp"
#include "cli/cascade_options.hpp"
#include "cli/command.hpp"
#include "cli/presenters.hpp"
#include "graph/errors.hpp"
#include "io/network_store.hpp"
#include "io/results.hpp"
#include "report/render.hpp"
#include "report/views.hpp"
#include "results/risk_result.hpp"

namespace firmnet::cli {
namespace {

struct ExposureArgs {
  std::string file, anchors, name = "exposure";
  CascadeArgs cascade;
  std::size_t anchors_per_park = 3;
  std::size_t shown = 20;
};

const CommandRegistration registration(59, [](CLI::App& app, const GlobalOptions& globals) -> RunFunction {
  auto args = std::make_shared<ExposureArgs>();
  CLI::App* sub = app.add_subcommand("exposure", "Each park's output at risk from its anchors and from outside lockdowns");
  sub->footer(
      "Per park: the share of its output lost when its anchor firms fail (the park's members\n"
      "with the highest anchor score from --anchors, else its largest sellers), and when all\n"
      "firms of one region outside the park stop, the worst such region. The loss spreads by\n"
      "the ESRI cascade (firmnet risk). Without --essential both extremes run. docs/risk.md.");
  sub->add_option("file", args->file, "Network file (.h5)")->required();
  sub->add_option("--anchors", args->anchors, "Stored anchors result whose anchor_score picks each park's anchors");
  sub->add_option("--anchors-per-park", args->anchors_per_park, "Anchors that fail in each park's scenario")
      ->capture_default_str();
  add_cascade_options(sub, args->cascade);
  sub->add_option("--show", args->shown, "Parks printed")->capture_default_str();
  sub->add_option("--name", args->name, "Result name under /results")->capture_default_str();
  return [args, &globals]() {
    const EdgeFilter filter = args->cascade.filter();
    risk::ExposureRequest request;
    apply_cascade_options(args->cascade, request);
    request.anchors_per_park = args->anchors_per_park;
    globals.progress().report("loading", 0.0);
    const Graph graph = load_network(args->file);
    globals.progress().report("loading", 1.0);
    if (graph.nodes.park.dictionary.empty())
      throw DataError(args->file + ": the network has no park column: there is no park to expose");
    if (!args->anchors.empty()) {
      request.anchor_score = read_number_column(args->file, args->anchors, "anchor_score",
                                                "anchor score, as `firmnet anchors` stores");
      request.anchor_source = "result " + args->anchors;
    }
    const GraphView view(graph, filter);
    const risk::ExposureOutcome outcome = risk::run_park_exposure(view, request, globals.progress());
    if (globals.verify) require_verified("exposure", risk::verify_park_exposure(view, request, outcome));
    Result result = risk::exposure_result(args->name, graph, outcome, request, filter, globals.effective_threads());
    result.seed = globals.seed;
    write_result(args->file, result);
    if (globals.json) return print_json_result(result, args->file), 0;

    std::cout << "Park exposure, " << filter.describe() << ", channels " << args->cascade.channels << "; "
              << format_count(outcome.parks.size()) << " parks, " << format_count(outcome.cascades)
              << " cascades; stored as /results/" << result.name << "\n"
              << "Anchors: " << args->anchors_per_park << " per park, "
              << (args->anchors.empty() ? "the largest sellers (no --anchors result)" : "by anchor score of result " + args->anchors)
              << "\n";
    if (!outcome.has_table)
      std::cout << "No essentiality table: losses under every input essential, with the no-input-essential\n"
                   "extreme in the (linear) columns\n";
    std::cout << "Shares of each park's output\n";
    report::render_text(std::cout, *result.find_table(risk::stored::parks),
                        report::exposure_view(!outcome.has_table, args->shown));
    return 0;
  };
});

}  // namespace
}  // namespace firmnet::cli

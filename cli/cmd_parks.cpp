// firmnet parks: is each park (region, co-location group) a linked cluster or mere co-location?
#include <iostream>
#include <memory>

#include "algorithms/spatial/park_verdicts.hpp"
#include "cli/command.hpp"
#include "cli/park_test_options.hpp"
#include "cli/presenters.hpp"
#include "cli/study_area_options.hpp"
#include "cli/verifiers.hpp"
#include "io/network_store.hpp"
#include "io/results.hpp"
#include "pipeline/main_job.hpp"
#include "results/park_result.hpp"

namespace firmnet::cli {
namespace {

struct ParksArgs {
  std::string file, communities, name = pipeline::result_names::parks, null = "auto", layers, years;
  int runs = pipeline::MainJobRequest{}.stability_runs;
  spatial::ParkRequest request = pipeline::default_park_request();
  StudyAreaArgs study_area;
};

const CommandRegistration registration(60, [](CLI::App& app, const GlobalOptions& globals) -> RunFunction {
  auto args = std::make_shared<ParksArgs>();
  auto& request = args->request;
  CLI::App* sub = app.add_subcommand("parks", "Test each park, region or co-location group: linked cluster or mere co-location?");
  sub->footer(
      "Verdicts: linked cluster, co-location only, part of a wider cluster, externally oriented,\n"
      "too small to tell. Internal links (and their vertical and horizontal parts) are compared\n"
      "with a null model of rewired edges, by default the distance null when most firms have\n"
      "coordinates; z, p and Benjamini-Hochberg q are reported per unit. Without --communities, the communities are\n"
      "those of `firmnet analyze` (Leiden, best of --runs seeds). The rule: docs/METHODS.md.");
  sub->add_option("file", args->file, "Network file (.h5)")->required();
  add_park_test_options(sub, request, args->null);
  add_study_area_options(sub, args->study_area);
  sub->add_option("--communities", args->communities,
                  "Stored result with a membership column (default: run the main job's community step)");
  sub->add_option("--runs", args->runs, "Leiden seeds of the community step when --communities is not given")
      ->check(CLI::PositiveNumber)->capture_default_str();
  sub->add_option("--layers", args->layers, "Relation types to use (default: all)");
  sub->add_option("--years", args->years, "Years to use: 2019, 2015-2020, 2018- (default: all)");
  sub->add_option("--name", args->name, "Result name under /results")->capture_default_str();
  return [args, &globals]() {
    spatial::ParkRequest& request = args->request;
    const EdgeFilter filter = EdgeFilter::parse(args->layers, args->years);
    spatial::apply_null_choice(request, args->null);
    request.study_area = study_area_from(args->study_area);
    request.null.seed = globals.seed;
    const Graph graph = load_network(args->file);
    const GraphView view(graph, filter);
    std::vector<std::int64_t> membership;
    if (!args->communities.empty()) {
      membership = read_membership(args->file, args->communities);
      request.communities = "result " + args->communities;
    } else {
      const community::CommunityRequest step = pipeline::community_step(globals.seed, args->runs);
      membership = community::run_communities(view, step, globals.progress()).membership;
      request.communities = pipeline::community_step_text(step);
    }
    const spatial::ParkOutcome outcome = spatial::run_parks(view, request, &membership, globals.progress());
    if (globals.verify) require_verified("park evidence", verify_parks(view, outcome));
    const Result result = spatial::park_result(args->name, graph, outcome, request, filter, globals.effective_threads());
    write_result(args->file, result);
    if (globals.json) return print_json_result(result, args->file, {spatial::stored::null_samples}), 0;
    std::cout << "Park-versus-cluster test: " << outcome.reports.size() << " " << outcome.units.kind
              << " units, null model '" << scalar_text(result.parameter(spatial::stored::null)) << "' ("
              << outcome.null_choice << ") with " << request.null.replicates << " replicates, communities: " << request.communities << "\n";
    std::cout << "Study area: " << outcome.study_area << " (" << format_count(outcome.nodes_outside_study_area)
              << " nodes outside; links to them are external)\n\n";
    print_park_verdicts(result);
    std::cout << "\n" << format_count(outcome.nodes_without_unit) << " nodes (" << format_count(outcome.firms_without_unit)
              << " firms) belong to no unit.";
    if (std::isfinite(outcome.nmi))
      std::cout << " Units vs communities: NMI " << format_number(outcome.nmi, 3) << ", ARI " << format_number(outcome.ari, 3) << ".";
    std::cout << "\nStored as /results/" << args->name << " (docs/METHODS.md explains the rule).\n";
    return 0;
  };
});

}  // namespace
}  // namespace firmnet::cli

// firmnet parks: is each park (region, co-location group) a linked cluster or mere co-location?
#include <iostream>
#include <memory>

#include "algorithms/spatial/park_verdicts.hpp"
#include "cli/command.hpp"
#include "cli/presenters.hpp"
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
  spatial::ParkRequest request;
};

const CommandRegistration registration(60, [](CLI::App& app, const GlobalOptions& globals) -> RunFunction {
  auto args = std::make_shared<ParksArgs>();
  auto& request = args->request;
  request.null.replicates = pipeline::MainJobRequest{}.null_models;
  CLI::App* sub = app.add_subcommand("parks", "Test each park, region or co-location group: linked cluster or mere co-location?");
  sub->footer(
      "Verdicts: linked cluster, co-location only, part of a wider cluster, externally oriented,\n"
      "too small to tell. Internal links (and their vertical and horizontal parts) are compared\n"
      "with a null model of rewired edges, by default the distance null when most firms have\n"
      "coordinates; z, p and Benjamini-Hochberg q are reported per unit. Without --communities, the communities are\n"
      "those of `firmnet analyze` (Leiden, best of --runs seeds). The rule: docs/METHODS.md.");
  sub->add_option("file", args->file, "Network file (.h5)")->required();
  sub->add_option("--unit", request.unit, "Spatial unit: park, region, or radius (DBSCAN on coordinates)")
      ->check(CLI::IsMember({"park", "region", "radius"}))->capture_default_str();
  sub->add_option("--radius-km", request.radius_km, "Radius for --unit radius (km)")->check(CLI::PositiveNumber)->capture_default_str();
  sub->add_option("--null", args->null,
                  "Null model: auto (distance when >= --min-located-share of firms have coordinates, else degree), "
                  "degree, distance (keeps each link's length band), region (region pairs) or industry")
      ->check(CLI::IsMember({"auto", "degree", "distance", "region", "industry"}))->capture_default_str();
  sub->add_option("--min-located-share", request.min_located_share,
                  "Share of firms with coordinates from which --null auto picks the distance null")
      ->check(CLI::Range(0.0, 1.0))->capture_default_str();
  sub->add_option("--chains", request.null.chains, "Null-model Markov chains (fixed, so results do not depend on threads)")
      ->check(CLI::PositiveNumber)->capture_default_str();
  sub->add_option("--distance-bands", request.null.distance_bands,
                  "Length bands of the distance null (0: min(10, ceil(log2(located links + 1))))")
      ->check(CLI::NonNegativeNumber)->capture_default_str();
  sub->add_option("--null-models", request.null.replicates, "Null replicates R (p = (r+1)/(R+1))")
      ->check(CLI::PositiveNumber)->capture_default_str();
  sub->add_option("--burn-in", request.null.burn_in_swaps, "Swap attempts per link of the shared burn-in")
      ->check(CLI::NonNegativeNumber)->capture_default_str();
  sub->add_option("--null-spacing", request.null.spacing_swaps,
                  "Swap attempts per link between replicates (0: 1 up to 10M links, then 10M / links, at least 0.25)")
      ->check(CLI::NonNegativeNumber)->capture_default_str();
  sub->add_option("--communities", args->communities,
                  "Stored result with a membership column (default: run the main job's community step)");
  sub->add_option("--runs", args->runs, "Leiden seeds of the community step when --communities is not given")
      ->check(CLI::PositiveNumber)->capture_default_str();
  sub->add_option("--layers", args->layers, "Relation types to use (default: all)");
  sub->add_option("--years", args->years, "Years to use: 2019, 2015-2020, 2018- (default: all)");
  sub->add_option("--alpha", request.rules.alpha, "q-value threshold for a linked cluster")->check(CLI::Range(0.0, 1.0))->capture_default_str();
  sub->add_option("--min-firms", request.rules.min_firms, "Fewer firms: too small to tell (also DBSCAN's minimum)")->capture_default_str();
  sub->add_option("--min-links", request.rules.min_links, "Fewer links touching members: too small to tell")->capture_default_str();
  sub->add_option("--min-ratio", request.rules.min_ratio, "Observed/expected internal links needed for a linked cluster")->capture_default_str();
  sub->add_option("--external-share", request.rules.external_share, "Share of links leaving the region for 'externally oriented'")
      ->capture_default_str();
  sub->add_option("--vertical-share", request.rules.vertical_share,
                  "Vertical share of internal links needed for a linked cluster")->check(CLI::Range(0.0, 1.0))->capture_default_str();
  sub->add_option("--concentration", request.rules.concentration,
                  "Share of internal links inside one community needed for a linked cluster")->capture_default_str();
  sub->add_option("--wider-share", request.rules.wider_dominant_share,
                  "Members in one community needed for 'part of a wider cluster'")->capture_default_str();
  sub->add_option("--wider-reach", request.rules.wider_reach_share,
                  "Share of another unit's members that community must hold for 'part of a wider cluster'")
      ->capture_default_str();
  sub->add_option("--wider-chain-share", request.rules.wider_chain_share,
                  "Value-chain share of member links into that community beyond the unit, for 'part of a wider cluster'")
      ->capture_default_str();
  sub->add_option("--name", args->name, "Result name under /results")->capture_default_str();
  return [args, &globals]() {
    spatial::ParkRequest& request = args->request;
    const EdgeFilter filter = EdgeFilter::parse(args->layers, args->years);
    request.automatic_null = args->null == "auto";
    if (!request.automatic_null) request.null.kind = spatial::parse_null_kind(args->null);
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
              << outcome.null_choice << ") with " << request.null.replicates << " replicates, communities: " << request.communities << "\n\n";
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

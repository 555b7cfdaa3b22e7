// firmnet clusters: find the linked clusters of a region wherever they lie (no park needed),
// test, outline and classify them (docs/clusters.md), store /results/<name>/ and print the
// cluster table.
#include <iostream>
#include <memory>

#include "algorithms/clusters/cluster_identification.hpp"
#include "algorithms/clusters/cluster_identification_verifier.hpp"
#include "cli/category_table.hpp"
#include "cli/command.hpp"
#include "cli/presenters.hpp"
#include "cli/study_area_options.hpp"
#include "graph/errors.hpp"
#include "io/network_store.hpp"
#include "io/results.hpp"
#include "report/render.hpp"
#include "report/views.hpp"
#include "results/cluster_result.hpp"

namespace firmnet::cli {
namespace {

struct ClusterArgs {
  std::string file, layers = "supply,subcontract,cooperation,technology,service,membership", years, null = "degree", objective = "modularity",
                    name = "clusters", categories, systemic;
  StudyAreaArgs study_area;
  clusters::ClusterRequest request;
};

const CommandRegistration registration(62, [](CLI::App& app, const GlobalOptions& globals) -> RunFunction {
  auto args = std::make_shared<ClusterArgs>();
  clusters::ClusterRequest& r = args->request;
  clusters::TypologyRules& t = r.typology;
  CLI::App* sub = app.add_subcommand("clusters", "Find linked clusters wherever they lie and classify them (Markusen types)");
  sub->footer(
      "Candidates: communities of the layers (Leiden, spatial-null objective). Kept when (a) localised\n"
      "(Duranton-Overman K-density above a Monte Carlo band of random firm sites), (b) linked above the\n"
      "park test's null model and (c) linked mainly vertically; each test with a Benjamini-Hochberg q.\n"
      "Types: marshallian, hub_and_spoke, satellite, state_anchored (the rule: docs/clusters.md).");
  sub->add_option("file", args->file, "Network file (.h5)")->required();
  sub->add_option("--layers", args->layers, "Relation types of the value chain")->capture_default_str();
  sub->add_option("--years", args->years, "Years to use: 2019, 2015-2020, 2018- (default: all)");
  sub->add_option("--null", args->null, "Null model of test (b): degree, distance, region, industry or auto")->capture_default_str();
  sub->add_option("--objective", args->objective, "Community objective of the candidates: modularity or spatial")->capture_default_str();
  sub->add_option("--core-quotient", r.core_quotient, "Core industries of a community: LQ at least this (0 = keep every member)")->capture_default_str();
  sub->add_option("--min-link-density", r.min_link_density, "Internal links per member needed for test (b)")->capture_default_str();
  sub->add_option("--replicates", r.null.replicates, "Null-model replicates")->check(CLI::PositiveNumber)->capture_default_str();
  sub->add_option("--simulations", r.localisation.simulations, "Random site draws of the localisation test")->capture_default_str();
  sub->add_option("--max-sites", r.localisation.max_firms, "Larger candidates are represented by this many random located firms")->capture_default_str();
  sub->add_option("--max-km", r.max_km, "End of the K-density grid (0 = median distance between firms)")->capture_default_str();
  sub->add_option("--min-firms", r.min_firms, "Candidates need at least this many firms")->capture_default_str();
  sub->add_option("--resolution", r.communities.resolution, "Resolution of the community objective")->capture_default_str();
  sub->add_option("--runs", r.communities.runs, "Leiden seeds; the best run is kept")->check(CLI::PositiveNumber)->capture_default_str();
  sub->add_option("--alpha", r.alpha, "q-value threshold of the three tests")->capture_default_str();
  sub->add_option("--min-ratio", r.min_ratio, "Internal links / null mean needed")->capture_default_str();
  sub->add_option("--vertical-share", r.vertical_share, "Vertical share of staged internal links needed")->capture_default_str();
  sub->add_option("--border-share", r.border_share, "A region holding this share of members is a crossed border")->capture_default_str();
  sub->add_option("--top-anchors", r.top_anchors, "Anchors listed per cluster")->capture_default_str();
  sub->add_option("--marshallian-top-share", t.marshallian_top_share, "Marshallian: top firm's share of internal link ends at most")->capture_default_str();
  sub->add_option("--small-firm-employees", t.small_firm_employees, "Marshallian: median employees at most")->capture_default_str();
  sub->add_option("--mixed-share", t.mixed_share, "Marshallian: min(vertical, horizontal share) at least")->capture_default_str();
  sub->add_option("--institution-reach", t.institution_reach, "Marshallian: firms linked to a member institution at least")->capture_default_str();
  sub->add_option("--hub-anchors", t.hub_anchors, "Hub-and-spoke: anchors counted")->capture_default_str();
  sub->add_option("--hub-share", t.hub_share, "Hub-and-spoke: anchors' share of internal link ends at least")->capture_default_str();
  sub->add_option("--hub-size-ratio", t.hub_size_ratio, "Hub-and-spoke: anchor / median employees at least")->capture_default_str();
  sub->add_option("--dependent-share", t.dependent_share, "Hub-and-spoke: firms dominated by an anchor at least")->capture_default_str();
  sub->add_option("--outside-owned-share", t.outside_owned_share, "Satellite: firms owned from outside at least")->capture_default_str();
  sub->add_option("--external-share", t.external_share, "Satellite: link ends leaving the study area at least")->capture_default_str();
  sub->add_option("--public-share", t.public_share, "State-anchored: internal link ends at public members at least")->capture_default_str();
  sub->add_option("--close-margin", t.close_margin, "A runner-up within this relative margin of the best type is reported")->capture_default_str();
  sub->add_option("--growth-window", r.growth_window, "Years of the growth indicators (firms alive and links dated)")
      ->check(CLI::PositiveNumber)->capture_default_str();
  sub->add_option("--categories", args->categories,
                  "CSV of industry code and benchmark cluster category to compare the clusters with (default: none)");
  sub->add_option("--systemic", args->systemic,
                  "Stored risk result (firmnet risk) whose ESRI gives each cluster the systemic risk its firms hold");
  sub->add_option("--name", args->name, "Result name under /results")->capture_default_str();
  add_study_area_options(sub, args->study_area);
  return [args, &globals]() {
    clusters::ClusterRequest& request = args->request;
    const EdgeFilter filter = EdgeFilter::parse(args->layers, args->years);
    request.automatic_null = args->null == "auto";
    if (!request.automatic_null) request.null.kind = spatial::parse_null_kind(args->null);
    const auto objective = community::parse_objective(args->objective);
    if (!objective || *objective == community::Objective::cpm)
      throw UsageError("clusters: --objective must be modularity or spatial, not '" + args->objective + "'");
    request.communities.objective = *objective;
    request.study_area = study_area_from(args->study_area);
    request.communities.seed = request.null.seed = request.localisation.seed = globals.seed;
    if (!args->categories.empty()) request.categories = read_category_table(args->categories);
    if (!args->systemic.empty()) request.systemic_risk = read_systemic_risk(args->file, args->systemic);
    const Graph graph = load_network(args->file);
    const GraphView view(graph, filter);
    const clusters::ClusterOutcome outcome = clusters::run_clusters(view, request, globals.progress());
    if (globals.verify) require_verified("clusters", clusters::verify_clusters(view, request, outcome));
    const Result result = clusters::cluster_result(args->name, graph, outcome, request, filter, globals.effective_threads());
    write_result(args->file, result);
    if (globals.json) return print_json_result(result, args->file), 0;
    std::cout << "Clusters of " << filter.describe() << ": " << outcome.candidates.size() << " candidate communities of "
              << outcome.community_count << ", " << outcome.clusters.size() << " kept; null '"
              << spatial::null_kind_name(outcome.null_options.kind) << "' (" << outcome.null_choice << ")\n";
    std::cout << "Study area: " << outcome.study_area << "\n";
    if (!request.categories.rows.empty())
      std::cout << "Benchmark categories (" << request.categories.source << "): NMI " << outcome.categories.nmi << " over "
                << outcome.categories.firms_compared << " firms of the clusters\n";
    std::cout << "\n";
    report::render_text(std::cout, *result.find_table(clusters::stored::clusters), report::clusters_view());
    std::cout << "\n";
    report::render_text(std::cout, *result.find_table(clusters::stored::clusters), report::cluster_types_view());
    std::cout << "\nGrowth over the " << request.growth_window << " years to " << outcome.last_year
              << (request.categories.rows.empty() ? "" : ", and benchmark categories") << "\n";
    report::render_text(std::cout, *result.find_table(clusters::stored::clusters), report::cluster_growth_view());
    std::cout << "\nCandidates\n";
    report::render_text(std::cout, *result.find_table(clusters::stored::candidates), report::cluster_candidates_view(20));
    std::cout << "\nStored as /results/" << args->name << " (docs/clusters.md defines every figure).\n";
    return 0;
  };
});

}  // namespace
}  // namespace firmnet::cli

// firmnet parks: is each park (region, co-location group) a linked cluster or mere co-location?
#include <iostream>
#include <memory>

#include "algorithms/community/leiden.hpp"
#include "algorithms/spatial/park_result.hpp"
#include "cli/command.hpp"
#include "cli/output.hpp"
#include "io/json_writer.hpp"
#include "io/network_store.hpp"
#include "io/results.hpp"

namespace firmnet::cli {
namespace {

struct ParksArgs {
  std::string file, communities, name = "parks";
  spatial::ParkTestRequest request;
};

std::string share(double x) { return std::isfinite(x) ? format_number(x, 3) : "-"; }

void print_json(const spatial::ParkTestReport& rep, const Graph& g, const std::string& community_source) {
  JsonWriter json(std::cout);
  json.begin_object();
  json.key("unit_kind").value(rep.units.kind).key("communities").value(community_source);
  json.key("nodes_without_unit").value(rep.nodes_without_unit).key("firms_without_unit").value(rep.firms_without_unit);
  json.key("nmi_units_communities").value(rep.nmi).key("ari_units_communities").value(rep.ari);
  json.key("units").begin_array();
  for (const auto& r : rep.reports) {
    json.begin_object().key("name").value(r.name).key("verdict").value(r.verdict).key("reason").value(r.reason);
    json.key("members").value(r.members).key("firms").value(r.firms).key("internal_links").value(r.internal_links);
    json.key("expected_analytic").value(r.expected_analytic).key("null_mean").value(r.null_mean);
    json.key("null_sd").value(r.null_sd).key("z").value(r.z).key("ratio").value(r.ratio);
    json.key("p").value(r.p).key("q").value(r.q);
    json.key("share_internal").value(r.share_internal).key("share_region").value(r.share_region);
    json.key("share_external").value(r.share_external).key("vertical_share").value(r.vertical_share);
    json.key("vertical_links").value(r.vertical_links).key("horizontal_links").value(r.horizontal_links);
    json.key("institution_links_unit").value(r.institution_links_unit);
    json.key("institution_links_region").value(r.institution_links_region);
    json.key("hub").value(r.hub >= 0 ? std::string(g.nodes.id[r.hub]) : "");
    json.key("dominant_community").value(r.dominant_community).key("dominant_share").value(r.dominant_share);
    json.key("top3_share").value(r.top3_share).key("dominant_units_reached").value(r.dominant_units_reached);
    json.key("community_outside_share").value(r.community_outside_share).key("community_link_share").value(r.community_link_share);
    json.end_object();
  }
  json.end_array().end_object();
}

void print_text(const spatial::ParkTestReport& rep, const Graph& g, const ParksArgs& args,
                const std::string& community_source) {
  const auto& request = args.request;
  std::cout << "Park-versus-cluster test: " << rep.reports.size() << " " << rep.units.kind << " units, null model '"
            << request.null << "' with " << request.replicates << " replicates, communities: " << community_source << "\n\n";
  TextTable table({"unit", "verdict", "firms", "internal", "expected", "z", "q", "vertical", "external", "hub",
                   "community (share)"});
  for (const auto& r : rep.reports) {
    const std::string hub = r.hub >= 0 ? std::string(g.nodes.name[r.hub].empty() ? g.nodes.id[r.hub] : g.nodes.name[r.hub]) : "-";
    table.add_row({r.name, r.verdict, format_count(r.firms), format_count(r.internal_links), share(r.null_mean),
                   share(r.z), share(r.q), share(r.vertical_share), share(r.share_external), hub,
                   r.dominant_community >= 0 ? std::to_string(r.dominant_community) + " (" + share(r.dominant_share) + ")"
                                             : "-"});
  }
  table.print(std::cout);
  std::cout << "\nWhy:\n";
  for (const auto& r : rep.reports) std::cout << "  " << r.name << ": " << r.verdict << ": " << r.reason << "\n";
  std::cout << "\n" << format_count(rep.nodes_without_unit) << " nodes (" << format_count(rep.firms_without_unit)
            << " firms) belong to no unit.";
  if (std::isfinite(rep.nmi)) std::cout << " Units vs communities: NMI " << share(rep.nmi) << ", ARI " << share(rep.ari) << ".";
  std::cout << "\nStored as /results/" << args.name << " (docs/METHODS.md explains the rule).\n";
}

const CommandRegistration registration(60, [](CLI::App& app, const GlobalOptions& globals) -> RunFunction {
  auto args = std::make_shared<ParksArgs>();
  CLI::App* sub = app.add_subcommand("parks", "Test each park, region or co-location group: linked cluster or mere co-location?");
  sub->footer(
      "Verdicts: linked cluster, co-location only, part of a wider cluster, externally oriented,\n"
      "too small to tell. Internal links are compared with a null model of rewired edges; z, p\n"
      "and Benjamini-Hochberg q are reported per unit. The rule and thresholds: docs/METHODS.md.");
  sub->add_option("file", args->file, "Network file (.h5)")->required();
  sub->add_option("--unit", args->request.unit, "Spatial unit: park, region, or radius (DBSCAN on coordinates)")
      ->check(CLI::IsMember({"park", "region", "radius"}));
  sub->add_option("--radius-km", args->request.radius_km, "Radius for --unit radius (km)")->check(CLI::PositiveNumber);
  sub->add_option("--null", args->request.null, "Null model: degree, distance (region-pair preserving) or industry")
      ->check(CLI::IsMember({"degree", "distance", "region", "industry"}));
  sub->add_option("--null-models", args->request.replicates, "Null replicates R (p = (r+1)/(R+1))")->check(CLI::PositiveNumber);
  sub->add_option("--communities", args->communities,
                  "Stored result with a membership column (default: run Leiden on the selected layers)");
  sub->add_option("--layers", args->request.layers, "Relation types to use (default: all)");
  sub->add_option("--years", args->request.years, "Years to use: 2019, 2015-2020, 2018- (default: all)");
  sub->add_option("--alpha", args->request.rules.alpha, "q-value threshold for a linked cluster")->check(CLI::Range(0.0, 1.0));
  sub->add_option("--min-firms", args->request.rules.min_firms, "Fewer firms: too small to tell (also DBSCAN's minimum)");
  sub->add_option("--min-links", args->request.rules.min_links, "Fewer links touching members: too small to tell");
  sub->add_option("--min-ratio", args->request.rules.min_ratio, "Observed/expected internal links needed for a linked cluster");
  sub->add_option("--external-share", args->request.rules.external_share, "Share of links leaving the region for 'externally oriented'");
  sub->add_option("--concentration", args->request.rules.concentration,
                  "Members in their 3 largest communities needed for a linked cluster");
  sub->add_option("--wider-share", args->request.rules.wider_dominant_share, "Members in one community needed for 'part of a wider cluster'");
  sub->add_option("--wider-reach", args->request.rules.wider_reach_share,
                  "Share of another unit's members that community must hold for 'part of a wider cluster'");
  sub->add_option("--name", args->name, "Result name under /results");
  return [args, &globals]() {
    const EdgeFilter filter = EdgeFilter::parse(args->request.layers, args->request.years);
    const Graph graph = load_network(args->file);
    args->request.seed = globals.seed;
    spatial::SpatialUnits units = spatial::units_for(graph, args->request);
    std::vector<std::int64_t> membership;
    std::string community_source;
    if (!args->communities.empty()) {
      membership = read_membership(args->file, args->communities);
      community_source = "result " + args->communities;
    } else {
      community::LeidenOptions leiden;
      leiden.seed = globals.seed;
      membership = community::leiden(undirected_projection(GraphView(graph, filter)), leiden, globals.progress()).membership;
      community_source = "leiden (modularity, resolution 1, seed " + std::to_string(globals.seed) + ")";
    }
    const spatial::ParkTestOptions options = spatial::options_for(args->request, &membership);
    const auto report = spatial::run_park_test(graph, std::move(units), options, globals.progress());
    args->request.communities = community_source;
    write_result(args->file, spatial::park_test_result(args->name, graph, report, args->request,
                                                       globals.effective_threads()));
    if (globals.json) print_json(report, graph, community_source);
    else print_text(report, graph, *args, community_source);
    return 0;
  };
});

}  // namespace
}  // namespace firmnet::cli

// firmnet anchors: rank anchor firms per community, park or region with an explainable score,
// store every component as /results/<name>/ and print the top-k lists with one-line reasons.
#include <iostream>
#include <memory>

#include "algorithms/anchors/anchor_report.hpp"
#include "algorithms/anchors/anchor_score.hpp"
#include "cli/command.hpp"
#include "cli/output.hpp"
#include "io/json_writer.hpp"
#include "io/network_store.hpp"
#include "io/results.hpp"

namespace firmnet::cli {
namespace {

struct AnchorArgs {
  std::string file, communities, by, layers, years, name = "anchors";
  std::vector<std::string> outside_regions = {"outside"};
  std::size_t top = 5;
  bool weighted = false;
  double weight_hub = 0.4, weight_local = 0.35, weight_dependency = 0.25;
};

void json_picks(JsonWriter& json, const char* key, const Graph& graph, const AnchorAnalysis& a, Locality locality,
                const std::vector<AnchorPick>& picks) {
  json.key(key).begin_array();
  for (const auto& p : picks) {
    json.begin_object().key("rank").value(p.rank).key("id").value(graph.nodes.id[p.node]);
    json.key("name").value(graph.nodes.name[p.node]).key("group").value(group_label(graph, locality, a.groups[p.node]));
    json.key("score").value(a.score[p.node]).key("hub").value(a.hub[p.node]).key("local").value(a.local[p.node]);
    json.key("dependency").value(a.dependency_component[p.node]).key("z").value(a.roles.z[p.node]);
    json.key("participation").value(a.roles.participation[p.node]);
    json.key("reason").value(a.reason[p.node]).end_object();
  }
  json.end_array();
}

void print_picks(const Graph& graph, const AnchorAnalysis& a, Locality locality, const std::vector<AnchorPick>& picks,
                 bool show_group) {
  std::vector<std::string> header{"rank", "id", "name", "score", "hub", "local", "depend", "reason"};
  if (show_group) header.insert(header.begin(), std::string(locality_name(locality)));
  TextTable table(header);
  for (const auto& p : picks) {
    std::vector<std::string> row{std::to_string(p.rank), std::string(graph.nodes.id[p.node]),
                                 std::string(graph.nodes.name[p.node]), format_number(a.score[p.node], 3),
                                 format_number(a.hub[p.node], 2), format_number(a.local[p.node], 2),
                                 format_number(a.dependency_component[p.node], 2), a.reason[p.node]};
    if (show_group) row.insert(row.begin(), group_label(graph, locality, a.groups[p.node]));
    table.add_row(std::move(row));
  }
  table.print(std::cout);
}

const CommandRegistration registration(55, [](CLI::App& app, const GlobalOptions& globals) -> RunFunction {
  auto args = std::make_shared<AnchorArgs>();
  CLI::App* sub = app.add_subcommand("anchors", "Rank anchor firms per community, park or region, with reasons");
  sub->footer(
      "score = w_hub * clamp(z / 2.5, 0, 1) + w_local * log(1+L)/log(1+L_max)\n"
      "      + w_dependency * log(1+D)/log(1+D_max)\n"
      "z: Guimera-Amaral within-module degree z-score (module = community, else the --by group);\n"
      "L: suppliers in the same group (subcontractors count as suppliers of their principal);\n"
      "D: firms that lose every supply path if the firm fails (supply dominator tree).\n"
      "Also stored: participation coefficient and role R1-R7, local supplier and customer counts\n"
      "and shares by community/park/region, articulation points and bridges of the supply,\n"
      "subcontract and cooperation layers. See docs/centrality.md.");
  sub->add_option("file", args->file, "Network file (.h5)")->required();
  sub->add_option("--communities", args->communities, "Stored result holding a membership column");
  sub->add_option("--by", args->by, "Group for 'local' and the per-group lists (default: community if given, else park)")
      ->check(CLI::IsMember({"community", "park", "region"}));
  sub->add_option("--top", args->top, "Anchors listed per group and overall")->capture_default_str();
  sub->add_option("--layers", args->layers, "Relation types for the roles (default: all)");
  sub->add_option("--years", args->years, "Years to include: 2019, 2015-2020, 2018- or -2020 (default: all)");
  sub->add_option("--name", args->name, "Result name under /results")->capture_default_str();
  sub->add_flag("--weighted", args->weighted, "z and P from link weights instead of link counts");
  sub->add_option("--outside-regions", args->outside_regions,
                  "Regions outside the study area, comma-separated: their firms are scored, never ranked "
                  "('' for none)")
      ->delimiter(',')
      ->capture_default_str();
  sub->add_option("--weight-hub", args->weight_hub, "Score weight of the hub component")->capture_default_str();
  sub->add_option("--weight-local", args->weight_local, "Score weight of the local-supply component")->capture_default_str();
  sub->add_option("--weight-dependency", args->weight_dependency, "Score weight of the dependency component")
      ->capture_default_str();
  return [args, &globals]() {
    const EdgeFilter filter = EdgeFilter::parse(args->layers, args->years);
    AnchorOptions options;
    options.group_by = parse_locality(args->by.empty() ? (args->communities.empty() ? "park" : "community") : args->by);
    options.top = args->top;
    options.weighted = args->weighted;
    options.weight_hub = args->weight_hub;
    options.weight_local = args->weight_local;
    options.weight_dependency = args->weight_dependency;
    options.outside_regions = args->outside_regions;
    globals.progress().report("loading", 0.0);
    const Graph graph = load_network(args->file);
    globals.progress().report("loading", 1.0);
    const std::vector<std::int64_t> membership =
        args->communities.empty() ? std::vector<std::int64_t>{}
                                  : read_membership(args->file, args->communities);
    const AnchorAnalysis analysis = analyse_anchors(graph, filter, membership, options);
    Result result = anchor_result(graph, filter, analysis, options, args->communities);
    result.name = args->name;
    result.seed = globals.seed;
    result.threads = globals.effective_threads();
    write_result(args->file, result);

    if (globals.json) {
      JsonWriter json(std::cout);
      json.begin_object().key("file").value(args->file).key("result").value(result.name);
      json.key("group_by").value(locality_name(options.group_by)).key("communities").value(args->communities);
      json.key("articulation_points").value(std::get<std::int64_t>(result.scalar("articulation_points")));
      json.key("bridges").value(std::get<std::int64_t>(result.scalar("bridges")));
      json_picks(json, "top_overall", graph, analysis, options.group_by, analysis.top_overall);
      json_picks(json, "top_by_group", graph, analysis, options.group_by, analysis.top_by_group);
      json.end_object();
      std::cout << "\n";
      return 0;
    }
    std::cout << "Anchor firms by " << locality_name(options.group_by)
              << (args->communities.empty() ? "" : " (communities from /results/" + args->communities + ")") << ", "
              << filter.describe() << "; stored as /results/" << result.name << "\n";
    std::cout << format_count(std::get<std::int64_t>(result.scalar("articulation_points"))) << " articulation points, "
              << format_count(std::get<std::int64_t>(result.scalar("bridges")))
              << " bridges in the supply, subcontract and cooperation layers\n";
    std::cout << "\nTop " << options.top << " overall\n";
    print_picks(graph, analysis, options.group_by, analysis.top_overall, true);
    std::cout << "\nTop " << options.top << " per " << locality_name(options.group_by) << "\n";
    print_picks(graph, analysis, options.group_by, analysis.top_by_group, true);
    return 0;
  };
});

}  // namespace
}  // namespace firmnet::cli

// firmnet anchors: rank anchor firms per community, park or region with an explainable score,
// store every component as /results/<name>/ and print the top-k lists with one-line reasons.
#include <iostream>
#include <memory>

#include "algorithms/anchors/anchor_score.hpp"
#include "cli/command.hpp"
#include "cli/presenters.hpp"
#include "cli/study_area_options.hpp"
#include "cli/verifiers.hpp"
#include "io/network_store.hpp"
#include "io/results.hpp"
#include "pipeline/main_job.hpp"
#include "report/render.hpp"
#include "results/anchor_result.hpp"

namespace firmnet::cli {
namespace {

struct AnchorArgs {
  std::string file, communities, by, layers, years, name = pipeline::result_names::anchors;
  StudyAreaArgs study_area;
  std::size_t top = 5;
  bool weighted = false;
  double weight_hub = 0.4, weight_local = 0.35, weight_dependency = 0.25, weight_systemic = 0.2;
  std::string systemic;
};

// The pick table as a person reads it, with the group column first when asked.
report::TableView picks_view(const char* table, const std::string& group_title, bool show_group) {
  namespace s = anchors::stored;
  report::TableView view{table,
                         {{s::rank, "rank"},
                          {s::id, "id"},
                          {s::name, "name"},
                          {s::score, "score", report::CellFormat::share},
                          {s::hub, "hub", report::CellFormat::share},
                          {s::local, "local", report::CellFormat::share},
                          {s::dependency, "depend", report::CellFormat::share},
                          {s::reason, "reason"}}};
  if (show_group) view.columns.insert(view.columns.begin(), {s::group, group_title});
  return view;
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
  add_study_area_options(sub, args->study_area);
  sub->add_option("--weight-hub", args->weight_hub, "Score weight of the hub component")->capture_default_str();
  sub->add_option("--weight-local", args->weight_local, "Score weight of the local-supply component")->capture_default_str();
  sub->add_option("--weight-dependency", args->weight_dependency, "Score weight of the dependency component")
      ->capture_default_str();
  sub->add_option("--systemic", args->systemic,
                  "Stored risk result (firmnet risk) whose ESRI adds a systemic component to the score (default: none)");
  sub->add_option("--weight-systemic", args->weight_systemic, "Score weight of the systemic component (with --systemic)")
      ->capture_default_str();
  return [args, &globals]() {
    const EdgeFilter filter = EdgeFilter::parse(args->layers, args->years);
    anchors::AnchorRequest request;
    request.group_by =
        anchors::parse_locality(args->by.empty() ? (args->communities.empty() ? "park" : "community") : args->by);
    request.top = args->top;
    request.weighted = args->weighted;
    request.weight_hub = args->weight_hub;
    request.weight_local = args->weight_local;
    request.weight_dependency = args->weight_dependency;
    request.weight_systemic = args->weight_systemic;
    request.study_area = study_area_from(args->study_area);
    globals.progress().report("loading", 0.0);
    const Graph graph = load_network(args->file);
    globals.progress().report("loading", 1.0);
    const std::vector<std::int64_t> membership =
        args->communities.empty() ? std::vector<std::int64_t>{} : read_membership(args->file, args->communities);
    if (!args->communities.empty()) request.communities = "result " + args->communities;
    if (!args->systemic.empty()) {
      request.systemic_risk = read_systemic_risk(args->file, args->systemic);
      request.systemic_source = "result " + args->systemic;
    }
    const GraphView view(graph, filter);
    const anchors::AnchorOutcome outcome = anchors::run_anchors(view, request, membership, globals.progress());
    if (globals.verify) require_verified("anchors", verify_anchors(view, request, membership, outcome));
    Result result = anchors::anchor_result(args->name, graph, outcome, request, filter, globals.effective_threads());
    result.seed = globals.seed;
    write_result(args->file, result);
    if (globals.json) return print_json_result(result, args->file, {"bridges"}), 0;

    const std::string group(anchors::locality_name(request.group_by));
    std::cout << "Anchor firms by " << group
              << (args->communities.empty() ? "" : " (communities from /results/" + args->communities + ")") << ", "
              << filter.describe() << "; stored as /results/" << result.name << "\n";
    std::cout << "Study area: " << outcome.study_area << " (firms outside it are scored, never ranked)\n";
    std::cout << format_count(std::get<std::int64_t>(result.scalar("articulation_points"))) << " articulation points, "
              << format_count(std::get<std::int64_t>(result.scalar("bridges")))
              << " bridges in the supply, subcontract and cooperation layers\n";
    std::cout << "\nTop " << request.top << " overall\n";
    report::render_text(std::cout, *result.find_table(anchors::stored::top_overall),
                        picks_view(anchors::stored::top_overall, group, true));
    std::cout << "\nTop " << request.top << " per " << group << "\n";
    report::render_text(std::cout, *result.find_table(anchors::stored::top_by_group),
                        picks_view(anchors::stored::top_by_group, group, true));
    return 0;
  };
});

}  // namespace
}  // namespace firmnet::cli

// firmnet analyze: the main job in one command (import, summary, communities, centrality,
// anchors, park verdicts, concentration), every result stored in the network file.
#include <algorithm>
#include <iostream>
#include <memory>

#include "algorithms/main_job.hpp"
#include "cli/command.hpp"
#include "cli/output.hpp"
#include "io/csv_import.hpp"
#include "io/json_writer.hpp"
#include "io/network_store.hpp"
#include "io/report_html.hpp"

namespace firmnet::cli {
namespace {

struct AnalyzeArgs {
  std::string nodes, edges, output, report;
  bool lenient = false, implicit_nodes = false;
  MainJobOptions job;
};

std::string share(double x) { return std::isfinite(x) ? format_number(x, 3) : "-"; }
std::string label(const Graph& g, std::int64_t node) {
  if (node < 0) return "-";
  return std::string(g.nodes.name[node].empty() ? g.nodes.id[node] : g.nodes.name[node]);
}

std::size_t named(const std::vector<GroupSize>& groups) {
  return static_cast<std::size_t>(std::count_if(groups.begin(), groups.end(), [](const auto& g) { return !g.name.empty(); }));
}

void print_text(const Graph& g, const MainJobOutcome& out, const AnalyzeArgs& args) {
  const NetworkSummary& s = out.summary;
  std::cout << "\n== The network at a glance\n";
  std::cout << "  " << format_count(s.nodes) << " nodes (" << format_count(s.nodes_by_kind[0]) << " firms, "
            << format_count(s.nodes - s.nodes_by_kind[0]) << " institutions), " << format_count(s.edges)
            << " links; " << format_count(s.weak_components) << " weak components (largest "
            << format_count(s.largest_weak) << "); " << named(s.parks) << " parks, " << named(s.regions)
            << " regions\n";
  std::string layers;
  for (std::size_t t = 0; t < kRelationTypeCount; ++t)
    if (s.edges_by_type[t])
      layers += (layers.empty() ? "" : ", ") + std::string(relation_type_names()[t]) + " " + format_count(s.edges_by_type[t]);
  std::cout << "  links by type: " << layers << "\n";

  if (out.parks_run) {
    std::cout << "\n== Park verdicts (null model: degree-preserving, " << args.job.null_models << " replicates)\n";
    TextTable parks({"park", "verdict", "firms", "internal", "expected", "z", "q", "vertical", "external", "hub"});
    for (const auto& r : out.parks.reports)
      parks.add_row({r.name, r.verdict, format_count(r.firms), format_count(r.internal_links), share(r.null_mean),
                     share(r.z), share(r.q), share(r.vertical_share), share(r.share_external), label(g, r.hub)});
    parks.print(std::cout);
    for (const auto& r : out.parks.reports) std::cout << "  " << r.name << ": " << r.reason << "\n";
  }

  std::cout << "\n== Top anchor firms\n";
  TextTable anchors({"rank", "firm", "park", "community", "score", "why"});
  for (const auto& pick : out.anchors.top_overall) {
    const NodeId u = pick.node;
    anchors.add_row({std::to_string(pick.rank), label(g, u), std::string(g.nodes.park.value(u)),
                     std::to_string(out.communities.membership[u]), format_number(out.anchors.score[u], 3),
                     out.anchors.reason[u]});
  }
  anchors.print(std::cout);

  std::cout << "\n== Communities (Leiden, modularity " << format_number(out.communities.modularity, 4)
            << ", stability NMI " << format_number(out.communities.stability.mean_pairwise_nmi, 3) << " over "
            << args.job.stability_runs << " seeds)\n";
  TextTable comms({"community", "nodes", "firms", "industry (share)", "stage (share)", "park (share)", "parks",
                   "anchor", "consensus"});
  std::size_t shown = 0;
  for (const auto& p : out.profiles) {
    if (shown++ == 12) break;
    comms.add_row({std::to_string(p.community), format_count(p.nodes), format_count(p.firms),
                   p.top_industry.empty() ? "-" : p.top_industry + " (" + share(p.top_industry_share) + ")",
                   p.top_stage.empty() ? "-" : p.top_stage + " (" + share(p.top_stage_share) + ")",
                   p.top_park.empty() ? "-" : p.top_park + " (" + share(p.top_park_share) + ")",
                   std::to_string(p.parks_spanned), label(g, p.anchor), share(p.consensus)});
  }
  comms.print(std::cout);
  if (out.profiles.size() > 12) std::cout << "  ... " << out.profiles.size() - 12 << " smaller communities\n";

  std::cout << "\nStored in " << args.output << ": /results/{";
  for (std::size_t i = 0; i < out.results.size(); ++i) std::cout << (i ? "," : "") << out.results[i].name;
  std::cout << "}. Next: firmnet report " << args.output << " -o report.html; notebooks/ read the same file.\n";
}

void print_json(const Graph& g, const MainJobOutcome& out, const AnalyzeArgs& args) {
  JsonWriter json(std::cout);
  json.begin_object().key("file").value(args.output);
  json.key("nodes").value(out.summary.nodes).key("edges").value(out.summary.edges);
  json.key("modularity").value(out.communities.modularity).key("communities").value(out.communities.community_count);
  json.key("stability_nmi").value(out.communities.stability.mean_pairwise_nmi);
  json.key("parks").begin_array();
  for (const auto& r : out.parks.reports) {
    json.begin_object().key("name").value(r.name).key("verdict").value(r.verdict).key("reason").value(r.reason);
    json.key("firms").value(r.firms).key("internal_links").value(r.internal_links).key("null_mean").value(r.null_mean);
    json.key("z").value(r.z).key("q").value(r.q).key("vertical_share").value(r.vertical_share);
    json.key("share_external").value(r.share_external).end_object();
  }
  json.end_array().key("top_anchors").begin_array();
  for (const auto& pick : out.anchors.top_overall)
    json.begin_object().key("rank").value(pick.rank).key("id").value(std::string(g.nodes.id[pick.node]))
        .key("score").value(out.anchors.score[pick.node]).key("reason").value(out.anchors.reason[pick.node]).end_object();
  json.end_array().key("results").begin_array();
  for (const auto& r : out.results) json.value(r.name);
  json.end_array().key("report").value(args.report).end_object();
}

const CommandRegistration registration(5, [](CLI::App& app, const GlobalOptions& globals) -> RunFunction {
  auto args = std::make_shared<AnalyzeArgs>();
  CLI::App* sub = app.add_subcommand(
      "analyze", "The main job: import, then communities, centrality, anchors, park verdicts and concentration");
  sub->footer("Every step stores its result under /results/ in the output file (docs/FORMAT.md, docs/METHODS.md).");
  sub->add_option("--nodes", args->nodes, "Node CSV")->check(CLI::ExistingFile);
  sub->add_option("--edges", args->edges, "Edge CSV")->required()->check(CLI::ExistingFile);
  sub->add_option("-o,--output", args->output, "Network file to write (.h5)")->required();
  sub->add_option("--report", args->report, "Also write the HTML report to this path");
  sub->add_flag("--lenient", args->lenient, "Skip bad rows instead of failing (see firmnet import --help)");
  sub->add_flag("--implicit-nodes", args->implicit_nodes, "Create firms for unknown edge endpoints");
  sub->add_option("--layers", args->job.layers, "Relation types to analyse (default: all)");
  sub->add_option("--years", args->job.years, "Years to analyse (default: all)");
  sub->add_option("--runs", args->job.stability_runs, "Leiden seeds for the stability check")->check(CLI::PositiveNumber);
  sub->add_option("--null-models", args->job.null_models, "Park test null replicates")->check(CLI::PositiveNumber);
  sub->add_option("--unit", args->job.unit, "Park test units: park, region or radius")
      ->check(CLI::IsMember({"park", "region", "radius"}));
  sub->add_option("--top", args->job.top_anchors, "Anchors listed overall and per community");
  return [args, &globals]() {
    const Progress progress = globals.progress();
    ImportOptions import;
    import.lenient = args->lenient;
    import.implicit_nodes = args->implicit_nodes;
    import.progress = progress;
    ImportResult imported = import_csv(args->nodes, args->edges, import);
    save_network(args->output, imported.graph, imported.log);
    if (!globals.quiet && !globals.json)
      std::cerr << "imported " << format_count(imported.graph.node_count()) << " nodes and "
                << format_count(imported.graph.edge_count()) << " edges into " << args->output << "\n";
    args->job.seed = globals.seed;
    args->job.threads = globals.effective_threads();
    args->job.progress = progress;
    const MainJobOutcome out = run_main_job(imported.graph, args->job);
    write_results(args->output, out.results);
    if (!args->report.empty()) write_report_html(args->output, args->report);
    if (globals.json) print_json(imported.graph, out, *args);
    else print_text(imported.graph, out, *args);
    if (!args->report.empty() && !globals.json) std::cout << "Report: " << args->report << "\n";
    return 0;
  };
});

}  // namespace
}  // namespace firmnet::cli

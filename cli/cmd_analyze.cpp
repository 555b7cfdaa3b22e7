// firmnet analyze: the main job in one command (import, summary, communities, centrality,
// anchors, park verdicts, concentration), every result stored in the network file.
#include <algorithm>
#include <iostream>
#include <memory>

#include "cli/command.hpp"
#include "cli/csv_input_options.hpp"
#include "cli/network_output.hpp"
#include "cli/park_test_options.hpp"
#include "cli/presenters.hpp"
#include "cli/study_area_options.hpp"
#include "cli/verifiers.hpp"
#include "io/csv_import.hpp"
#include "io/json_writer.hpp"
#include "io/network_store.hpp"
#include "io/results.hpp"
#include "pipeline/main_job.hpp"
#include "results/cluster_result.hpp"
#include "results/park_result.hpp"
#include "report/report_html.hpp"
#include "report/views.hpp"

namespace firmnet::cli {
namespace {

struct AnalyzeArgs {
  std::string nodes, edges, output, report, null = "auto", community_method = "leiden";
  bool lenient = false, implicit_nodes = false, allow_empty = false;
  CsvInputArgs csv;
  StudyAreaArgs study_area;
  OutputFlags output_flags;
  pipeline::MainJobRequest job;
};

std::string label(const Graph& g, std::int64_t node) {
  if (node < 0) return "-";
  return std::string(g.nodes.name[node].empty() ? g.nodes.id[node] : g.nodes.name[node]);
}

std::string with_share(const std::string& value, double share) {
  return value.empty() ? "-" : value + " (" + format_number(share, 3) + ")";
}

std::size_t named(const std::vector<structure::GroupSize>& groups) {
  return static_cast<std::size_t>(std::count_if(groups.begin(), groups.end(), [](const auto& g) { return !g.name.empty(); }));
}

const Result* find_result(const pipeline::MainJobOutcome& out, const char* name) {
  for (const auto& r : out.results)
    if (r.name == name) return &r;
  return nullptr;
}

void print_skipped(const std::vector<pipeline::SkippedSection>& skipped) {
  if (skipped.empty()) return;
  std::cout << "\n== Left out or weakened (--strict-sections makes these errors)\n";
  for (const auto& s : skipped) std::cout << "  " << s.section << ": " << s.reason << "\n";
}

void print_text(const Graph& g, const pipeline::MainJobOutcome& out, const AnalyzeArgs& args) {
  const structure::NetworkSummary& s = out.summary;
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
  print_capabilities(out.capabilities);
  std::cout << "  study area: " << out.anchors.study_area
            << " (firms outside it are never ranked as anchors; links to them are external in the park test)\n";
  print_skipped(out.skipped);

  if (const Result* parks = find_result(out, pipeline::result_names::parks)) {
    std::cout << "\n== Park verdicts (null model: " << scalar_text(parks->parameter(spatial::stored::null)) << ", "
              << scalar_text(parks->parameter(spatial::stored::null_choice)) << "; "
              << args.job.parks.null.replicates << " replicates)\n";
    print_park_verdicts(*parks);
  }

  if (const Result* risk = find_result(out, pipeline::result_names::risk)) {
    std::cout << "\n== Systemic risk (ESRI, docs/risk.md): the share of the network's output lost when a firm fails; "
              << "no essentiality table, so ESRI is the range from no input essential to every input essential\n";
    report::render_text(std::cout, *risk->find_table(risk::stored::riskiest), report::riskiest_view(true, 10));
  }

  if (const Result* exposure = find_result(out, pipeline::result_names::exposure)) {
    std::cout << "\n== Parks' output at risk: lost when their anchors fail, and in the worst lockdown of an "
                 "outside region (every input essential; (linear): none)\n";
    report::render_text(std::cout, *exposure->find_table(risk::stored::parks), report::exposure_view(true, 10));
  }

  if (const Result* anchors = find_result(out, pipeline::result_names::anchors)) {
    std::cout << "\n== Top anchor firms\n";
    report::render_text(std::cout, *anchors->find_table(anchors::stored::top_overall),
                        report::anchor_picks_view(anchors::stored::top_overall, "community", args.job.top_anchors));
  }

  if (const Result* communities = find_result(out, pipeline::result_names::communities))
    std::cout << "\n== Communities: " << scalar_text(communities->parameter("step")) << "; quality "
              << format_number(out.communities.quality, 4) << ", modularity " << format_number(out.communities.modularity, 4)
              << ", stability NMI " << format_number(out.communities.stability.mean_pairwise_nmi, 3) << "\n";
  TextTable comms({"community", "nodes", "firms", "industry (share)", "stage (share)", "park (share)", "parks",
                   "anchor", "consensus"});
  const std::size_t shown = std::min<std::size_t>(out.profiles.size(), 12);
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& p = out.profiles[i];
    comms.add_row({std::to_string(p.community), format_count(p.nodes), format_count(p.firms),
                   with_share(p.top_industry, p.top_industry_share), with_share(p.top_stage, p.top_stage_share),
                   with_share(p.top_park, p.top_park_share), std::to_string(p.parks_spanned), label(g, p.anchor),
                   format_number(p.consensus, 3)});
  }
  comms.print(std::cout);
  if (out.profiles.size() > shown) std::cout << "  ... " << out.profiles.size() - shown << " smaller communities\n";

  if (const Result* clusters = find_result(out, pipeline::result_names::clusters)) {
    std::cout << "\n== Clusters where no park is drawn: " << out.clusters.clusters.size() << " of "
              << out.clusters.candidates.size() << " candidate communities (firmnet clusters, docs/clusters.md)\n";
    report::render_text(std::cout, *clusters->find_table(clusters::stored::clusters), report::clusters_view());
  } else if (out.summary.nodes >= args.job.clusters_below) {
    std::cout << "\n== Clusters: not run on " << format_count(out.summary.nodes) << " nodes (--clusters-below "
              << format_count(args.job.clusters_below) << "); run firmnet clusters on the file\n";
  }

  if (out.evolution_run) {
    const auto& snapshots = out.evolution.plan.snapshots;
    std::cout << "\n== Over the years: " << snapshots.size() << " snapshots " << snapshots.front().year << "-"
              << snapshots.back().year << ", life-cycle stage per " << out.evolution.units.kind
              << (out.evolution_full ? "" : " (large network: no per-year null replicates or dynamic communities; "
                                            "firmnet evolution runs them)")
              << "\n";
    TextTable stages({"unit", "stage trajectory"});
    const auto lines = evolution::stage_trajectories(out.evolution);
    for (std::size_t i = 0; i < std::min<std::size_t>(lines.size(), 12); ++i) stages.add_row({lines[i].first, lines[i].second});
    stages.print(std::cout);
    if (lines.size() > 12) std::cout << "  ... " << lines.size() - 12 << " more units (firmnet report shows them all)\n";
  }

  std::cout << "\nStored in " << args.output << ": /results/{";
  for (std::size_t i = 0; i < out.results.size(); ++i) std::cout << (i ? "," : "") << out.results[i].name;
  std::cout << "}. Next: firmnet report " << args.output << " -o report.html; notebooks/ read the same file.\n";
}

void print_json(const pipeline::MainJobOutcome& out, const AnalyzeArgs& args) {
  JsonWriter json(std::cout);
  json.begin_object().key("file").value(args.output).key("report").value(args.report);
  json.key("nodes").value(out.summary.nodes).key("edges").value(out.summary.edges);
  json.key("supports");
  write_capabilities_json(json, out.capabilities);
  json.key("skipped").begin_array();
  for (const auto& s : out.skipped) json.begin_object().key("section").value(s.section).key("reason").value(s.reason).end_object();
  json.end_array();
  json.key("results").begin_object();
  for (const auto& result : out.results) {
    json.key(result.name).begin_object();
    report::render_json_members(json, result, {spatial::stored::null_samples, "bridges", "top_by_group"});
    json.end_object();
  }
  json.end_object().end_object();
}

const CommandRegistration registration(5, [](CLI::App& app, const GlobalOptions& globals) -> RunFunction {
  auto args = std::make_shared<AnalyzeArgs>();
  CLI::App* sub = app.add_subcommand(
      "analyze", "The main job: import, then communities, centrality, anchors, park verdicts and concentration");
  sub->footer("Every step stores its result under /results/ in the output file (docs/FORMAT.md, docs/METHODS.md).");
  sub->add_option("--nodes", args->nodes, "Node CSV");
  sub->add_option("--edges", args->edges, "Edge CSV")->required();
  sub->add_option("-o,--output", args->output, "Network file to write (.h5)")->required();
  sub->add_option("--report", args->report, "Also write the HTML report to this path");
  sub->add_flag("--lenient", args->lenient, "Skip bad rows instead of failing (see firmnet import --help)");
  sub->add_flag("--allow-empty", args->allow_empty,
                "With --lenient, accept an import that keeps no node or rejects more than half of the rows");
  sub->add_flag("--implicit-nodes", args->implicit_nodes, "Create firms for unknown edge endpoints");
  add_csv_input_options(sub, args->csv);
  sub->add_option("--layers", args->job.layers, "Relation types to analyse (default: all)");
  sub->add_option("--years", args->job.years, "Years to analyse (default: all)");
  sub->add_option("--runs", args->job.stability_runs, "Leiden seeds for the stability check")->check(CLI::PositiveNumber)->capture_default_str();
  sub->add_option("--method", args->community_method, "Community method of the community step: leiden|louvain")
      ->check(CLI::IsMember({"leiden", "louvain"}))
      ->capture_default_str();
  sub->add_option("--resolution", args->job.resolution, "Modularity resolution gamma of the community step (1 = standard)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  sub->add_option("--exact-betweenness-below", args->job.exact_betweenness_below,
                  "Nodes below which betweenness is exact; above, KADABRA within --epsilon w.p. 1 - --delta")
      ->capture_default_str();
  sub->add_option("--clusters-below", args->job.clusters_below,
                  "Nodes below which the job also finds clusters where no park is drawn (0 = never)")
      ->capture_default_str();
  sub->add_flag("--no-evolution", [args](std::int64_t) { args->job.evolution = false; },
                "Leave out the evolution over the years (run when the links span at least three years)");
  sub->add_option("--full-evolution-below", args->job.full_evolution_below,
                  "Nodes below which the evolution step also runs per-year null replicates and dynamic communities")
      ->capture_default_str();
  sub->add_option("--risk-below", args->job.risk_below,
                  "Firms below which the job computes systemic risk (ESRI) and weighs it in the anchor score (0 = never)")
      ->capture_default_str();
  sub->add_option("--risk-top", args->job.risk_top, "Firms whose ESRI the job computes exactly (top-k screening)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  sub->add_option("--epsilon", args->job.betweenness_epsilon, "KADABRA: largest error of normalised betweenness")
      ->check(CLI::Range(1e-6, 1.0))->capture_default_str();
  sub->add_option("--delta", args->job.betweenness_delta, "KADABRA: probability that some score misses --epsilon")
      ->check(CLI::Range(1e-9, 1.0))->capture_default_str();
  // The park test takes every option of `firmnet parks`, under the same names.
  add_park_test_options(sub, args->job.parks, args->null);
  add_study_area_options(sub, args->study_area);
  sub->add_option("--top", args->job.top_anchors, "Anchors listed overall and per community")->capture_default_str();
  sub->add_flag("--strict-sections", args->job.strict_sections,
                "Fail (exit 1, before any work) when the data cannot support a section, instead of noting it");
  add_output_flags(sub, args->output_flags);
  return [args, &globals]() {
    refuse_output_among_inputs(args->output, {args->nodes, args->edges});
    args->job.community_method = *community::parse_method(args->community_method);
    const Progress progress = globals.progress();
    pipeline::PhaseClock clock;
    ImportOptions import;
    import.lenient = args->lenient;
    import.implicit_nodes = args->implicit_nodes;
    import.allow_empty = args->allow_empty;
    import.progress = progress;
    apply_csv_input_options(args->csv, import);
    ImportResult imported = import_csv(args->nodes, args->edges, import);
    clock.lap("import");
    const pipeline::PhaseTime import_phase = clock.phases().back();
    if (!globals.quiet)
      for (const auto& warning : imported.log.warnings) std::cerr << "firmnet: warning: " << warning << "\n";
    if (!globals.quiet && !globals.json)
      std::cerr << "imported " << format_count(imported.graph.node_count()) << " nodes and "
                << format_count(imported.graph.edge_count()) << " edges\n";
    spatial::apply_null_choice(args->job.parks, args->null);
    args->job.study_area = study_area_from(args->study_area);
    args->job.seed = globals.seed;
    args->job.threads = globals.effective_threads();
    pipeline::MainJobOutcome out = pipeline::run_main_job(imported.graph, args->job, progress);
    clock = pipeline::PhaseClock();
    if (globals.verify) {
      require_verified("main job", verify_main_job(imported.graph, args->job, out));
      clock.lap("verify");
    }
    // The network is written once the job has succeeded, so a failed run leaves an existing file as it was.
    std::vector<std::string> recomputed = {pipeline::result_names::phases};
    for (const Result& result : out.results) recomputed.push_back(result.name);
    const OutputPlan plan = save_network_guarded(args->output, {args->nodes, args->edges}, imported.graph, imported.log,
                                                 args->output_flags, recomputed);
    if (!globals.quiet && plan.exists) std::cerr << describe_output_plan(args->output, plan) << "\n";
    write_results(args->output, out.results);
    clock.lap("store");
    if (!args->report.empty()) {
      report::write_report_html(args->output, args->report);
      clock.lap("report");
    }
    // import, the job's own phases, then verify/store/report.
    std::vector<pipeline::PhaseTime> phases = {import_phase};
    phases.insert(phases.end(), out.phases.begin(), out.phases.end());
    phases.insert(phases.end(), clock.phases().begin(), clock.phases().end());
    out.results.push_back(pipeline::phase_times_result(phases, globals.seed, args->job.threads));
    write_result(args->output, out.results.back());
    if (globals.json) print_json(out, *args);
    else print_text(imported.graph, out, *args);
    if (!globals.json) {
      std::cout << "\n== Time per phase (stored as /results/" << pipeline::result_names::phases << ")\n";
      report::render_text(std::cout, *out.results.back().find_table("phases"), report::phases_view());
    }
    if (!args->report.empty() && !globals.json) std::cout << "Report: " << args->report << "\n";
    return 0;
  };
});

}  // namespace
}  // namespace firmnet::cli

// firmnet communities: community detection on the selected layers and years, stored as
// /results/NAME (membership, consensus share, per-community table, quality, parameters), or
// a resolution scan with --scan.
#include <iostream>
#include <memory>
#include <sstream>

#include "algorithms/community/community_detection.hpp"
#include "algorithms/community/resolution_scan.hpp"
#include "cli/command.hpp"
#include "cli/presenters.hpp"
#include "cli/verifiers.hpp"
#include "graph/errors.hpp"
#include "io/json_writer.hpp"
#include "io/network_store.hpp"
#include "io/results.hpp"
#include "report/views.hpp"
#include "results/community_result.hpp"

namespace firmnet::cli {
namespace {

using namespace firmnet::community;

struct CommunitiesArgs {
  std::string file, method = "leiden", objective = "modularity", layers, years, name, scan, binning = "log",
      refine_order = "visiting";
  double resolution = 1.0, pass_stop_fraction = 0.0;
  int runs = 1, iterations = 0, trials = 10, steps = 4, distance_bins = 0;
  std::size_t max_sites = DeterrenceOptions{}.max_sites;
  std::size_t top = 10;
  bool log_scan = false;
};

struct ScanRange {
  double from = 0, to = 0;
  int steps = 0;
};

ScanRange parse_scan(const std::string& text) {
  ScanRange range;
  std::istringstream in(text);
  char c1 = 0, c2 = 0;
  if (!(in >> range.from >> c1 >> range.to >> c2 >> range.steps) || c1 != ':' || c2 != ':' || !in.eof())
    throw UsageError("--scan takes FROM:TO:STEPS, e.g. 0.1:10:20; got '" + text + "'");
  return range;
}

CommunityRequest request_from(const CommunitiesArgs& args, const GlobalOptions& globals) {
  CommunityRequest request;
  const auto method = parse_method(args.method);
  if (!method) throw UsageError("unknown --method '" + args.method + "' (use " + method_names() + ")");
  const auto objective = parse_objective(args.objective);
  if (!objective) throw UsageError("unknown --objective '" + args.objective + "' (use modularity|cpm|spatial)");
  const auto binning = parse_binning(args.binning);
  if (!binning) throw UsageError("unknown --binning '" + args.binning + "' (use log|equal-count)");
  const auto refine_order = parse_refine_order(args.refine_order);
  if (!refine_order) throw UsageError("unknown --refine-order '" + args.refine_order + "' (use visiting|lightest-first)");
  request.method = *method;
  request.refine_order = *refine_order;
  request.objective = *objective;
  request.resolution = args.resolution;
  request.iterations = args.iterations;
  request.pass_stop_fraction = args.pass_stop_fraction;
  request.runs = args.runs;
  request.seed = globals.seed;
  request.infomap_trials = args.trials;
  request.walktrap_steps = args.steps;
  request.deterrence.binning = *binning;
  request.deterrence.bins = args.distance_bins;
  request.deterrence.max_sites = args.max_sites;
  return request;
}

int run_scan(const CommunitiesArgs& args, const GlobalOptions& globals, const Graph& graph, const EdgeFilter& filter,
             const CommunityRequest& request, const std::string& name) {
  if (request.method != Method::leiden && request.method != Method::louvain)
    throw UsageError("--scan works with --method leiden or louvain");
  if (request.objective == Objective::spatial_modularity)
    throw UsageError("--scan works with --objective modularity or cpm");
  const ScanRange range = parse_scan(args.scan);
  std::vector<double> grid;
  try {
    grid = resolution_grid(range.from, range.to, range.steps, args.log_scan);
  } catch (const UsageError& e) {
    throw UsageError(std::string("--scan: ") + e.what());
  }
  const LeidenOptions options = leiden_options(request, request.seed);  // resolution set per grid point
  const WeightedCsr symmetric = undirected_projection(GraphView(graph, filter));
  const std::vector<ScanPoint> points = resolution_scan(symmetric, options, grid, globals.progress());
  const Result result =
      resolution_scan_result(name, points, request, filter, args.scan, args.log_scan, globals.effective_threads());
  write_result(args.file, result);
  if (globals.json) return print_json_result(result, args.file), 0;
  std::cout << "Resolution scan, " << method_name(request.method) << " (" << objective_name(request.objective)
            << "), " << filter.describe() << "\n";
  report::render_text(std::cout, *result.find_table(stored::scan),
                      {stored::scan,
                       {{"resolution", "resolution"},
                        {"communities", "communities", report::CellFormat::count},
                        {"quality", "quality", report::CellFormat::precise},
                        {stored::modularity, "modularity (gamma=1)", report::CellFormat::precise}}});
  std::cout << "stored as /results/" << name << " (table scan)\n";
  return 0;
}

void print_text(const Result& result, const CommunityRequest& request, std::size_t top) {
  std::cout << "Communities: " << method_name(request.method);
  if (uses_objective(request.method))
    std::cout << " (" << objective_name(request.objective) << ", resolution " << report::format_number(request.resolution, 6)
              << ")";
  std::cout << ", " << scalar_text(result.parameter("edges")) << "\n";
  print_scalars(result, {{"communities", "communities"},
                         {"quality", "quality"},
                         {stored::modularity, "modularity"},
                         {"directed_modularity", "directed modularity"},
                         {"coverage", "coverage"},
                         {"codelength", "code length (bits)"},
                         {"deterrence_sites", "sites of the deterrence fit"},
                         {"deterrence_cell_km", "site grid (km, 0 = exact)"},
                         {stored::mean_pairwise_nmi, "mean pairwise NMI"},
                         {"seconds", "seconds"}});
  if (request.runs > 1)
    std::cout << "  best of " << request.runs << " runs (seeds " << request.seed << ".." << request.seed + request.runs - 1
              << "), best seed " << scalar_text(result.parameter("best_run_seed")) << "\n";
  std::cout << "\nLargest communities\n";
  report::render_text(std::cout, *result.find_table(stored::communities), report::communities_view(top));
  const bool spatial = result.find_table(stored::deterrence) != nullptr;
  if (spatial) {
    std::cout << "\nFitted deterrence function f(d)\n";
    report::render_text(std::cout, *result.find_table(stored::deterrence), report::deterrence_view());
  }
  std::cout << "stored as /results/" << result.name << " (membership, consensus_share, table communities"
            << (spatial ? ", table deterrence" : "") << ")\n";
}

const CommandRegistration registration(40, [](CLI::App& app, const GlobalOptions& globals) -> RunFunction {
  auto args = std::make_shared<CommunitiesArgs>();
  CLI::App* sub = app.add_subcommand(
      "communities", "Detect communities (Leiden, Louvain, infomap, ...) and store them as a result");
  sub->add_option("file", args->file, "Network file (.h5)")->required();
  sub->add_option("--method", args->method, "Method: " + method_names())->capture_default_str();
  sub->add_option("--objective", args->objective,
                  "Objective: modularity|cpm (leiden/louvain/igraph-leiden), spatial (leiden/louvain)")
      ->capture_default_str();
  sub->add_option("--distance-bins", args->distance_bins,
                  "Spatial: distance bins of the deterrence fit (0: Sturges' rule on the links)")
      ->capture_default_str();
  sub->add_option("--binning", args->binning, "Spatial: log|equal-count distance bins")->capture_default_str();
  sub->add_option("--max-sites", args->max_sites,
                  "Spatial: at most this many distinct locations use exact distances, more a grid")
      ->capture_default_str();
  sub->add_option("--resolution", args->resolution, "Resolution gamma (modularity: 1 = standard)")
      ->capture_default_str();
  sub->add_option("--layers", args->layers, "Relation types to include, e.g. supply,cooperation (default: all)");
  sub->add_option("--years", args->years, "Years to include: 2019, 2015-2020, 2018- or -2020 (default: all)");
  sub->add_option("--runs", args->runs, "Runs with seeds seed..seed+R-1; the best is kept, R > 1 adds stability")
      ->capture_default_str();
  sub->add_option("--iterations", args->iterations,
                  "Leiden/Louvain iterations (0: until the quality stops improving)")
      ->capture_default_str();
  sub->add_option("--pass-stop-fraction", args->pass_stop_fraction,
                  "Leiden/Louvain: end a level's local moving after a pass moving fewer than this share of its "
                  "nodes (0: until none moves; 0.2 with --iterations 1 and --refine-order lightest-first: the fast "
                  "setting for national-scale networks)")
      ->capture_default_str();
  sub->add_option("--refine-order", args->refine_order,
                  "Leiden: refinement visits each community's vertices in the seeded visiting order, or "
                  "lightest-first (node weight): higher modularity in one-iteration runs on heavy-tailed networks")
      ->capture_default_str();
  sub->add_option("--trials", args->trials, "Infomap trials")->capture_default_str();
  sub->add_option("--steps", args->steps, "Walktrap random-walk length")->capture_default_str();
  sub->add_option("--name", args->name, "Result name under /results (default: the method name)");
  sub->add_option("--scan", args->scan, "Resolution scan FROM:TO:STEPS instead of one run (leiden/louvain)");
  sub->add_flag("--log-scan", args->log_scan, "Space the scan's resolutions geometrically");
  sub->add_option("--top", args->top, "Communities listed on stdout (largest first)")->capture_default_str();
  sub->footer("Global options also apply: --seed S, --threads N, --json, --quiet. See docs/community.md.");
  return [args, &globals]() {
    const EdgeFilter filter = EdgeFilter::parse(args->layers, args->years);
    const CommunityRequest request = request_from(*args, globals);
    std::string name = args->name;
    if (name.empty()) name = std::string(method_name(request.method)) + (args->scan.empty() ? "" : "_scan");
    globals.progress().report("loading", 0.0);
    const Graph graph = load_network(args->file);
    globals.progress().report("loading", 1.0);
    if (!args->scan.empty()) return run_scan(*args, globals, graph, filter, request, name);
    const GraphView view(graph, filter);
    const CommunityOutcome outcome = run_communities(view, request, globals.progress());
    if (globals.verify) require_verified("communities", verify_communities(view, request, outcome));
    const Result result = community_result(name, outcome, request, filter, globals.effective_threads());
    write_result(args->file, result);
    if (globals.json) print_json_result(result, args->file);
    else print_text(result, request, args->top);
    return 0;
  };
});

}  // namespace
}  // namespace firmnet::cli

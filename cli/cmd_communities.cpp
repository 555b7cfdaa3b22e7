// firmnet communities: community detection on the selected layers and years, stored as
// /results/NAME (membership, consensus share, per-community table, quality, parameters), or
// a resolution scan with --scan.
#include <iostream>
#include <memory>
#include <sstream>

#include "algorithms/community/community_detection.hpp"
#include "algorithms/community/resolution_scan.hpp"
#include "cli/command.hpp"
#include "cli/output.hpp"
#include "graph/errors.hpp"
#include "io/network_store.hpp"
#include "io/results.hpp"

namespace firmnet::cli {
namespace {

using namespace firmnet::community;

struct CommunitiesArgs {
  std::string file, method = "leiden", objective = "modularity", layers, years, name, scan, binning = "log";
  double resolution = 1.0;
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

DetectionRequest request_from(const CommunitiesArgs& args, const GlobalOptions& globals) {
  DetectionRequest request;
  const auto method = parse_method(args.method);
  if (!method) throw UsageError("unknown --method '" + args.method + "' (use " + method_names() + ")");
  const auto objective = parse_objective(args.objective);
  if (!objective) throw UsageError("unknown --objective '" + args.objective + "' (use modularity|cpm|spatial)");
  const auto binning = parse_binning(args.binning);
  if (!binning) throw UsageError("unknown --binning '" + args.binning + "' (use log|equal-count)");
  request.method = *method;
  request.objective = *objective;
  request.resolution = args.resolution;
  request.iterations = args.iterations;
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
             const DetectionRequest& request, const std::string& name) {
  if (request.method != Method::leiden && request.method != Method::louvain)
    throw UsageError("--scan works with --method leiden or louvain");
  if (request.objective == Objective::spatial_modularity)
    throw UsageError("--scan works with --objective modularity or cpm");
  const ScanRange range = parse_scan(args.scan);
  std::vector<double> grid;
  try {
    grid = resolution_grid(range.from, range.to, range.steps, args.log_scan);
  } catch (const std::invalid_argument& e) {
    throw UsageError(std::string("--scan: ") + e.what());
  }
  LeidenOptions options;
  options.objective = request.objective;
  options.refine = request.method == Method::leiden;
  options.max_iterations = request.iterations;
  options.seed = request.seed;
  const WeightedCsr symmetric = undirected_projection(GraphView(graph, filter));
  const std::vector<ScanPoint> points = resolution_scan(symmetric, options, grid, globals.progress());

  Result result;
  result.name = name;
  result.method = std::string(method_name(request.method)) + "-scan";
  result.seed = request.seed;
  result.threads = globals.effective_threads();
  result.parameters = {{"method", std::string(method_name(request.method))},
                       {"objective", std::string(objective_name(request.objective))},
                       {"edges", filter.describe()},
                       {"scan", args.scan},
                       {"logarithmic", std::int64_t{args.log_scan}},
                       {"iterations", std::int64_t{request.iterations}}};
  std::vector<double> gamma, quality, q1;
  std::vector<std::int64_t> counts;
  for (const ScanPoint& p : points) {
    gamma.push_back(p.resolution);
    counts.push_back(p.communities);
    quality.push_back(p.quality);
    q1.push_back(p.modularity);
  }
  result.tables.push_back({"scan", {{"resolution", gamma}, {"communities", counts}, {"quality", quality},
                                    {"modularity", q1}}});
  write_result(args.file, result);

  if (globals.json) {
    JsonWriter json(std::cout);
    json.begin_object().key("result").value(name).key("method").value(method_name(request.method));
    json.key("objective").value(objective_name(request.objective)).key("edges").value(filter.describe());
    json.key("scan").begin_array();
    for (const ScanPoint& p : points)
      json.begin_object().key("resolution").value(p.resolution).key("communities").value(p.communities)
          .key("quality").value(p.quality).key("modularity").value(p.modularity).end_object();
    json.end_array().end_object();
    return 0;
  }
  std::cout << "Resolution scan, " << method_name(request.method) << " (" << objective_name(request.objective)
            << "), " << filter.describe() << "\n";
  TextTable table({"resolution", "communities", "quality", "modularity (gamma=1)"});
  for (const ScanPoint& p : points)
    table.add_row({format_number(p.resolution, 4), format_count(static_cast<std::uint64_t>(p.communities)),
                   format_number(p.quality, 6), format_number(p.modularity, 6)});
  table.print(std::cout);
  std::cout << "stored as /results/" << name << " (table scan)\n";
  return 0;
}

void print_text(const std::string& name, const Detection& d, const DetectionRequest& request, const Result& result,
                std::size_t top) {
  std::cout << "Communities: " << method_name(request.method);
  if (request.method == Method::leiden || request.method == Method::louvain || request.method == Method::igraph_leiden)
    std::cout << " (" << objective_name(request.objective) << ", resolution " << format_number(request.resolution, 6)
              << ")";
  std::cout << ", " << std::get<std::string>(result.parameter("edges")) << "\n";
  TextTable summary({"measure", "value"});
  summary.add_row({"nodes", format_count(d.membership.size())});
  summary.add_row({"communities", format_count(static_cast<std::uint64_t>(d.community_count))});
  summary.add_row({"quality", format_number(d.quality, 6)});
  summary.add_row({"modularity", format_number(d.modularity, 6)});
  summary.add_row({"directed modularity", format_number(d.directed_modularity, 6)});
  summary.add_row({"coverage", format_number(d.stats.coverage, 4)});
  if (request.method == Method::infomap) summary.add_row({"code length (bits)", format_number(d.codelength, 6)});
  if (d.deterrence) {
    const DeterrenceFunction& f = *d.deterrence;
    summary.add_row({"distance bins", std::to_string(f.bin_count())});
    summary.add_row({"sites", format_count(f.sites) +
                                  (f.cell_km > 0 ? " (grid " + format_number(f.cell_km, 4) + " km)" : " (exact)")});
  }
  if (request.runs > 1) {
    summary.add_row({"runs (seeds)", std::to_string(request.runs) + " (" + std::to_string(request.seed) + ".." +
                                         std::to_string(request.seed + request.runs - 1) + ")"});
    summary.add_row({"best run seed", std::to_string(request.seed + d.best_run)});
    summary.add_row({"mean pairwise NMI", format_number(d.stability.mean_pairwise_nmi, 4)});
  }
  summary.add_row({"seconds", format_number(d.seconds, 3)});
  summary.print(std::cout);
  std::cout << "\nLargest communities\n";
  std::vector<std::string> header = {"community", "size", "internal weight", "density", "conductance"};
  if (request.runs > 1) header.push_back("consensus");
  TextTable table(header);
  const std::size_t k = static_cast<std::size_t>(d.community_count);
  for (std::size_t c = 0; c < std::min(k, top); ++c) {
    std::vector<std::string> row = {std::to_string(c), format_count(static_cast<std::uint64_t>(d.stats.size[c])),
                                    format_number(d.stats.internal_weight[c], 6), format_number(d.stats.density[c], 4),
                                    format_number(d.stats.conductance[c], 4)};
    if (request.runs > 1) row.push_back(format_number(d.community_consensus[c], 3));
    table.add_row(row);
  }
  if (k > top) table.add_row({"... " + format_count(k - top) + " more (--top)", "", "", "", ""});
  table.print(std::cout);
  std::cout << "stored as /results/" << name << " (membership, consensus_share, table communities"
            << (d.deterrence ? ", table deterrence" : "") << ")\n";
}

void print_json(const std::string& name, const Detection& d, const DetectionRequest& request, const Result& result,
                std::size_t top) {
  JsonWriter json(std::cout);
  json.begin_object().key("result").value(name);
  json.key("parameters").begin_object();
  for (const auto& [key, value] : result.parameters) {
    json.key(key);
    std::visit([&](const auto& v) { json.value(v); }, value);
  }
  json.end_object();
  json.key("seed").value(request.seed);
  json.key("nodes").value(static_cast<std::uint64_t>(d.membership.size()));
  for (const auto& [key, value] : result.scalars) {
    json.key(key);
    std::visit([&](const auto& v) { json.value(v); }, value);
  }
  json.key("largest_communities").begin_array();
  for (std::size_t c = 0; c < std::min<std::size_t>(static_cast<std::size_t>(d.community_count), top); ++c)
    json.begin_object().key("community").value(static_cast<std::int64_t>(c)).key("size").value(d.stats.size[c])
        .key("internal_weight").value(d.stats.internal_weight[c]).key("density").value(d.stats.density[c])
        .key("conductance").value(d.stats.conductance[c]).key("consensus").value(d.community_consensus[c])
        .end_object();
  json.end_array().end_object();
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
  sub->add_option("--trials", args->trials, "Infomap trials")->capture_default_str();
  sub->add_option("--steps", args->steps, "Walktrap random-walk length")->capture_default_str();
  sub->add_option("--name", args->name, "Result name under /results (default: the method name)");
  sub->add_option("--scan", args->scan, "Resolution scan FROM:TO:STEPS instead of one run (leiden/louvain)");
  sub->add_flag("--log-scan", args->log_scan, "Space the scan's resolutions geometrically");
  sub->add_option("--top", args->top, "Communities listed on stdout (largest first)")->capture_default_str();
  sub->footer("Global options also apply: --seed S, --threads N, --json, --quiet. See docs/communities.md.");
  return [args, &globals]() {
    const EdgeFilter filter = EdgeFilter::parse(args->layers, args->years);
    const DetectionRequest request = request_from(*args, globals);
    std::string name = args->name;
    if (name.empty()) name = std::string(method_name(request.method)) + (args->scan.empty() ? "" : "_scan");
    globals.progress().report("loading", 0.0);
    const Graph graph = load_network(args->file);
    globals.progress().report("loading", 1.0);
    if (!args->scan.empty()) return run_scan(*args, globals, graph, filter, request, name);
    const Detection detection = detect_communities(GraphView(graph, filter), request, globals.progress());
    const Result result = to_result(name, detection, request, filter, globals.effective_threads());
    write_result(args->file, result);
    if (globals.json)
      print_json(name, detection, request, result, args->top);
    else
      print_text(name, detection, request, result, args->top);
    return 0;
  };
});

}  // namespace
}  // namespace firmnet::cli

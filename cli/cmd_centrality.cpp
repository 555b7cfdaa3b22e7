// firmnet centrality: compute centrality measures on a selection of layers and years, store
// them as /results/<name>/ (one column per measure) and print the top nodes.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <memory>
#include <numeric>

#include "algorithms/centrality/centrality_suite.hpp"
#include "cli/command.hpp"
#include "cli/presenters.hpp"
#include "cli/verifiers.hpp"
#include "io/network_store.hpp"
#include "io/results.hpp"
#include "report/render.hpp"
#include "results/centrality_result.hpp"

namespace firmnet::cli {
namespace {

struct CentralityArgs {
  std::string file, measures = "degree,strength,pagerank,coreness", layers, years, name = "centrality";
  bool undirected = false, weighted = false, normalized = false, harmonic_in = false;
  double damping = 0.85, tolerance = 1e-10, katz_alpha = 0.05, katz_beta = 1.0;
  int max_iterations = 1000;
  std::uint64_t samples = 0;
  double epsilon = 0.0, delta = 0.1;
  std::size_t top = 10;
};

// Nodes with the largest values of a column, NaN last; for constraint the smallest, since low
// constraint marks a broker. O(n log top).
std::vector<NodeId> top_nodes(const ExtraColumn& column, std::size_t top) {
  const double sign = column.name == "constraint" ? -1.0 : 1.0;
  std::vector<double> values;
  if (const auto* d = std::get_if<Float64Column>(&column.values)) values = *d;
  if (const auto* i = std::get_if<Int64Column>(&column.values)) values.assign(i->begin(), i->end());
  std::vector<NodeId> order(values.size());
  std::iota(order.begin(), order.end(), NodeId{0});
  const std::size_t k = std::min(top, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(), [&](NodeId a, NodeId b) {
    const double x = std::isnan(values[a]) ? -INFINITY : sign * values[a];
    const double y = std::isnan(values[b]) ? -INFINITY : sign * values[b];
    return x > y || (x == y && a < b);
  });
  order.resize(k);
  return order;
}

// The KADABRA guarantee in plain words, from the stored result. O(scalars).
std::string kadabra_guarantee(const Result& result, const centrality::CentralityRequest& request) {
  auto count = [&](const std::string& name) { return static_cast<std::uint64_t>(std::get<std::int64_t>(result.scalar(name))); };
  std::string text = "Betweenness (KADABRA): every " + std::string(request.normalized ? "" : "normalised ") +
                     "score within " + format_number(request.epsilon, 6) + " of exact";
  if (!request.normalized) text += " (every score within " + format_number(std::get<double>(result.scalar("betweenness_error_bound")), 6) + ")";
  text += " with probability ≥ " + format_number(1.0 - request.delta, 6) + "; " +
          format_count(count("betweenness_samples_taken")) + " sampled paths of at most " +
          format_count(count("betweenness_omega")) + " (shortest paths hold at most " +
          format_count(count("betweenness_vertex_diameter_bound")) + " nodes).";
  return text;
}

const CommandRegistration registration(50, [](CLI::App& app, const GlobalOptions& globals) -> RunFunction {
  auto args = std::make_shared<CentralityArgs>();
  CLI::App* sub = app.add_subcommand("centrality", "Centrality measures (degree, PageRank, betweenness, ...) per node");
  std::string measure_list;
  for (auto m : centrality::centrality_measure_names()) measure_list += (measure_list.empty() ? "" : ", ") + std::string(m);
  sub->footer(
      "Measures: " + measure_list + ", or all.\n"
      "Parallel edges of several types or years between two nodes count as one link whose weight\n"
      "is their sum. --weighted uses weights as tie strength (degree/strength, PageRank,\n"
      "eigenvector, HITS, Katz, constraint) and as path length (betweenness, harmonic).\n"
      "Direction: supply runs supplier -> customer; PageRank, eigenvector and Katz credit a node\n"
      "for what flows in. Clustering, constraint and total coreness use the undirected projection.\n"
      "Exact betweenness and harmonic closeness cost O(n m): on large graphs use --epsilon 0.01\n"
      "(KADABRA: every normalised score within 0.01 of exact with probability >= 1 - delta).\n"
      "Results: /results/<name>/<column>, one value per node in node order. See docs/centrality.md.");
  sub->add_option("file", args->file, "Network file (.h5)")->required();
  sub->add_option("--measures", args->measures, "Comma-separated measures, or all")->capture_default_str();
  sub->add_option("--layers", args->layers, "Relation types to include, e.g. supply,subcontract (default: all)");
  sub->add_option("--years", args->years, "Years to include: 2019, 2015-2020, 2018- or -2020 (default: all)");
  sub->add_option("--name", args->name, "Result name under /results")->capture_default_str();
  sub->add_flag("--undirected", args->undirected, "Ignore edge direction for PageRank, betweenness, harmonic, eigenvector, Katz");
  sub->add_flag("--weighted", args->weighted, "Use edge weights (see below)");
  sub->add_flag("--normalized", args->normalized, "Normalise betweenness and harmonic closeness");
  sub->add_flag("--harmonic-in", args->harmonic_in, "Harmonic closeness over in-edges (how closely others reach a node)");
  sub->add_option("--damping", args->damping, "PageRank damping factor")->capture_default_str()->check(CLI::Range(0.0, 0.9999));
  sub->add_option("--tolerance", args->tolerance, "PageRank L1 convergence tolerance")->capture_default_str();
  sub->add_option("--max-iterations", args->max_iterations, "Iteration limit of PageRank (and at least 1000 for spectral/Katz)")
      ->capture_default_str();
  sub->add_option("--epsilon", args->epsilon,
                  "Approximate betweenness (KADABRA): every normalised score within epsilon of exact (0: exact)")
      ->capture_default_str();
  sub->add_option("--delta", args->delta, "... with probability at least 1 - delta (with --epsilon)")
      ->capture_default_str();
  sub->add_option("--samples", args->samples,
                  "Experts: betweenness from this many random pivot sources, no guarantee (0: exact)")
      ->capture_default_str();
  sub->add_option("--katz-alpha", args->katz_alpha, "Katz attenuation (below 1/largest eigenvalue)")->capture_default_str();
  sub->add_option("--katz-beta", args->katz_beta, "Katz base score")->capture_default_str();
  sub->add_option("--top", args->top, "Nodes listed per measure")->capture_default_str();
  return [args, &globals]() {
    centrality::CentralityRequest request;
    request.measures = centrality::parse_centrality_measures(args->measures);
    request.directed = !args->undirected;
    request.weighted = args->weighted;
    request.normalized = args->normalized;
    request.harmonic_in = args->harmonic_in;
    request.damping = args->damping;
    request.pagerank_tolerance = args->tolerance;
    request.max_iterations = args->max_iterations;
    request.samples = args->samples;
    request.epsilon = args->epsilon;
    request.delta = args->delta;
    request.seed = globals.seed;
    request.katz_alpha = args->katz_alpha;
    request.katz_beta = args->katz_beta;
    const EdgeFilter filter = EdgeFilter::parse(args->layers, args->years);
    globals.progress().report("loading", 0.0);
    const Graph graph = load_network(args->file);
    globals.progress().report("loading", 1.0);
    const GraphView view(graph, filter);
    const centrality::CentralityOutcome outcome = centrality::run_centrality(view, request, globals.progress());
    if (globals.verify) require_verified("centrality", verify_centrality(view, request, outcome));
    const Result result =
        centrality::centrality_result(args->name, outcome, request, filter, globals.effective_threads());
    write_result(args->file, result);

    if (globals.json) {
      JsonWriter json(std::cout);
      json.begin_object().key("file").value(args->file);
      json.key("nodes").value(static_cast<std::uint64_t>(graph.node_count()));
      report::render_json_members(json, result);
      json.key("top").begin_object();
      for (const auto& column : result.node_columns) {
        json.key(column.name).begin_array();
        for (NodeId v : top_nodes(column, args->top)) {
          json.begin_object().key("id").value(graph.nodes.id[v]).key("name").value(graph.nodes.name[v]);
          json.key("value").value(report::cell_number(column, v)).end_object();
        }
        json.end_array();
      }
      json.end_object().end_object();
      return 0;
    }
    std::cout << "Centrality of " << format_count(graph.node_count()) << " nodes (" << filter.describe() << ", "
              << (request.directed ? "directed" : "undirected") << (request.weighted ? ", weighted" : "")
              << ") stored as /results/" << result.name << "\n";
    if (request.epsilon > 0 && std::find(request.measures.begin(), request.measures.end(), "betweenness") != request.measures.end())
      std::cout << kadabra_guarantee(result, request) << "\n";
    std::vector<std::pair<std::string, std::string>> facts;
    for (const auto& [key, value] : result.scalars) facts.emplace_back(key, key);
    if (!facts.empty()) print_scalars(result, facts);
    for (const auto& column : result.node_columns) {
      std::cout << "\nTop " << std::min(args->top, static_cast<std::size_t>(graph.node_count())) << " by " << column.name
                << (column.name == "constraint" ? " (lowest first: brokers)" : "") << "\n";
      TextTable table({"rank", "id", "name", column.name});
      std::size_t rank = 0;
      for (NodeId v : top_nodes(column, args->top))
        table.add_row({std::to_string(++rank), std::string(graph.nodes.id[v]), std::string(graph.nodes.name[v]),
                       format_number(report::cell_number(column, v), 6)});
      table.print(std::cout);
    }
    return 0;
  };
});

}  // namespace
}  // namespace firmnet::cli

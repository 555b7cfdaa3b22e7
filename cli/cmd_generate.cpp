// firmnet generate scenario|gravity|clusters|chain|lfr|scale|panel: synthetic networks with planted truth.
// Parses options, calls the generators (datasets/generators/), writes CSV and/or the HDF5
// network file plus the truth CSV files, and prints a summary.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/command.hpp"
#include "cli/network_output.hpp"
#include "cli/presenters.hpp"
#include "datasets/generators/chain.hpp"
#include "datasets/generators/cluster_world.hpp"
#include "datasets/generators/gravity.hpp"
#include "datasets/generators/lfr.hpp"
#include "datasets/generators/scale.hpp"
#include "datasets/generators/panel.hpp"
#include "datasets/generators/scenario.hpp"
#include "graph/errors.hpp"
#include "graph/views.hpp"
#include "io/csv_writer.hpp"
#include "io/json_writer.hpp"
#include "io/network_store.hpp"
#include "io/results.hpp"

namespace firmnet::cli {
namespace {

using generators::GeneratedNetwork;

struct GenerateArgs {
  std::string output, out_dir;
  generators::ScenarioParameters scenario;
  generators::GravityParameters gravity;
  std::string gravity_years = "none";
  generators::ClusterWorldParameters clusters;
  generators::ChainParameters chain;
  generators::LfrParameters lfr;
  generators::ScaleParameters scale;
  generators::PanelParameters panel;
  OutputFlags output_flags;
};

void add_output_options(CLI::App* sub, GenerateArgs& args) {
  sub->footer("Global options also apply: --seed S (default 1; same seed = same network), --threads N,\n"
              "--json, --quiet. Details and the truth files: docs/generators.md");
  sub->add_option("-o,--output", args.output,
                  "Write the HDF5 network file; truth goes to <output stem>.truth_<table>.csv beside it "
                  "and into the file as result 'truth'");
  sub->add_option("--out-dir", args.out_dir,
                  "Write nodes.csv, edges.csv and truth_<table>.csv (import format) into this directory");
  add_output_flags(sub, args.output_flags);
}

// The command line that reproduces this network, for the import log and READMEs.
std::string command_line(const std::string& kind, const GeneratedNetwork& net) {
  std::string text = "firmnet generate " + kind;
  for (const auto& [key, value] : net.parameters) {
    std::string option = key;
    std::replace(option.begin(), option.end(), '_', '-');
    if (value == "true") text += " --" + option;
    else if (value != "false") text += " --" + option + " " + value;
  }
  return text;
}

// Stored parameters keep their type: integer, number or text.
ScalarValue typed_parameter(const std::string& text) {
  const char* end = text.data() + text.size();
  std::int64_t integer = 0;
  if (auto [ptr, ec] = std::from_chars(text.data(), end, integer); ec == std::errc{} && ptr == end) return integer;
  double number = 0;
  if (auto [ptr, ec] = std::from_chars(text.data(), end, number); ec == std::errc{} && ptr == end) return number;
  return text;
}

std::string truth_path_beside(const std::string& output, const std::string& table) {
  std::filesystem::path path(output);
  path.replace_extension();
  return path.string() + ".truth_" + table + ".csv";
}

void write_outputs(const std::string& kind, const GeneratedNetwork& net, const GenerateArgs& args,
                   std::uint64_t seed, std::vector<std::string>& written) {
  if (!args.out_dir.empty()) {
    generators::write_generated_csv(net, args.out_dir);
    const std::filesystem::path dir(args.out_dir);
    written.push_back((dir / "nodes.csv").string());
    written.push_back((dir / "edges.csv").string());
    for (const auto& table : net.truth) written.push_back((dir / ("truth_" + table.name + ".csv")).string());
  }
  if (args.output.empty()) return;
  ImportLog log;
  log.mode = "generated";
  log.nodes_file = command_line(kind, net);
  log.nodes_accepted = log.node_rows_read = net.graph.node_count();
  log.edges_accepted = log.edge_rows_read = net.graph.edge_count();
  save_network_guarded(args.output, {}, net.graph, log, args.output_flags, {"truth"});
  written.push_back(args.output);
  Result truth;
  truth.name = "truth";
  truth.method = "generate " + kind;
  truth.seed = seed;
  truth.threads = 1;
  for (const auto& [key, value] : net.parameters) truth.parameters.emplace_back(key, typed_parameter(value));
  for (const auto& table : net.truth) {
    if (table.per_node)
      truth.node_columns.insert(truth.node_columns.end(), table.columns.begin(), table.columns.end());
    else
      truth.tables.push_back({table.name, table.columns});
    const std::string path = truth_path_beside(args.output, table.name);
    write_table_csv(path, table.columns, table.per_node ? &net.graph.nodes.id : nullptr);
    written.push_back(path);
  }
  write_result(args.output, truth);
}

int report(const std::string& kind, const GeneratedNetwork& net, const std::vector<std::string>& written,
           double seconds, const GlobalOptions& globals) {
  if (globals.json) {
    JsonWriter json(std::cout);
    json.begin_object().key("generator").value(kind);
    json.key("nodes").value(static_cast<std::uint64_t>(net.graph.node_count()));
    json.key("edges").value(static_cast<std::uint64_t>(net.graph.edge_count()));
    json.key("seconds").value(seconds);
    json.key("command").value(command_line(kind, net));
    json.key("parameters").begin_object();
    for (const auto& [key, value] : net.parameters) json.key(key).value(value);
    json.end_object();
    json.key("files").begin_array();
    for (const auto& file : written) json.value(file);
    json.end_array().end_object();
    std::cout << "\n";
    return 0;
  }
  std::cout << "Generated " << kind << ": " << format_count(net.graph.node_count()) << " nodes, "
            << format_count(net.graph.edge_count()) << " edges in " << format_number(seconds, 3) << " s\n";
  TextTable parameters({"parameter", "value"});
  for (const auto& [key, value] : net.parameters) parameters.add_row({key, value});
  parameters.print(std::cout);
  std::cout << "Files:\n";
  for (const auto& file : written) std::cout << "  " << file << "\n";
  return 0;
}

template <typename Generate>
RunFunction make_run(const std::string& kind, std::shared_ptr<GenerateArgs> args, const GlobalOptions& globals,
                     Generate generate) {
  return [=, &globals]() {
    if (args->output.empty() && args->out_dir.empty())
      throw UsageError("generate " + kind + ": give -o NET.h5 and/or --out-dir DIR");
    const auto start = std::chrono::steady_clock::now();
    const GeneratedNetwork net = generate();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::vector<std::string> written;
    write_outputs(kind, net, *args, globals.seed, written);
    return report(kind, net, written, seconds, globals);
  };
}

const CommandRegistration registration(40, [](CLI::App& app, const GlobalOptions& globals) -> RunFunction {
  auto args = std::make_shared<GenerateArgs>();
  CLI::App* generate = app.add_subcommand("generate", "Generate a synthetic network with planted truth");
  generate->require_subcommand(1);
  generate->footer(
      "Every generator is deterministic for the global --seed. Output: -o NET.h5 (network file,\n"
      "truth stored as result 'truth' and as CSV beside it) and/or --out-dir DIR (nodes.csv,\n"
      "edges.csv and truth_*.csv in the import format). Details: docs/generators.md");

  auto* scenario = generate->add_subcommand(
      "scenario", "A region of parks with planted verdicts: linked clusters, clusters spanning parks, "
                  "co-location parks, export parks, a too-small park, background trade");
  auto& s = args->scenario;
  scenario->add_option("--linked-clusters", s.linked_clusters, "Parks holding one linked cluster each")->capture_default_str();
  scenario->add_option("--spanning-clusters", s.spanning_clusters, "Clusters spread over several parks")->capture_default_str();
  scenario->add_option("--parks-per-spanning", s.parks_per_spanning, "Parks per spanning cluster (2 or 3)")->capture_default_str();
  scenario->add_option("--colocation-parks", s.colocation_parks, "Co-location-only parks (same stage, or unrelated industries)")->capture_default_str();
  scenario->add_option("--export-parks", s.export_parks, "Externally oriented export parks")->capture_default_str();
  scenario->add_option("--small-parks", s.small_parks, "Parks too small to tell")->capture_default_str();
  scenario->add_option("--small-park-firms", s.small_park_firms, "Firms in each small park (1-9)")->capture_default_str();
  scenario->add_option("--firms-per-park", s.firms_per_park, "Firms in every other park (>= 10)")->capture_default_str();
  scenario->add_option("--town-firms", s.town_firms, "Firms of the region outside any park")->capture_default_str();
  scenario->add_option("--outside-buyers", s.outside_buyers, "Buyers outside the region (export partners)")->capture_default_str();
  scenario->add_option("--link-density", s.link_density, "Mean planned links per cluster or export firm")->capture_default_str();
  scenario->add_option("--mixing", s.mixing, "Share of a cluster firm's links that are background trade (0-0.9)")->capture_default_str();
  scenario->add_option("--critical-suppliers", s.critical_suppliers,
                       "Planted mid-size suppliers essential to many cluster firms (systemic risk, 0-20)")
      ->capture_default_str();
  scenario->add_option("--critical-customers", s.critical_customers, "Cluster firms each critical supplier delivers to")
      ->capture_default_str();
  add_output_options(scenario, *args);

  auto* gravity = generate->add_subcommand(
      "gravity", "Towns of parks whose background trade decays with distance: co-location parks trade "
                 "internally by proximity alone, beside chain clusters and clusters spanning towns");
  auto& w = args->gravity;
  gravity->add_option("--towns", w.towns, "Towns of the region (each hosts up to 3 parks)")->capture_default_str();
  gravity->add_option("--town-spacing-km", w.town_spacing_km, "Minimum distance between town centres (km)")->capture_default_str();
  gravity->add_option("--linked-clusters", w.linked_clusters, "Parks holding one linked cluster each")->capture_default_str();
  gravity->add_option("--spanning-clusters", w.spanning_clusters, "Clusters spread over parks in different towns")->capture_default_str();
  gravity->add_option("--parks-per-spanning", w.parks_per_spanning, "Parks per spanning cluster (2 or 3)")->capture_default_str();
  gravity->add_option("--colocation-parks", w.colocation_parks, "Co-location-only parks (background links only)")->capture_default_str();
  gravity->add_option("--export-parks", w.export_parks, "Externally oriented export parks")->capture_default_str();
  gravity->add_option("--small-parks", w.small_parks, "Parks too small to tell")->capture_default_str();
  gravity->add_option("--small-park-firms", w.small_park_firms, "Firms in each small park (1-9)")->capture_default_str();
  gravity->add_option("--firms-per-park", w.firms_per_park, "Firms in every other park (>= 10)")->capture_default_str();
  gravity->add_option("--town-firms", w.town_firms, "Firms of the region outside any park")->capture_default_str();
  gravity->add_option("--outside-buyers", w.outside_buyers, "Buyers outside the region (export partners)")->capture_default_str();
  gravity->add_option("--link-density", w.link_density, "Mean planted links per cluster or export firm")->capture_default_str();
  gravity->add_option("--unrelated-share", w.unrelated_share, "Share of a co-location park's firms of unrelated industries")->capture_default_str();
  gravity->add_option("--decay-km", w.decay_km, "Decay length lambda of background trade, P ~ size x exp(-d / lambda) (km)")->capture_default_str();
  gravity->add_option("--background-degree", w.background_degree, "Mean background links drawn per firm of the region")->capture_default_str();
  gravity->add_option("--activity-exponent", w.activity_exponent, "beta: a firm's mass (activity, attraction) = employees^beta")->capture_default_str();
  gravity->add_option("--size-log-sd", w.size_log_sd, "Log-sd of firm sizes (log-normal employees, median 25)")->capture_default_str();
  gravity->add_option("--missing-coordinates", w.missing_coordinates, "Share of the region's firms published without coordinates")->capture_default_str();
  gravity->add_option("--years", args->gravity_years, "Date links in a panel FIRST-LAST (e.g. 2018-2022), never before both firms exist; 'none' = undated")->capture_default_str();
  add_output_options(gravity, *args);

  auto* chain = generate->add_subcommand(
      "chain", "Specialised-town sock cluster (Datang, docs/CONCEPTS.md): 10 stages, anchors with family "
               "workshops, one design broker");
  auto& c = args->chain;
  chain->add_option("--firms", c.firms, "Firms over the 10 stages, split by the Datang shares (>= 50)")->capture_default_str();
  chain->add_option("--anchors", c.anchors, "Anchor knitters (0: 0.4% of knitters, at least 2)")->capture_default_str();
  chain->add_option("--workshop-share", c.workshop_share, "Share of knitters that are family workshops of an anchor")->capture_default_str();
  chain->add_option("--broker-reach", c.broker_reach, "Share of independent knitters and sales firms tied to the broker")->capture_default_str();
  add_output_options(chain, *args);

  auto* lfr = generate->add_subcommand("lfr", "LFR benchmark graph (Lancichinetti, Fortunato, Radicchi 2008)");
  auto& l = args->lfr;
  lfr->add_option("--nodes", l.nodes, "Number of nodes (>= 10)")->capture_default_str();
  lfr->add_option("--average-degree", l.average_degree, "Mean degree (directed: mean in- and out-degree)")->capture_default_str();
  lfr->add_option("--max-degree", l.max_degree, "Maximum degree")->capture_default_str();
  lfr->add_option("--tau1", l.tau1, "Degree distribution exponent (> 1)")->capture_default_str();
  lfr->add_option("--tau2", l.tau2, "Community size distribution exponent (>= 0)")->capture_default_str();
  lfr->add_option("--mu", l.mu, "Mixing: share of each node's links leaving its community")->capture_default_str();
  lfr->add_option("--min-community", l.min_community, "Smallest community (0: the minimum degree)")->capture_default_str();
  lfr->add_option("--max-community", l.max_community, "Largest community (0: the maximum degree)")->capture_default_str();
  lfr->add_flag("--directed", l.directed, "Directed variant (edges of type supply; undirected: cooperation)");
  add_output_options(lfr, *args);

  auto* cluster_world = generate->add_subcommand(
      "clusters", "A region without parks holding planted clusters of each Markusen type, one across a border, "
                  "and co-located firms that are no cluster (docs/clusters.md)");
  auto& cw = args->clusters;
  cluster_world->add_option("--cluster-firms", cw.cluster_firms, "Firms of each planted cluster")->capture_default_str();
  cluster_world->add_option("--colocated-firms", cw.colocated_firms, "Firms of the co-location group (no planted link)")->capture_default_str();
  cluster_world->add_option("--background-firms", cw.background_firms, "Ordinary firms around the towns")->capture_default_str();
  cluster_world->add_option("--towns", cw.towns, "Towns of the background firms")->capture_default_str();
  cluster_world->add_option("--decay-km", cw.decay_km, "Decay length lambda of background trade (km)")->capture_default_str();
  cluster_world->add_option("--background-degree", cw.background_degree, "Mean background links drawn per firm")->capture_default_str();
  cluster_world->add_option("--missing-coordinates", cw.missing_coordinates, "Share of ordinary firms published without coordinates")->capture_default_str();
  add_output_options(cluster_world, *args);

  auto* scale = generate->add_subcommand(
      "scale", "National-scale benchmark network: heavy-tailed degrees, regions, communities, parks");
  auto& g = args->scale;
  scale->add_option("--firms", g.firms, "Number of firms")->capture_default_str();
  scale->add_option("--links", g.links, "Number of links (exact)")->capture_default_str();
  scale->add_option("--regions", g.regions, "Regions (0: one per 20,000 firms)")->capture_default_str();
  scale->add_option("--community-size", g.community_size, "Firms per community")->capture_default_str();
  scale->add_option("--max-degree", g.max_degree, "Maximum out-degree (capped at firms / 4)")->capture_default_str();
  scale->add_option("--tau", g.tau, "Out-degree exponent (> 1)")->capture_default_str();
  scale->add_option("--popularity", g.popularity, "In-degree concentration (> 1; larger = heavier hubs)")->capture_default_str();
  scale->add_option("--mu", g.mu, "Share of links leaving the community")->capture_default_str();
  scale->add_option("--park-share", g.park_share, "Share of firms located in parks")->capture_default_str();
  scale->add_option("--parks-per-region", g.parks_per_region, "Parks in each region")->capture_default_str();
  add_output_options(scale, *args);
  auto* panel = generate->add_subcommand(
      "panel", "A dated region with planted cluster trajectories: a park that grows into a cluster, one that "
               "declines after its anchor leaves, one that never links up, two whose chains merge");
  auto& pp = args->panel;
  panel->add_option("--first-year", pp.first_year, "First year of the panel")->capture_default_str();
  panel->add_option("--last-year", pp.last_year, "Last year (at least 11 after the first)")->capture_default_str();
  panel->add_option("--town-firms", pp.town_firms, "Firms of the region outside any park")->capture_default_str();
  panel->add_option("--background-rate", pp.background_rate, "Chance per firm and year of one background link")->capture_default_str();
  panel->add_option("--effect-links", pp.effect_links, "Internal links an estate gains at its establishment (the planted before/after effect)")
      ->capture_default_str();
  add_output_options(panel, *args);

  auto run_scenario = make_run("scenario", args, globals, [args, &globals] {
    args->scenario.seed = globals.seed;
    return generators::generate_scenario(args->scenario);
  });
  auto run_gravity = make_run("gravity", args, globals, [args, &globals] {
    args->gravity.seed = globals.seed;
    if (args->gravity_years != "none") {
      const EdgeFilter years = EdgeFilter::parse("", args->gravity_years);
      if (years.year_from == EdgeFilter{}.year_from || years.year_to == EdgeFilter{}.year_to)
        throw UsageError("generate gravity: --years needs both ends, e.g. 2018-2022");
      args->gravity.first_year = years.year_from;
      args->gravity.last_year = years.year_to;
    }
    return generators::generate_gravity(args->gravity);
  });
  auto run_clusters = make_run("clusters", args, globals, [args, &globals] {
    args->clusters.seed = globals.seed;
    return generators::generate_cluster_world(args->clusters);
  });
  auto run_chain = make_run("chain", args, globals, [args, &globals] {
    args->chain.seed = globals.seed;
    return generators::generate_chain(args->chain);
  });
  auto run_lfr = make_run("lfr", args, globals, [args, &globals] {
    args->lfr.seed = globals.seed;
    return generators::generate_lfr(args->lfr);
  });
  auto run_scale = make_run("scale", args, globals, [args, &globals] {
    args->scale.seed = globals.seed;
    return generators::generate_scale(args->scale, globals.progress());
  });
  auto run_panel = make_run("panel", args, globals, [args, &globals] {
    args->panel.seed = globals.seed;
    return generators::generate_panel(args->panel);
  });
  return [=]() {
    if (scenario->parsed()) return run_scenario();
    if (panel->parsed()) return run_panel();
    if (gravity->parsed()) return run_gravity();
    if (cluster_world->parsed()) return run_clusters();
    if (chain->parsed()) return run_chain();
    if (lfr->parsed()) return run_lfr();
    return run_scale();
  };
});

}  // namespace
}  // namespace firmnet::cli

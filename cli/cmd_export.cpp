// firmnet export: network file (+ stored results) -> GraphML, GEXF, CSV, JSON or GeoJSON; or
// one stored result table -> CSV.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>

#include "algorithms/spatial/convex_hull.hpp"
#include "algorithms/spatial/convex_hull_verifier.hpp"
#include "cli/command.hpp"
#include "cli/presenters.hpp"
#include "graph/errors.hpp"
#include "io/export.hpp"
#include "io/json_writer.hpp"
#include "io/network_store.hpp"
#include "io/output_guard.hpp"
#include "io/results.hpp"
#include "results/cluster_result.hpp"
#include "results/park_result.hpp"
#include "results/readable_references.hpp"

namespace firmnet::cli {
namespace {

constexpr const char* kParkMethod = "park_test";

struct ExportArgs {
  std::string file, format, output, layers, years, parks, table, gexf_version = "1.3";
  std::string park_polygons, park_polygon_key;
  std::vector<std::string> results, features{"parks", "firms"};
  bool byte_order_mark = false;
};

ExportFormat resolve_format(const ExportArgs& args) {
  if (!args.format.empty()) {
    if (auto format = parse_export_format(args.format)) return *format;
    throw UsageError("unknown export format '" + args.format + "' (graphml, gexf, csv, json or geojson)");
  }
  if (!args.table.empty()) return ExportFormat::csv;
  const std::string extension = std::filesystem::path(args.output).extension().string();
  if (extension == ".graphml" || extension == ".xml") return ExportFormat::graphml;
  if (extension == ".gexf") return ExportFormat::gexf;
  if (extension == ".json") return ExportFormat::json;
  if (extension == ".geojson") return ExportFormat::geojson;
  throw UsageError("cannot tell the format from '" + args.output + "'; give --format graphml|gexf|csv|json|geojson");
}

// Options that only one format reads are refused with the others, so that a typo in --format
// does not silently drop them.
void check_format_options(const ExportArgs& args, ExportFormat format) {
  auto refuse = [&](bool given, const char* option, const char* formats) {
    if (given)
      throw UsageError(std::string(option) + " applies to " + formats + ", not to --format " +
                       std::string(export_format_name(format)));
  };
  refuse(args.gexf_version != "1.3" && format != ExportFormat::gexf, "--gexf-version", "gexf");
  refuse(args.byte_order_mark && format != ExportFormat::csv, "--bom", "csv");
  refuse(!args.table.empty() && format != ExportFormat::csv, "--table", "csv");
  const bool geojson = format == ExportFormat::geojson;
  refuse(!args.park_polygons.empty() && !geojson, "--park-polygons", "geojson");
  refuse(!args.park_polygon_key.empty() && !geojson, "--park-polygon-key", "geojson");
  refuse(args.features != std::vector<std::string>{"parks", "firms"} && !geojson, "--features", "geojson");
  if (!args.park_polygon_key.empty() && args.park_polygons.empty())
    throw UsageError("--park-polygon-key needs --park-polygons FILE");
  for (const auto& feature : args.features)
    if (feature != "parks" && feature != "firms" && feature != "clusters")
      throw UsageError("unknown --features value '" + feature + "' (parks, firms, clusters)");
  if (args.gexf_version != "1.2" && args.gexf_version != "1.3")
    throw UsageError("--gexf-version must be 1.2 or 1.3, not '" + args.gexf_version + "'");
}

// The park-test result to use: --parks, else the most recently created one ("" when none).
std::string park_result_name(const ExportArgs& args, const std::vector<ResultSummary>& stored) {
  if (!args.parks.empty()) {
    const auto it = std::find_if(stored.begin(), stored.end(), [&](const ResultSummary& s) { return s.name == args.parks; });
    if (it == stored.end()) throw DataError(args.file + ": no stored result named '" + args.parks + "' (firmnet info lists them)");
    if (it->method != kParkMethod)
      throw DataError(args.file + ": result '" + args.parks + "' is a " + it->method + " result, not a park test");
    return args.parks;
  }
  const ResultSummary* latest = nullptr;
  for (const auto& s : stored)
    if (s.method == kParkMethod && (!latest || s.created > latest->created)) latest = &s;
  return latest ? latest->name : "";
}

// The result names whose node columns the export carries: --results (all / none / names), by
// default every stored result for gexf and geojson and none for the others. The park result
// joins, so that its verdicts reach the nodes, unless the user listed results without it (and
// without --parks): an explicit list is kept as given, except that GeoJSON park features need it.
std::vector<std::string> chosen_results(const ExportArgs& args, ExportFormat format, const std::string& parks,
                                        const std::vector<ResultSummary>& stored, bool park_features) {
  std::vector<std::string> names;
  const bool every = args.results.empty() ? format == ExportFormat::gexf || format == ExportFormat::geojson
                                          : args.results == std::vector<std::string>{"all"};
  if (every)
    for (const auto& s : stored) names.push_back(s.name);
  else if (args.results != std::vector<std::string>{"none"})
    names = args.results;
  const bool park_joins = args.results.empty() || !args.parks.empty() || park_features;
  if (park_joins && !parks.empty() && std::find(names.begin(), names.end(), parks) == names.end())
    names.push_back(parks);
  return names;
}

// With verify, each hull is checked by the verifier beside the kernel.
ParkLayer park_layer(const Graph& graph, const Result& parks, const std::string& file, bool verify) {
  namespace stored = spatial::stored;
  const ResultTable* units = parks.find_table(stored::units);
  const auto* names = units && units->find(stored::name) ? std::get_if<StringColumn>(&units->column(stored::name).values) : nullptr;
  const ExtraColumn* unit_column = nullptr;
  for (const auto& column : parks.node_columns)
    if (column.name == stored::unit) unit_column = &column;
  const auto* unit_of = unit_column ? std::get_if<Int64Column>(&unit_column->values) : nullptr;
  if (!names || !unit_of || unit_of->size() != graph.node_count())
    throw DataError(file + ": result '" + parks.name + "' lacks the units table or the per-node unit column of a park test");
  ParkLayer layer;
  layer.result = parks.name;
  const std::size_t count = units->rows();
  for (std::size_t p = 0; p < count; ++p) layer.names.emplace_back(names->value(p));
  for (const auto& column : units->columns)
    if (column.name != stored::name) layer.evidence.push_back(column);
  std::vector<std::vector<spatial::PlanePoint>> positions(count);
  for (NodeId u = 0; u < graph.node_count(); ++u) {
    const std::int64_t unit = (*unit_of)[u];
    if (unit >= 0 && static_cast<std::size_t>(unit) < count && graph.nodes.kind[u] == NodeKind::firm &&
        graph.nodes.located(u))
      positions[unit].emplace_back(graph.nodes.lon[u], graph.nodes.lat[u]);
  }
  Verification verification;
  for (const auto& points : positions) {
    layer.located_firms.push_back(points.size());
    layer.hulls.push_back(spatial::convex_hull(points));
    if (verify) verification.merge(spatial::verify_convex_hull(points, layer.hulls.back()));
  }
  if (verify) require_verified("park hulls", verification);
  return layer;
}

// Whether a GeoJSON export asks for features of this kind. O(features).
bool geojson_features_include(const ExportArgs& args, ExportFormat format, const std::string& kind) {
  return format == ExportFormat::geojson && std::find(args.features.begin(), args.features.end(), kind) != args.features.end();
}

// The identified clusters of a clusters result as a layer of footprints: each cluster's convex
// hull of its located members, with the clusters table's columns as evidence.
ParkLayer cluster_layer(const Graph& graph, const Result& clusters, const std::string& file) {
  namespace stored = clusters::stored;
  const ResultTable* table = clusters.find_table(stored::clusters);
  const ExtraColumn* cluster_column = nullptr;
  for (const auto& column : clusters.node_columns)
    if (column.name == stored::cluster) cluster_column = &column;
  const auto* cluster_of = cluster_column ? std::get_if<Int64Column>(&cluster_column->values) : nullptr;
  if (!table || !cluster_of || cluster_of->size() != graph.node_count())
    throw DataError(file + ": result '" + clusters.name + "' lacks the clusters table or the per-node cluster column");
  ParkLayer layer;
  layer.kind = "cluster";
  layer.result = clusters.name;
  const std::size_t count = table->rows();
  for (std::size_t k = 0; k < count; ++k) layer.names.push_back("cluster " + std::to_string(k));
  for (const auto& column : table->columns)
    if (column.name != stored::cluster) layer.evidence.push_back(column);
  std::vector<std::vector<spatial::PlanePoint>> positions(count);
  for (NodeId u = 0; u < graph.node_count(); ++u) {
    const std::int64_t k = (*cluster_of)[u];
    if (k >= 0 && static_cast<std::size_t>(k) < count && graph.nodes.located(u))
      positions[k].emplace_back(graph.nodes.lon[u], graph.nodes.lat[u]);
  }
  for (const auto& points : positions) {
    layer.located_firms.push_back(points.size());
    layer.hulls.push_back(spatial::convex_hull(points));
  }
  return layer;
}

// Every file the export writes, for the guard against overwriting an input.
std::vector<std::string> written_paths(const std::string& output, ExportFormat format, bool table) {
  if (format != ExportFormat::csv || table) return {output};
  return {output, (std::filesystem::path(output) / "nodes.csv").string(),
          (std::filesystem::path(output) / "edges.csv").string()};
}

int export_table(const ExportArgs& args, const Graph& graph, const GlobalOptions& globals) {
  const auto slash = args.table.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == args.table.size())
    throw UsageError("--table takes RESULT/TABLE, e.g. parks/units, parks/stage_links, anchors/top_overall");
  const std::string result_name = args.table.substr(0, slash), table_name = args.table.substr(slash + 1);
  const Result result = readable_references(graph, read_result(args.file, result_name));
  const ResultTable* table = result.find_table(table_name);
  if (!table) {
    std::string names;
    for (const auto& t : result.tables) names += (names.empty() ? "" : ", ") + t.name;
    throw DataError(args.file + ": result '" + result_name + "' has no table '" + table_name +
                    "' (tables: " + (names.empty() ? "none" : names) + ")");
  }
  export_table_csv(*table, args.output, args.byte_order_mark);
  if (globals.json) {
    JsonWriter json(std::cout);
    json.begin_object().key("format").value("csv").key("table").value(args.table);
    json.key("rows").value(static_cast<std::uint64_t>(table->rows()));
    json.key("files").begin_array().value(args.output).end_array().end_object();
    return 0;
  }
  std::cout << "Exported table " << args.table << " (" << format_count(table->rows()) << " rows, "
            << table->columns.size() << " columns) as csv\n  " << args.output << "\n";
  return 0;
}

const CommandRegistration registration(80, [](CLI::App& app, const GlobalOptions& globals) -> RunFunction {
  auto args = std::make_shared<ExportArgs>();
  CLI::App* sub = app.add_subcommand(
      "export", "Export a network and stored results to GraphML, GEXF, CSV, JSON or GeoJSON, or a result table to CSV");
  sub->footer(
      "Writes every node attribute, the per-node columns of the chosen results (as\n"
      "'<result>.<column>', e.g. parks.unit, parks.verdict) and every edge attribute of the\n"
      "selected edges. Row references are written readably: a park result's unit as the park's\n"
      "name (with its verdict beside it), an anchor result's immediate_dominator as a firm id\n"
      "(and immediate_dominator_name).\n"
      "  graphml  GraphML (Gephi, yEd, networkx.read_graphml, igraph)\n"
      "  gexf     GEXF 1.3 (or 1.2 with --gexf-version 1.2, for networkx 2.x and older Gephi),\n"
      "           viz:position from lon/lat\n"
      "  csv      OUT is a directory: nodes.csv + edges.csv in the import format;\n"
      "           with --table RESULT/TABLE, OUT is one CSV file of that result table\n"
      "  json     node-link JSON (networkx.node_link_graph)\n"
      "  geojson  one FeatureCollection (QGIS, geopandas): parks as polygons with the park\n"
      "           test's verdict and evidence, firms as points; [lon, lat] in WGS 84\n"
      "Missing values are left out (GraphML, GEXF), empty (CSV) or null (JSON, GeoJSON). Files\n"
      "are written to a temporary name and renamed, so a failed export leaves no partial file;\n"
      "an input file is never overwritten.\n"
      "Full description: docs/EXPORT.md");
  sub->add_option("file", args->file, "Network file (.h5)")->required();
  sub->add_option("-f,--format", args->format,
                  "graphml, gexf, csv, json or geojson (default: from the extension of -o: .graphml, .gexf, "
                  ".json, .geojson; csv with --table)");
  sub->add_option("-o,--output", args->output, "File to write (a directory for csv without --table)")->required();
  sub->add_option("--results", args->results,
                  "Stored results whose node columns to include, e.g. parks,leiden; 'all' or 'none' "
                  "(default: all for gexf and geojson, none for the others)")
      ->delimiter(',');
  sub->add_option("--parks", args->parks,
                  "Park-test result for the park features and per-node verdicts (default: the latest "
                  "stored park test, if any)");
  sub->add_option("--layers", args->layers, "Relation types to include, e.g. supply,subcontract (default: all)");
  sub->add_option("--years", args->years, "Years to include: 2019, 2015-2020, 2018- or -2020 (default: all)");
  sub->add_option("--gexf-version", args->gexf_version, "GEXF schema version: 1.2 or 1.3")->capture_default_str();
  sub->add_option("--table", args->table,
                  "Write one stored result table as CSV instead of the network: RESULT/TABLE, e.g. parks/units, "
                  "parks/stage_links, anchors/top_overall, leiden/communities");
  sub->add_flag("--bom", args->byte_order_mark,
                "CSV: start each file with a UTF-8 byte-order mark, so Excel shows Chinese text intact "
                "(default: no mark)");
  sub->add_option("--features", args->features,
                  "GeoJSON features to write: parks, firms, clusters (the footprints of the latest clusters result)")
      ->delimiter(',')
      ->capture_default_str();
  sub->add_option("--park-polygons", args->park_polygons,
                  "GeoJSON FeatureCollection of park outlines (Polygon/MultiPolygon, WGS 84) used instead of "
                  "hulls for the parks it names (default: none, every park is its firms' convex hull)");
  sub->add_option("--park-polygon-key", args->park_polygon_key,
                  "Property of --park-polygons features holding the park name (default: park, else name)");
  return [args, &globals]() {
    const ExportFormat format = resolve_format(*args);
    check_format_options(*args, format);
    const EdgeFilter filter = EdgeFilter::parse(args->layers, args->years);
    std::vector<std::string> inputs{args->file};
    if (!args->park_polygons.empty()) inputs.push_back(args->park_polygons);
    for (const auto& path : written_paths(args->output, format, !args->table.empty()))
      refuse_output_among_inputs(path, inputs);
    globals.progress().report("loading", 0.0);
    const Graph graph = load_network(args->file);
    if (!args->table.empty()) return export_table(*args, graph, globals);
    const auto stored = list_results(args->file);
    const bool park_features = format == ExportFormat::geojson &&
                               std::find(args->features.begin(), args->features.end(), "parks") != args->features.end();
    const std::string parks = park_result_name(*args, stored);
    std::vector<Result> results;
    std::optional<ParkLayer> layer;
    for (const auto& name : chosen_results(*args, format, parks, stored, park_features)) {
      const Result result = read_result(args->file, name);
      if (name == parks && park_features) layer = park_layer(graph, result, args->file, globals.verify);
      results.push_back(readable_references(graph, result));
    }
    if (park_features && parks.empty() && !globals.quiet)
      std::cerr << "firmnet: note: " << args->file << " holds no park-test result (run firmnet parks); "
                << "the GeoJSON has no park features\n";
    ExportOptions options;
    options.gexf_version = args->gexf_version == "1.2" ? GexfVersion::v1_2 : GexfVersion::v1_3;
    options.byte_order_mark = args->byte_order_mark;
    options.parks = layer ? &*layer : nullptr;
    std::optional<ParkLayer> clusters;
    if (geojson_features_include(*args, format, "clusters")) {
      std::string latest, latest_created;
      for (const auto& summary : stored)
        if (summary.method == "clusters" && (latest.empty() || summary.created >= latest_created)) {
          latest = summary.name;
          latest_created = summary.created;
        }
      if (latest.empty())
        throw UsageError(args->file + " holds no clusters result (run firmnet clusters) for --features clusters");
      clusters = cluster_layer(graph, read_result(args->file, latest), args->file);
    }
    options.clusters = clusters ? &*clusters : nullptr;
    options.firm_features = std::find(args->features.begin(), args->features.end(), "firms") != args->features.end();
    options.polygons = {args->park_polygons, args->park_polygon_key};
    globals.progress().report("writing", 0.5);
    const ExportSummary summary = export_network(graph, results, filter, format, args->output, options);
    globals.progress().report("writing", 1.0);
    const bool geojson = format == ExportFormat::geojson;
    if (geojson && !globals.quiet && summary.nodes_without_coordinates > 0)
      std::cerr << "firmnet: note: " << format_count(summary.nodes_without_coordinates)
                << " nodes without coordinates left out of the GeoJSON\n";
    if (geojson && !globals.quiet && summary.unmatched_polygons > 0)
      std::cerr << "firmnet: note: " << summary.unmatched_polygons << " polygons of " << args->park_polygons
                << " name no park of result '" << parks << "'\n";
    if (globals.json) {
      JsonWriter json(std::cout);
      json.begin_object().key("format").value(export_format_name(format)).key("selection").value(filter.describe());
      json.key("nodes").value(summary.nodes).key("edges").value(summary.edges);
      json.key("node_attributes").value(static_cast<std::uint64_t>(summary.node_attributes));
      json.key("edge_attributes").value(static_cast<std::uint64_t>(summary.edge_attributes));
      json.key("results").begin_array();
      for (const auto& result : results) json.value(result.name);
      json.end_array();
      if (format == ExportFormat::gexf) json.key("gexf_version").value(args->gexf_version);
      if (geojson) {
        json.key("park_result").value(layer ? parks : std::string());
        json.key("parks").begin_object().key("user").value(summary.parks_user).key("hull").value(summary.parks_hull);
        json.key("degenerate").value(summary.parks_degenerate).key("none").value(summary.parks_without_geometry);
        json.end_object();
        json.key("nodes_without_coordinates").value(summary.nodes_without_coordinates);
        json.key("unmatched_polygons").value(summary.unmatched_polygons);
      }
      json.key("files").begin_array();
      for (const auto& file : summary.files) json.value(file);
      json.end_array().end_object();
      return 0;
    }
    if (geojson) {
      const std::uint64_t park_count = summary.parks_user + summary.parks_hull + summary.parks_degenerate +
                                       summary.parks_without_geometry;
      std::cout << "Exported " << park_count << " parks (" << summary.parks_user << " user polygons, "
                << summary.parks_hull << " hulls, " << summary.parks_degenerate << " points or lines, "
                << summary.parks_without_geometry << " without located firms), "
                << (summary.clusters ? std::to_string(summary.clusters) + " cluster footprints, " : std::string()) << "and "
                << format_count(summary.nodes) << " located nodes (" << summary.node_attributes << " attributes) as geojson\n";
    } else {
      std::cout << "Exported " << format_count(summary.nodes) << " nodes (" << summary.node_attributes
                << " attributes) and " << format_count(summary.edges) << " edges (" << summary.edge_attributes
                << " attributes) as " << export_format_name(format)
                << (format == ExportFormat::gexf ? " " + args->gexf_version : std::string()) << "\n";
      if (!filter.all()) std::cout << "selection: " << filter.describe() << "\n";
    }
    for (const auto& file : summary.files) std::cout << "  " << file << "\n";
    return 0;
  };
});

}  // namespace
}  // namespace firmnet::cli

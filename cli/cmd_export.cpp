// firmnet export: network file (+ stored results) -> GraphML, GEXF, CSV or node-link JSON.
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/command.hpp"
#include "cli/presenters.hpp"
#include "graph/errors.hpp"
#include "io/export.hpp"
#include "io/json_writer.hpp"
#include "io/network_store.hpp"
#include "io/results.hpp"

namespace firmnet::cli {
namespace {

struct ExportArgs {
  std::string file, format, output, layers, years;
  std::vector<std::string> results;
};

ExportFormat resolve_format(const ExportArgs& args) {
  if (!args.format.empty()) {
    if (auto format = parse_export_format(args.format)) return *format;
    throw UsageError("unknown export format '" + args.format + "' (graphml, gexf, csv or json)");
  }
  const std::string extension = std::filesystem::path(args.output).extension().string();
  if (extension == ".graphml" || extension == ".xml") return ExportFormat::graphml;
  if (extension == ".gexf") return ExportFormat::gexf;
  if (extension == ".json") return ExportFormat::json;
  throw UsageError("cannot tell the format from '" + args.output + "'; give --format graphml|gexf|csv|json");
}

const CommandRegistration registration(80, [](CLI::App& app, const GlobalOptions& globals) -> RunFunction {
  auto args = std::make_shared<ExportArgs>();
  CLI::App* sub = app.add_subcommand("export", "Export a network and stored results to GraphML, GEXF, CSV or JSON");
  sub->footer(
      "Writes every node attribute, the per-node columns of the results named with --results\n"
      "(as '<result>.<column>', e.g. parks.unit) and every edge attribute of the selected edges.\n"
      "  graphml  GraphML (Gephi, yEd, networkx.read_graphml, igraph)\n"
      "  gexf     GEXF 1.3 for Gephi, with viz:position from lon/lat\n"
      "  csv      OUT is a directory: nodes.csv + edges.csv in the import format\n"
      "  json     node-link JSON (networkx.node_link_graph)\n"
      "Missing values are left out (GraphML, GEXF), empty (CSV) or null (JSON). Files are\n"
      "written to a temporary name and renamed, so a failed export leaves no partial file.\n"
      "Full description: docs/EXPORT.md");
  sub->add_option("file", args->file, "Network file (.h5)")->required();
  sub->add_option("-f,--format", args->format,
                  "graphml, gexf, csv or json (default: from the extension of -o: .graphml, .gexf, .json)");
  sub->add_option("-o,--output", args->output, "File to write (a directory for csv)")->required();
  sub->add_option("--results", args->results, "Stored results whose node columns to include, e.g. parks,leiden")
      ->delimiter(',');
  sub->add_option("--layers", args->layers, "Relation types to include, e.g. supply,subcontract (default: all)");
  sub->add_option("--years", args->years, "Years to include: 2019, 2015-2020, 2018- or -2020 (default: all)");
  return [args, &globals]() {
    const ExportFormat format = resolve_format(*args);
    const EdgeFilter filter = EdgeFilter::parse(args->layers, args->years);
    globals.progress().report("loading", 0.0);
    const Graph graph = load_network(args->file);
    std::vector<Result> results;
    for (const auto& name : args->results) results.push_back(read_result(args->file, name));
    globals.progress().report("writing", 0.5);
    const ExportSummary summary = export_network(graph, results, filter, format, args->output);
    globals.progress().report("writing", 1.0);
    if (globals.json) {
      JsonWriter json(std::cout);
      json.begin_object().key("format").value(export_format_name(format)).key("selection").value(filter.describe());
      json.key("nodes").value(summary.nodes).key("edges").value(summary.edges);
      json.key("node_attributes").value(static_cast<std::uint64_t>(summary.node_attributes));
      json.key("edge_attributes").value(static_cast<std::uint64_t>(summary.edge_attributes));
      json.key("results").begin_array();
      for (const auto& name : args->results) json.value(name);
      json.end_array().key("files").begin_array();
      for (const auto& file : summary.files) json.value(file);
      json.end_array().end_object();
      return 0;
    }
    std::cout << "Exported " << format_count(summary.nodes) << " nodes (" << summary.node_attributes
              << " attributes) and " << format_count(summary.edges) << " edges (" << summary.edge_attributes
              << " attributes) as " << export_format_name(format) << "\n";
    if (!filter.all()) std::cout << "selection: " << filter.describe() << "\n";
    for (const auto& file : summary.files) std::cout << "  " << file << "\n";
    return 0;
  };
});

}  // namespace
}  // namespace firmnet::cli

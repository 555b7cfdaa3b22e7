// firmnet import: CSV, GraphML or a plain edge list -> HDF5 network file.
#include <cctype>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/command.hpp"
#include "cli/csv_input_options.hpp"
#include "cli/network_output.hpp"
#include "cli/presenters.hpp"
#include "io/csv_import.hpp"
#include "io/edgelist_import.hpp"
#include "io/graphml_import.hpp"
#include "io/json_writer.hpp"
#include "io/network_store.hpp"

namespace firmnet::cli {
namespace {

struct ImportArgs {
  std::string nodes, edges, output, format;
  CsvInputArgs csv;
  bool lenient = false, implicit_nodes = false, allow_empty = false;
  std::size_t max_issues = 20;
  OutputFlags output_flags;
};

// --format, or by the extension of the --edges file: .graphml -> graphml, .txt/.edges/.el ->
// edgelist, anything else -> csv.
std::string input_format(const ImportArgs& args) {
  if (!args.format.empty()) return args.format;
  std::string extension = std::filesystem::path(args.edges).extension().string();
  for (auto& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (extension == ".graphml") return "graphml";
  if (extension == ".txt" || extension == ".edges" || extension == ".el") return "edgelist";
  return "csv";
}

ImportResult import_input(const ImportArgs& args, const ImportOptions& options) {
  const std::string format = input_format(args);
  if (format == "csv") return import_csv(args.nodes, args.edges, options);
  if (!args.nodes.empty())
    throw UsageError("--nodes is for CSV input; a " + format + " file (--edges) holds the whole network");
  if (!options.encoding.empty() || !options.column_map.empty())
    throw UsageError(std::string(options.encoding.empty() ? "--map" : "--encoding") + " is for CSV input, not " + format);
  if (format == "graphml") return import_graphml(args.edges, options);
  return import_edgelist(args.edges, options);
}

void print_issues(const ImportLog& log, std::size_t max_issues) {
  std::cerr << log.format_issues(max_issues);
}

// The import log as JSON; `error` is the failure's message when nothing was written, and
// `capabilities` what the written network supports.
void print_json(const ImportLog& log, const std::string& output, const std::string& error = "",
                const structure::NetworkCapabilities* capabilities = nullptr) {
  JsonWriter json(std::cout);
  json.begin_object();
  json.key("output").value(output).key("written").value(error.empty()).key("mode").value(log.mode);
  if (!error.empty())
    json.key("error").begin_object().key("kind").value("data").key("exit_code").value(1).key("message").value(error).end_object();
  json.key("node_rows_read").value(log.node_rows_read).key("edge_rows_read").value(log.edge_rows_read);
  json.key("nodes").value(log.nodes_accepted).key("edges").value(log.edges_accepted);
  json.key("duplicate_edges_merged").value(log.duplicate_edges_merged);
  json.key("self_loops_dropped").value(log.self_loops_dropped);
  json.key("implicit_nodes_created").value(log.implicit_nodes_created);
  json.key("warnings").begin_array();
  for (const auto& warning : log.warnings) json.value(warning);
  json.end_array();
  json.key("rejected").begin_object();
  for (const auto& [reason, count] : log.rejected_by_reason) json.key(reason).value(count);
  json.end_object();
  json.key("issues").begin_array();
  for (const auto& issue : log.issues) {
    json.begin_object().key("file").value(issue.file).key("line").value(issue.line);
    json.key("reason").value(issue.reason).key("detail").value(issue.detail).end_object();
  }
  json.end_array();
  if (capabilities) {
    json.key("supports");
    write_capabilities_json(json, *capabilities);
  }
  json.end_object();
}

const CommandRegistration registration(10, [](CLI::App& app, const GlobalOptions& globals) -> RunFunction {
  auto args = std::make_shared<ImportArgs>();
  CLI::App* sub = app.add_subcommand(
      "import", "Import nodes.csv and edges.csv (or a GraphML file or plain edge list) into an HDF5 network file");
  sub->footer(
      "Strict by default: any bad row is reported with file, line and reason, and nothing is\n"
      "written (an existing output file is left untouched). --lenient skips bad rows and records\n"
      "the counts in the file's import log. Duplicate edges (same source, target, type, year)\n"
      "are merged by summing weights; self-loops are dropped; both are counted.\n"
      "Defaults for missing columns: kind=firm, type=supply, weight=1.\n"
      "Text: UTF-8 (a BOM is skipped); --encoding gb18030|gbk|big5|latin1 transcodes, and a file that is\n"
      "not UTF-8 stops with its likely encoding. Delimiters ',', tab, ';' or '|' (the most frequent\n"
      "on the header line); in a ';' or '|' file, 1,5 in lat/lon/employees/revenue/weight is 1.5.\n"
      "Years (founded, year) must lie in 1800-2100. An .xlsx, .xls or Parquet file is refused: save\n"
      "it as CSV UTF-8, or read it with pandas and use firmnet.from_pandas.\n\n" +
      describe_csv_columns() +
      "\nGraphML and edge lists: give the file with --edges (no --nodes). --format is taken from its\n"
      "extension when omitted: .graphml -> graphml, .txt/.edges/.el -> edgelist, else csv.\n"
      "  graphml   data keys with a canonical column name (the first name of each column above; label\n"
      "            for name) fill that column; other keys become extra columns\n"
      "  edgelist  'source target [weight]' per line, separated by spaces or tabs; '#' comments\n"
      "\nFull format: docs/FORMAT.md and docs/EXPORT.md");
  sub->add_option("--nodes", args->nodes, "Node CSV (id plus attributes); omit to imply nodes from edges");
  sub->add_option("--edges", args->edges,
                  "Edge CSV (source, target, type, weight, year, ...), or the GraphML / edge-list file")
      ->required();
  sub->add_option("-o,--output", args->output, "Network file to write (.h5)")->required();
  sub->add_option("--format", args->format, "Input format: csv, graphml or edgelist (default: from the --edges extension)")
      ->check(CLI::IsMember({"csv", "graphml", "edgelist"}));
  add_csv_input_options(sub, args->csv);
  sub->add_flag("--lenient", args->lenient, "Skip bad rows (counted in the import log) instead of failing");
  sub->add_flag("--allow-empty", args->allow_empty,
                "With --lenient, accept an import that keeps no node or rejects more than half of the rows");
  sub->add_flag("--implicit-nodes", args->implicit_nodes,
                "Create firms for edge endpoints missing from the node file instead of rejecting the edge");
  sub->add_option("--max-issues", args->max_issues, "Bad rows listed on stderr (totals are always complete)")
      ->capture_default_str();
  add_output_flags(sub, args->output_flags);
  return [args, &globals]() {
    refuse_output_among_inputs(args->output, {args->nodes, args->edges});
    ImportOptions options;
    options.lenient = args->lenient;
    options.implicit_nodes = args->implicit_nodes;
    options.allow_empty = args->allow_empty;
    options.max_reported_issues = std::max<std::size_t>(args->max_issues, 1000);
    options.progress = globals.progress();
    apply_csv_input_options(args->csv, options);
    ImportResult result;
    try {
      result = import_input(*args, options);
    } catch (const ImportError& e) {
      if (globals.json) print_json(e.log(), args->output, e.what());
      if (!globals.quiet)
        for (const auto& warning : e.log().warnings) std::cerr << "firmnet: warning: " << warning << "\n";
      print_issues(e.log(), args->max_issues);
      throw;
    }
    if (!globals.quiet)
      for (const auto& warning : result.log.warnings) std::cerr << "firmnet: warning: " << warning << "\n";
    const OutputPlan plan =
        save_network_guarded(args->output, {args->nodes, args->edges}, result.graph, result.log, args->output_flags);
    if (!globals.quiet && plan.exists) std::cerr << describe_output_plan(args->output, plan) << "\n";
    const ImportLog& log = result.log;
    const structure::NetworkCapabilities capabilities = structure::network_capabilities(result.graph);
    if (globals.json) {
      print_json(log, args->output, "", &capabilities);
      return 0;
    }
    if (log.rejected_total() > 0 && !globals.quiet) print_issues(log, args->max_issues);
    std::cout << "Imported " << format_count(log.nodes_accepted) << " nodes and " << format_count(log.edges_accepted)
              << " edges into " << args->output << "\n";
    TextTable table({"step", "count"});
    table.add_row({"node rows read", format_count(log.node_rows_read)});
    table.add_row({"edge rows read", format_count(log.edge_rows_read)});
    table.add_row({"duplicate edges merged", format_count(log.duplicate_edges_merged)});
    table.add_row({"self-loops dropped", format_count(log.self_loops_dropped)});
    table.add_row({"implicit nodes created", format_count(log.implicit_nodes_created)});
    for (const auto& [reason, count] : log.rejected_by_reason)
      table.add_row({"rejected: " + reason, format_count(count)});
    table.print(std::cout);
    print_capabilities(capabilities);
    return 0;
  };
});

}  // namespace
}  // namespace firmnet::cli

// firmnet info: what a network file holds.
#include <iostream>
#include <memory>

#include "algorithms/structure/network_summary.hpp"
#include "cli/command.hpp"
#include "cli/presenters.hpp"
#include "io/json_writer.hpp"
#include "io/network_store.hpp"
#include "io/results.hpp"

namespace firmnet::cli {
namespace {

using structure::DegreeSummary;
using structure::GroupSize;
using structure::NetworkSummary;

struct InfoArgs {
  std::string file, layers, years;
  std::size_t top_groups = 15;
};

void json_degree(JsonWriter& json, const char* name, const DegreeSummary& d) {
  json.key(name).begin_object();
  json.key("min").value(d.min).key("mean").value(d.mean).key("median").value(d.median);
  json.key("p99").value(d.p99).key("max").value(d.max).key("zeros").value(d.zeros);
  json.end_object();
}

void json_groups(JsonWriter& json, const char* name, const std::vector<GroupSize>& groups) {
  json.key(name).begin_array();
  for (const auto& g : groups) {
    json.begin_object().key("name").value(g.name).key("nodes").value(g.nodes);
    json.key("firms").value(g.firms).key("institutions").value(g.institutions).end_object();
  }
  json.end_array();
}

void print_json(const std::string& file, const NetworkHeader& header, const ImportLog& log, const EdgeFilter& filter,
                const NetworkSummary& s, const std::vector<ResultSummary>& results) {
  JsonWriter json(std::cout);
  json.begin_object();
  json.key("file").value(file).key("format_version").value(header.format_version);
  json.key("firmnet_version").value(header.firmnet_version).key("created").value(header.created);
  json.key("selection").value(filter.describe());
  json.key("nodes").value(s.nodes).key("edges").value(s.edges);
  json.key("nodes_by_kind").begin_object();
  for (std::size_t k = 0; k < kNodeKindCount; ++k) json.key(node_kind_names()[k]).value(s.nodes_by_kind[k]);
  json.end_object();
  json.key("edges_by_type").begin_object();
  for (std::size_t t = 0; t < kRelationTypeCount; ++t) json.key(relation_type_names()[t]).value(s.edges_by_type[t]);
  json.end_object();
  json.key("weight_by_type").begin_object();
  for (std::size_t t = 0; t < kRelationTypeCount; ++t) json.key(relation_type_names()[t]).value(s.weight_by_type[t]);
  json.end_object();
  json.key("first_year").value(static_cast<std::int64_t>(s.first_year));
  json.key("last_year").value(static_cast<std::int64_t>(s.last_year));
  json.key("undated_edges").value(s.undated_edges);
  json_degree(json, "in_degree", s.in_degree);
  json_degree(json, "out_degree", s.out_degree);
  json_degree(json, "total_degree", s.total_degree);
  json.key("isolated").value(s.isolated);
  json.key("weak_components").value(s.weak_components).key("largest_weak_component").value(s.largest_weak);
  json.key("strong_components").value(s.strong_components).key("largest_strong_component").value(s.largest_strong);
  json_groups(json, "parks", s.parks);
  json_groups(json, "regions", s.regions);
  json.key("import").begin_object();
  json.key("mode").value(log.mode).key("duplicate_edges_merged").value(log.duplicate_edges_merged);
  json.key("self_loops_dropped").value(log.self_loops_dropped).key("rows_rejected").value(log.rejected_total());
  json.end_object();
  json.key("results").begin_array();
  for (const auto& r : results) {
    json.begin_object().key("name").value(r.name).key("method").value(r.method).key("created").value(r.created);
    json.key("seed").value(r.seed).key("columns").begin_array();
    for (const auto& c : r.columns) json.value(c);
    json.end_array().end_object();
  }
  json.end_array();
  json.end_object();
}

void print_groups(const char* title, const std::vector<GroupSize>& groups, std::size_t top) {
  std::size_t named = 0;
  for (const auto& g : groups) named += !g.name.empty();
  std::cout << "\n" << title << " (" << named << ")\n";
  TextTable table({std::string(title).substr(0, std::string(title).size() - 1), "nodes", "firms", "institutions"});
  std::size_t shown = 0;
  for (const auto& g : groups) {
    if (shown++ == top) {
      table.add_row({"... " + std::to_string(groups.size() - top) + " more (--top-groups)", "", "", ""});
      break;
    }
    table.add_row({g.name.empty() ? "(none)" : g.name, format_count(g.nodes), format_count(g.firms),
                   format_count(g.institutions)});
  }
  table.print(std::cout);
}

void print_text(const std::string& file, const NetworkHeader& header, const ImportLog& log, const EdgeFilter& filter,
                const NetworkSummary& s, const std::vector<ResultSummary>& results, std::size_t top) {
  std::cout << file << ": firmnet network (format " << header.format_version << ", written by firmnet "
            << header.firmnet_version << " on " << header.created << ")\n";
  if (!filter.all()) std::cout << "selection: " << filter.describe() << "\n";
  std::cout << format_count(s.nodes) << " nodes, " << format_count(s.edges) << " edges";
  if (s.first_year) std::cout << ", years " << s.first_year << "-" << s.last_year;
  if (s.undated_edges) std::cout << " (" << format_count(s.undated_edges) << " undated)";
  std::cout << "\n\nNodes by kind\n";
  TextTable kinds({"kind", "nodes"});
  for (std::size_t k = 0; k < kNodeKindCount; ++k)
    if (s.nodes_by_kind[k]) kinds.add_row({std::string(node_kind_names()[k]), format_count(s.nodes_by_kind[k])});
  kinds.print(std::cout);
  std::cout << "\nEdges by type\n";
  TextTable types({"type", "edges", "total weight"});
  for (std::size_t t = 0; t < kRelationTypeCount; ++t)
    if (s.edges_by_type[t])
      types.add_row({std::string(relation_type_names()[t]), format_count(s.edges_by_type[t]),
                     format_number(s.weight_by_type[t], 6)});
  types.print(std::cout);
  std::cout << "\nDegree\n";
  TextTable degree({"degree", "min", "mean", "median", "p99", "max", "zero"});
  auto row = [&](const char* name, const DegreeSummary& d) {
    degree.add_row({name, format_number(d.min), format_number(d.mean, 3), format_number(d.median),
                    format_number(d.p99), format_number(d.max), format_count(d.zeros)});
  };
  row("in", s.in_degree);
  row("out", s.out_degree);
  row("total", s.total_degree);
  degree.print(std::cout);
  std::cout << "\nConnectivity\n";
  TextTable conn({"measure", "value"});
  conn.add_row({"isolated nodes", format_count(s.isolated)});
  conn.add_row({"weakly connected components", format_count(s.weak_components)});
  conn.add_row({"largest weak component", format_count(s.largest_weak)});
  conn.add_row({"strongly connected components", format_count(s.strong_components)});
  conn.add_row({"largest strong component", format_count(s.largest_strong)});
  conn.print(std::cout);
  print_groups("Parks", s.parks, top);
  print_groups("Regions", s.regions, top);
  std::cout << "\nImport: " << log.mode << " mode, " << format_count(log.rejected_total()) << " rows rejected, "
            << format_count(log.duplicate_edges_merged) << " duplicate edges merged, "
            << format_count(log.self_loops_dropped) << " self-loops dropped\n";
  std::cout << "\nStored results (" << results.size() << ")\n";
  if (!results.empty()) {
    TextTable table({"name", "method", "created", "columns"});
    for (const auto& r : results) {
      std::string columns;
      for (const auto& c : r.columns) columns += (columns.empty() ? "" : ",") + c;
      table.add_row({r.name, r.method, r.created, columns});
    }
    table.print(std::cout);
  }
}

const CommandRegistration registration(20, [](CLI::App& app, const GlobalOptions& globals) -> RunFunction {
  auto args = std::make_shared<InfoArgs>();
  CLI::App* sub = app.add_subcommand("info", "Summarise a network file: nodes, edges, degrees, components, parks, results");
  sub->add_option("file", args->file, "Network file (.h5)")->required();
  sub->add_option("--layers", args->layers, "Relation types to include, e.g. supply,subcontract (default: all)");
  sub->add_option("--years", args->years, "Years to include: 2019, 2015-2020, 2018- or -2020 (default: all)");
  sub->add_option("--top-groups", args->top_groups, "Parks and regions listed (largest first)");
  return [args, &globals]() {
    const EdgeFilter filter = EdgeFilter::parse(args->layers, args->years);
    const NetworkHeader header = read_header(args->file);
    globals.progress().report("loading", 0.0);
    const Graph graph = load_network(args->file);
    globals.progress().report("loading", 1.0);
    const structure::NetworkSummary summary = structure::run_summary(GraphView(graph, filter), globals.progress());
    const ImportLog log = load_import_log(args->file);
    const auto results = list_results(args->file);
    if (globals.json)
      print_json(args->file, header, log, filter, summary, results);
    else
      print_text(args->file, header, log, filter, summary, results, args->top_groups);
    return 0;
  };
});

}  // namespace
}  // namespace firmnet::cli

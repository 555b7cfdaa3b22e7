// firmnet compare: NMI, ARI and VI between two partitions of the nodes. Each side is a stored
// result (its membership column, or RESULT:COLUMN) or a node attribute column (park, region,
// industry, stage, ownership, kind, or an extra text/integer column). Nodes missing a label
// on either side are left out.
#include <iostream>
#include <memory>

#include "algorithms/community/partition_comparison.hpp"
#include "cli/command.hpp"
#include "cli/presenters.hpp"
#include "graph/errors.hpp"
#include "io/json_writer.hpp"
#include "io/network_store.hpp"
#include "io/results.hpp"

namespace firmnet::cli {
namespace {

struct CompareArgs {
  std::string file, a, b;
};

struct Labels {
  std::string source;  // what the labels were read from, for the output
  std::vector<std::int64_t> values;
};

std::vector<std::int64_t> codes_of(const StringColumn& column) {
  return {column.codes.begin(), column.codes.end()};
}

/// Labels from an ExtraColumn: text codes, or integers (kMissingInt64 and negatives missing).
std::vector<std::int64_t> labels_of(const ExtraColumn& column, const std::string& what) {
  if (const auto* text = std::get_if<StringColumn>(&column.values)) return codes_of(*text);
  if (const auto* integers = std::get_if<Int64Column>(&column.values)) {
    std::vector<std::int64_t> out(*integers);
    for (auto& v : out)
      if (v == kMissingInt64 || v < 0) v = -1;
    return out;
  }
  throw UsageError(what + " holds real numbers, not group labels");
}

Labels resolve(const std::string& spec, const Graph& graph, const std::vector<ResultSummary>& results,
               const std::string& file) {
  const auto colon = spec.find(':');
  const std::string result_name = spec.substr(0, colon);
  for (const auto& summary : results) {
    if (summary.name != result_name) continue;
    const std::string column = colon == std::string::npos ? "membership" : spec.substr(colon + 1);
    const Result result = read_result(file, result_name);
    const ExtraColumn* found = nullptr;
    for (const auto& c : result.node_columns)
      if (c.name == column) found = &c;
    if (!found && colon == std::string::npos && result.node_columns.size() == 1) found = &result.node_columns.front();
    if (!found) throw UsageError("result '" + result_name + "' has no node column '" + column + "'");
    return {"result " + result_name + ":" + found->name, labels_of(*found, "result column " + spec)};
  }
  const NodeTable& nodes = graph.nodes;
  if (spec == "park") return {"node column park", codes_of(nodes.park)};
  if (spec == "region") return {"node column region", codes_of(nodes.region)};
  if (spec == "industry") return {"node column industry", codes_of(nodes.industry)};
  if (spec == "stage") return {"node column stage", codes_of(nodes.stage)};
  if (spec == "ownership") return {"node column ownership", codes_of(nodes.ownership)};
  if (spec == "kind") {
    std::vector<std::int64_t> kinds;
    for (NodeKind k : nodes.kind) kinds.push_back(static_cast<std::int64_t>(k));
    return {"node column kind", kinds};
  }
  for (const auto& extra : nodes.extra)
    if (extra.name == spec) return {"node column " + spec, labels_of(extra, "node column " + spec)};
  throw UsageError("'" + spec + "' is neither a stored result nor a node column (park, region, industry, stage, "
                   "ownership, kind or an extra column)");
}

std::int64_t group_count(const std::vector<std::int64_t>& labels, const std::vector<std::int64_t>& other) {
  std::vector<std::int64_t> seen;
  for (std::size_t i = 0; i < labels.size(); ++i)
    if (labels[i] >= 0 && other[i] >= 0) seen.push_back(labels[i]);
  std::sort(seen.begin(), seen.end());
  return std::unique(seen.begin(), seen.end()) - seen.begin();
}

const CommandRegistration registration(45, [](CLI::App& app, const GlobalOptions& globals) -> RunFunction {
  auto args = std::make_shared<CompareArgs>();
  CLI::App* sub = app.add_subcommand("compare", "Compare two partitions (results or node columns): NMI, ARI, VI");
  sub->add_option("file", args->file, "Network file (.h5)")->required();
  sub->add_option("--a", args->a, "RESULT, RESULT:COLUMN, or a node column (park, region, industry, ...)")
      ->required();
  sub->add_option("--b", args->b, "Second partition, same forms as --a")->required();
  sub->footer("Nodes without a label on either side (e.g. firms outside every park) are left out.\n"
              "NMI after Danon et al. 2005, ARI after Hubert & Arabie 1985, VI after Meila 2007 (natural log).");
  return [args, &globals]() {
    const Graph graph = load_network(args->file);
    const auto results = list_results(args->file);
    const Labels a = resolve(args->a, graph, results, args->file);
    const Labels b = resolve(args->b, graph, results, args->file);
    if (a.values.size() != b.values.size())
      throw DataError("the two partitions differ in length (" + std::to_string(a.values.size()) + " and " +
                      std::to_string(b.values.size()) + ")");
    community::PartitionComparison c;
    try {
      c = community::compare_partitions(a.values, b.values);
    } catch (const UsageError& e) {
      throw UsageError(std::string("cannot compare: ") + e.what());
    }
    const std::int64_t groups_a = group_count(a.values, b.values), groups_b = group_count(b.values, a.values);
    if (globals.json) {
      JsonWriter json(std::cout);
      json.begin_object().key("a").value(a.source).key("b").value(b.source);
      json.key("nodes").value(static_cast<std::uint64_t>(a.values.size()));
      json.key("nodes_compared").value(c.nodes_compared);
      json.key("groups_a").value(groups_a).key("groups_b").value(groups_b);
      json.key("nmi").value(c.nmi).key("ari").value(c.ari).key("vi").value(c.vi).end_object();
      return 0;
    }
    std::cout << "a: " << a.source << "\nb: " << b.source << "\n";
    TextTable table({"measure", "value"});
    table.add_row({"nodes compared", format_count(static_cast<std::uint64_t>(c.nodes_compared)) + " of " +
                                         format_count(a.values.size())});
    table.add_row({"groups in a", format_count(static_cast<std::uint64_t>(groups_a))});
    table.add_row({"groups in b", format_count(static_cast<std::uint64_t>(groups_b))});
    table.add_row({"NMI (Danon)", format_number(c.nmi, 6)});
    table.add_row({"ARI", format_number(c.ari, 6)});
    table.add_row({"VI (nats)", format_number(c.vi, 6)});
    table.print(std::cout);
    return 0;
  };
});

}  // namespace
}  // namespace firmnet::cli

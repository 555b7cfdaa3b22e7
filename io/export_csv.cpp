// CSV export in firmnet's import format (docs/FORMAT.md, "CSV input"), reusing
// io/csv_writer.hpp: <dir>/nodes.csv with the node attributes plus the chosen result columns
// as extra columns "<result>.<column>", and <dir>/edges.csv with the accepted edges.
// `firmnet import --nodes <dir>/nodes.csv --edges <dir>/edges.csv` reads them back.
// Each file is written to a temporary sibling and renamed into place. O(n + m).
#include <filesystem>
#include <numeric>

#include "graph/errors.hpp"
#include "io/atomic_file.hpp"
#include "io/csv_writer.hpp"
#include "io/export_support.hpp"

namespace firmnet::export_detail {

std::vector<std::string> write_csv_pair(const Graph& graph, const std::vector<Result>& results,
                                        const EdgeFilter& filter, const std::string& directory, bool byte_order_mark) {
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  if (!std::filesystem::is_directory(directory))
    throw DataError("cannot create directory '" + directory + "'" + (ec ? ": " + ec.message() : ""));
  node_attribute_columns(graph, results);  // validates result lengths and name collisions
  const std::string nodes_path = (std::filesystem::path(directory) / "nodes.csv").string();
  const std::string edges_path = (std::filesystem::path(directory) / "edges.csv").string();

  const NodeTable* nodes = &graph.nodes;
  NodeTable with_results;
  if (!results.empty()) {
    with_results = graph.nodes;
    for (const auto& result : results)
      for (const auto& column : result.node_columns) {
        ExtraColumn copy = column;
        copy.name = result.name + "." + column.name;
        with_results.extra.push_back(std::move(copy));
      }
    nodes = &with_results;
  }
  AtomicFile nodes_file(nodes_path), edges_file(edges_path);
  write_nodes_csv(nodes_file.temp_path(), *nodes, byte_order_mark);
  if (filter.all()) {
    write_edges_csv(edges_file.temp_path(), graph, byte_order_mark);
  } else {
    std::vector<NodeId> all(graph.node_count());
    std::iota(all.begin(), all.end(), NodeId{0});
    write_edges_csv(edges_file.temp_path(), induced_subgraph(GraphView(graph, filter), all).graph,
                    byte_order_mark);
  }
  nodes_file.commit();
  edges_file.commit();
  return {nodes_path, edges_path};
}

}  // namespace firmnet::export_detail

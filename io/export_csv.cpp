// CSV export in firmnet's import format (docs/FORMAT.md, "CSV input"), reusing
// io/csv_writer.hpp: <dir>/nodes.csv with the node attributes plus the chosen result columns
// as extra columns "<result>.<column>", and <dir>/edges.csv with the accepted edges.
// `firmnet import --nodes <dir>/nodes.csv --edges <dir>/edges.csv` reads them back.
// Each file is written to a temporary sibling and renamed into place. O(n + m).
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <numeric>

#include "graph/errors.hpp"
#include "io/csv_writer.hpp"
#include "io/export_support.hpp"

namespace firmnet::export_detail {

namespace {

void rename_into_place(const std::string& temp, const std::string& path) {
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    std::remove(temp.c_str());
    throw DataError("cannot write '" + path + "': " + reason);
  }
}

}  // namespace

std::vector<std::string> write_csv_pair(const Graph& graph, const std::vector<Result>& results,
                                        const EdgeFilter& filter, const std::string& directory) {
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  if (!std::filesystem::is_directory(directory))
    throw DataError("cannot create directory '" + directory + "'" + (ec ? ": " + ec.message() : ""));
  node_attribute_columns(graph, results);  // validates result lengths and name collisions
  const std::string nodes_path = (std::filesystem::path(directory) / "nodes.csv").string();
  const std::string edges_path = (std::filesystem::path(directory) / "edges.csv").string();
  const std::string suffix = ".tmp-" + std::to_string(::getpid());

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
  try {
    write_nodes_csv(nodes_path + suffix, *nodes);
    if (filter.all()) {
      write_edges_csv(edges_path + suffix, graph);
    } else {
      std::vector<NodeId> all(graph.node_count());
      std::iota(all.begin(), all.end(), NodeId{0});
      write_edges_csv(edges_path + suffix, induced_subgraph(GraphView(graph, filter), all).graph);
    }
  } catch (...) {
    std::remove((nodes_path + suffix).c_str());
    std::remove((edges_path + suffix).c_str());
    throw;
  }
  rename_into_place(nodes_path + suffix, nodes_path);
  rename_into_place(edges_path + suffix, edges_path);
  return {nodes_path, edges_path};
}

}  // namespace firmnet::export_detail

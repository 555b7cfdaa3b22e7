// Node-link JSON writer in the layout of networkx.node_link_data for a MultiDiGraph:
// {"directed": true, "multigraph": true, "graph": {...}, "nodes": [{"id": ..., attributes}],
//  "links": [{"source": ..., "target": ..., "key": EdgeId, attributes}]}, so that
// networkx.node_link_graph(json.load(f)) rebuilds the network. Missing values are null;
// non-finite numbers (not representable in JSON) are null too. O(n + m), streamed.

#include "io/csv_writer.hpp"
#include "io/atomic_file.hpp"
#include "io/export_support.hpp"
#include "io/json_writer.hpp"

namespace firmnet::export_detail {

void write_node_link_json(const Graph& graph, const std::vector<AttributeColumn>& node_columns,
                          const std::vector<AttributeColumn>& edge_columns, const EdgeFilter& filter,
                          const std::string& path) {
  AtomicFile file(path);
  std::string& out = file.buffer();
  out += "{\"directed\": true, \"multigraph\": true, \"graph\": {\"creator\": \"firmnet\", \"edges\": ";
  append_json_string(out, filter.describe());
  out += "},\n\"nodes\": [";
  for (NodeId u = 0; u < graph.node_count(); ++u) {
    out += u == 0 ? "\n{\"id\": " : ",\n{\"id\": ";
    append_json_string(out, graph.nodes.id[u]);
    append_json_members(out, node_columns, u);
    out += "}";
    file.flush_if_full();
  }
  out += "],\n\"links\": [";
  bool first = true;
  for_accepted_edges(graph, filter, [&](NodeId u, EdgeId e) {
    out += first ? "\n{\"source\": " : ",\n{\"source\": ";
    first = false;
    append_json_string(out, graph.nodes.id[u]);
    out += ", \"target\": ";
    append_json_string(out, graph.nodes.id[graph.out_target[e]]);
    out += ", \"key\": " + std::to_string(e);
    append_json_members(out, edge_columns, e);
    out += "}";
    file.flush_if_full();
  });
  out += "]}\n";
  file.commit();
}

}  // namespace firmnet::export_detail

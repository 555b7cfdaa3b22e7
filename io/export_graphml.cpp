// GraphML writer, per the GraphML Primer (graphml.graphdrawing.org/primer/graphml-primer.html):
// one <key> per attribute (attr.type string / double / long), edgedefault="directed", node ids
// as XML ids, edge ids = firmnet EdgeIds, one <data> per present value (missing values are
// omitted). networkx.read_graphml, igraph and Gephi read it. O(n + m) in attributes, streamed.
#include "io/atomic_file.hpp"
#include "io/export_support.hpp"
#include "io/markup_escape.hpp"

namespace firmnet::export_detail {

namespace {

void write_keys(std::string& out, const std::vector<AttributeColumn>& columns, const char* domain, char prefix) {
  for (std::size_t k = 0; k < columns.size(); ++k) {
    out += "  <key id=\"";
    out.push_back(prefix);
    out += std::to_string(k) + "\" for=\"" + domain + "\" attr.name=\"";
    append_xml_escaped(out, columns[k].name);
    out += "\" attr.type=\"";
    out += xsd_type_name(columns[k].type);
    out += "\"/>\n";
  }
}

void write_data(std::string& out, const std::vector<AttributeColumn>& columns, std::size_t row, char prefix) {
  for (std::size_t k = 0; k < columns.size(); ++k) {
    const Cell cell = columns[k].cell(row);
    if (!cell.present) continue;
    out += "<data key=\"";
    out.push_back(prefix);
    out += std::to_string(k) + "\">";
    append_cell_xml(out, cell, columns[k].type);
    out += "</data>";
  }
}

}  // namespace

void write_graphml(const Graph& graph, const std::vector<AttributeColumn>& node_columns,
                   const std::vector<AttributeColumn>& edge_columns, const EdgeFilter& filter,
                   const std::string& path) {
  AtomicFile file(path);
  std::string& out = file.buffer();
  out +=
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
      "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
      "  <!-- written by firmnet; docs/EXPORT.md -->\n";
  write_keys(out, node_columns, "node", 'n');
  write_keys(out, edge_columns, "edge", 'e');
  out += "  <graph id=\"G\" edgedefault=\"directed\">\n";
  for (NodeId u = 0; u < graph.node_count(); ++u) {
    out += "    <node id=\"";
    append_xml_escaped(out, graph.nodes.id[u]);
    out += "\">";
    write_data(out, node_columns, u, 'n');
    out += "</node>\n";
    file.flush_if_full();
  }
  for_accepted_edges(graph, filter, [&](NodeId u, EdgeId e) {
    out += "    <edge id=\"" + std::to_string(e) + "\" source=\"";
    append_xml_escaped(out, graph.nodes.id[u]);
    out += "\" target=\"";
    append_xml_escaped(out, graph.nodes.id[graph.out_target[e]]);
    out += "\">";
    write_data(out, edge_columns, e, 'e');
    out += "</edge>\n";
    file.flush_if_full();
  });
  out += "  </graph>\n</graphml>\n";
  file.commit();
}

}  // namespace firmnet::export_detail

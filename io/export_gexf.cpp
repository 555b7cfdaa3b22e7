// GEXF 1.3 or 1.2 writer (gexf.net/schema.html) for Gephi and networkx; the two versions differ
// here only in their namespaces (1.2 is "http://www.gexf.net/1.2draft", which networkx 2.x and
// Gephi before 0.9.3 read): declared node and edge attributes
// (<attributes class="node|edge"> with types string / double / long), one <attvalue> per
// present value (missing values are omitted), label = name (or id when unnamed), native edge
// weight and kind (= relation type, so parallel edges of different types stay apart), and
// viz:position x = lon, y = lat (degrees) when both coordinates are known. O(n + m), streamed.
#include <cmath>

#include "io/csv_writer.hpp"
#include "io/atomic_file.hpp"
#include "io/export_support.hpp"
#include "io/markup_escape.hpp"

namespace firmnet::export_detail {

namespace {

void write_attribute_declarations(std::string& out, const std::vector<AttributeColumn>& columns, const char* cls) {
  out += "    <attributes class=\"";
  out += cls;
  out += "\">\n";
  for (std::size_t k = 0; k < columns.size(); ++k) {
    out += "      <attribute id=\"" + std::to_string(k) + "\" title=\"";
    append_xml_escaped(out, columns[k].name);
    out += "\" type=\"";
    out += xsd_type_name(columns[k].type);
    out += "\"/>\n";
  }
  out += "    </attributes>\n";
}

void write_attvalues(std::string& out, const std::vector<AttributeColumn>& columns, std::size_t row) {
  out += "<attvalues>";
  for (std::size_t k = 0; k < columns.size(); ++k) {
    const Cell cell = columns[k].cell(row);
    if (!cell.present) continue;
    out += "<attvalue for=\"" + std::to_string(k) + "\" value=\"";
    append_cell_xml(out, cell, columns[k].type);
    out += "\"/>";
  }
  out += "</attvalues>";
}

}  // namespace

void write_gexf(const Graph& graph, const std::vector<AttributeColumn>& node_columns,
                const std::vector<AttributeColumn>& edge_columns, const EdgeFilter& filter, const std::string& path,
                GexfVersion version) {
  AtomicFile file(path);
  std::string& out = file.buffer();
  const bool draft = version == GexfVersion::v1_2;
  const std::string ns = draft ? "http://www.gexf.net/1.2draft" : "http://gexf.net/1.3";
  out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"" + ns + "\" xmlns:viz=\"" + ns +
         "/viz\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"" + ns + " " + ns +
         "/gexf.xsd\" version=\"" + (draft ? "1.2" : "1.3") + "\">\n";
  out +=
      "  <meta><creator>firmnet</creator><description>firm-linkage network (docs/EXPORT.md)</description></meta>\n"
      "  <graph mode=\"static\" defaultedgetype=\"directed\">\n";
  write_attribute_declarations(out, node_columns, "node");
  write_attribute_declarations(out, edge_columns, "edge");
  out += "    <nodes>\n";
  const NodeTable& nodes = graph.nodes;
  for (NodeId u = 0; u < graph.node_count(); ++u) {
    out += "      <node id=\"";
    append_xml_escaped(out, nodes.id[u]);
    out += "\" label=\"";
    append_xml_escaped(out, nodes.name[u].empty() ? nodes.id[u] : nodes.name[u]);
    out += "\">";
    write_attvalues(out, node_columns, u);
    if (!std::isnan(nodes.lat[u]) && !std::isnan(nodes.lon[u])) {
      out += "<viz:position x=\"";
      append_csv_number(out, nodes.lon[u]);
      out += "\" y=\"";
      append_csv_number(out, nodes.lat[u]);
      out += "\" z=\"0\"/>";
    }
    out += "</node>\n";
    file.flush_if_full();
  }
  out += "    </nodes>\n    <edges>\n";
  for_accepted_edges(graph, filter, [&](NodeId u, EdgeId e) {
    out += "      <edge id=\"" + std::to_string(e) + "\" source=\"";
    append_xml_escaped(out, nodes.id[u]);
    out += "\" target=\"";
    append_xml_escaped(out, nodes.id[graph.out_target[e]]);
    out += "\" kind=\"";
    out += relation_type_name(graph.edges.type[e]);
    out += "\" weight=\"";
    append_csv_number(out, graph.edges.weight[e]);
    out += "\">";
    write_attvalues(out, edge_columns, e);
    out += "</edge>\n";
    file.flush_if_full();
  });
  out += "    </edges>\n  </graph>\n</gexf>\n";
  file.commit();
}

}  // namespace firmnet::export_detail

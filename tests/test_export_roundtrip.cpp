// Export round trips: export -> import gives the same graph (fingerprint, every node and edge
// attribute) for CSV and GraphML; result columns come back as "<result>.<column>"; edge
// filters select edges; hostile text (Chinese, &<>"', tab, newline) survives byte for byte.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/csv_import.hpp"
#include "io/export.hpp"
#include "io/graphml_import.hpp"
#include "io/xml_reader.hpp"
#include "test_support.hpp"

using namespace firmnet;
using firmnet::test::source_file;
using firmnet::test::TempDir;
using firmnet::test::write_file;

namespace {

Graph handmade() {
  return import_csv(source_file("datasets/handmade/nodes.csv"), source_file("datasets/handmade/edges.csv"), {}).graph;
}

// Hostile text in names, extra node and edge columns of every type, parallel edges, undated
// edges, missing values everywhere.
Graph tricky() {
  TempDir dir;
  const std::string nodes = write_file(dir.file("nodes.csv"),
                                       "id,name,kind,industry,stage,region,park,lat,lon,employees,revenue,founded,"
                                       "ownership,origin,score,rank\n"
                                       "A&1,\"苏州 <华晟> \"\"汽车\"\" & 'Co'\",firm,C3612,assembly,Suzhou,园区,31.3012,"
                                       "120.7231,5200,8.6e9,1998,state,relocated,0.125,3\n"
                                       "B2,\"two\nlines\tand tab\",university,,,,,,,,,,,,,\n"
                                       "C3,,association,C1,raw,Wuxi,,-0.1,1e-7,0,-5,2001,,spin-off,-1.5e-300,-7\n");
  const std::string edges = write_file(dir.file("edges.csv"),
                                       "source,target,type,weight,year,contract,share\n"
                                       "A&1,B2,supply,0.1,2020,\"合同 <x>\",0.5\n"
                                       "A&1,B2,cooperation,3,,,\n"
                                       "A&1,B2,supply,2,2021,frame,1\n"
                                       "C3,A&1,finance,1e10,1999,loan,\n");
  return import_csv(nodes, edges, {}).graph;
}

bool same_double(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

void require_same_column(const ExtraColumn& a, const ExtraColumn& b) {
  INFO("column " << a.name);
  REQUIRE(a.name == b.name);
  REQUIRE(a.values.index() == b.values.index());
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (const auto* text = std::get_if<StringColumn>(&a.values)) {
      REQUIRE(text->value(i) == std::get<StringColumn>(b.values).value(i));
    } else if (const auto* real = std::get_if<Float64Column>(&a.values)) {
      REQUIRE(same_double((*real)[i], std::get<Float64Column>(b.values)[i]));
    } else {
      REQUIRE(std::get<Int64Column>(a.values)[i] == std::get<Int64Column>(b.values)[i]);
    }
  }
}

// Every node attribute, every edge attribute and the topology (fingerprint) are equal.
void require_same_graph(const Graph& a, const Graph& b) {
  REQUIRE(a.node_count() == b.node_count());
  REQUIRE(a.edge_count() == b.edge_count());
  REQUIRE(a.fingerprint() == b.fingerprint());
  const NodeTable &x = a.nodes, &y = b.nodes;
  for (NodeId i = 0; i < a.node_count(); ++i) {
    INFO("node " << x.id[i]);
    REQUIRE(x.id[i] == y.id[i]);
    REQUIRE(x.name[i] == y.name[i]);
    REQUIRE(x.kind[i] == y.kind[i]);
    REQUIRE(x.industry.value(i) == y.industry.value(i));
    REQUIRE(x.stage.value(i) == y.stage.value(i));
    REQUIRE(x.region.value(i) == y.region.value(i));
    REQUIRE(x.park.value(i) == y.park.value(i));
    REQUIRE(x.ownership.value(i) == y.ownership.value(i));
    REQUIRE(same_double(x.lat[i], y.lat[i]));
    REQUIRE(same_double(x.lon[i], y.lon[i]));
    REQUIRE(same_double(x.employees[i], y.employees[i]));
    REQUIRE(same_double(x.revenue[i], y.revenue[i]));
    REQUIRE(x.founded[i] == y.founded[i]);
    REQUIRE(x.closed[i] == y.closed[i]);
  }
  REQUIRE(x.extra.size() == y.extra.size());
  for (std::size_t c = 0; c < x.extra.size(); ++c) require_same_column(x.extra[c], y.extra[c]);
  REQUIRE(a.edges.year == b.edges.year);
  REQUIRE(a.edges.weight == b.edges.weight);
  REQUIRE(a.edges.extra.size() == b.edges.extra.size());
  for (std::size_t c = 0; c < a.edges.extra.size(); ++c) require_same_column(a.edges.extra[c], b.edges.extra[c]);
}

Graph reimport(const Graph& graph, ExportFormat format, const TempDir& dir, const std::vector<Result>& results = {},
               const EdgeFilter& filter = {}) {
  if (format == ExportFormat::csv) {
    export_network(graph, results, filter, format, dir.file("csv"));
    return import_csv(dir.file("csv/nodes.csv"), dir.file("csv/edges.csv"), {}).graph;
  }
  export_network(graph, results, filter, format, dir.file("net.graphml"));
  return import_graphml(dir.file("net.graphml"), {}).graph;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("export: CSV and GraphML round-trip the handmade network exactly", "[export]") {
  const Graph graph = handmade();
  REQUIRE(graph.node_count() == 42);
  for (ExportFormat format : {ExportFormat::csv, ExportFormat::graphml}) {
    INFO(export_format_name(format));
    TempDir dir;
    require_same_graph(graph, reimport(graph, format, dir));
  }
}

TEST_CASE("export: hostile text, typed extras and parallel edges round-trip", "[export]") {
  const Graph graph = tricky();
  REQUIRE(graph.edge_count() == 4);
  REQUIRE(graph.nodes.name[0] == "苏州 <华晟> \"汽车\" & 'Co'");
  REQUIRE(graph.nodes.name[1] == "two\nlines\tand tab");
  for (ExportFormat format : {ExportFormat::csv, ExportFormat::graphml}) {
    INFO(export_format_name(format));
    TempDir dir;
    const Graph back = reimport(graph, format, dir);
    require_same_graph(graph, back);
    REQUIRE(back.nodes.name[0] == "苏州 <华晟> \"汽车\" & 'Co'");
  }
}

TEST_CASE("export: result columns are exported as <result>.<column> and read back", "[export]") {
  const Graph graph = handmade();
  Result result;
  result.name = "parks";
  std::vector<std::int64_t> unit(graph.node_count());
  std::vector<double> score(graph.node_count());
  for (NodeId i = 0; i < graph.node_count(); ++i) {
    unit[i] = i % 3 == 0 ? kMissingInt64 : static_cast<std::int64_t>(i % 5);
    score[i] = i % 4 == 0 ? std::nan("") : 1.0 / (i + 1);
  }
  result.add_column("unit", unit);
  result.add_column("score", score);
  for (ExportFormat format : {ExportFormat::csv, ExportFormat::graphml}) {
    INFO(export_format_name(format));
    TempDir dir;
    const Graph back = reimport(graph, format, dir, {result});
    REQUIRE(back.nodes.extra.size() == graph.nodes.extra.size() + 2);
    ExtraColumn expected_unit{"parks.unit", Int64Column(unit)};
    ExtraColumn expected_score{"parks.score", Float64Column(score)};
    require_same_column(expected_unit, back.nodes.extra[graph.nodes.extra.size()]);
    require_same_column(expected_score, back.nodes.extra[graph.nodes.extra.size() + 1]);
  }
  Result wrong = result;
  wrong.node_columns[0] = ExtraColumn{"unit", Int64Column(3, 1)};
  TempDir dir;
  REQUIRE_THROWS_AS(export_network(graph, {wrong}, {}, ExportFormat::graphml, dir.file("x.graphml")), UsageError);
  REQUIRE_FALSE(std::filesystem::exists(dir.file("x.graphml")));
}

TEST_CASE("export: an edge filter keeps all nodes and only the selected edges", "[export]") {
  const Graph graph = handmade();
  const EdgeFilter filter = EdgeFilter::parse("supply", "");
  std::uint64_t supply = 0;
  for (EdgeId e = 0; e < graph.edge_count(); ++e) supply += graph.edges.type[e] == RelationType::supply;
  REQUIRE(supply > 0);
  REQUIRE(supply < graph.edge_count());
  for (ExportFormat format : {ExportFormat::csv, ExportFormat::graphml}) {
    TempDir dir;
    const Graph back = reimport(graph, format, dir, {}, filter);
    REQUIRE(back.node_count() == graph.node_count());
    REQUIRE(back.edge_count() == supply);
    for (EdgeId e = 0; e < back.edge_count(); ++e) REQUIRE(back.edges.type[e] == RelationType::supply);
  }
}

TEST_CASE("export: GEXF and JSON are well formed and carry every attribute", "[export]") {
  const Graph graph = tricky();
  TempDir dir;
  const auto summary = export_network(graph, {}, {}, ExportFormat::gexf, dir.file("net.gexf"));
  REQUIRE(summary.nodes == 3);
  REQUIRE(summary.edges == 4);
  REQUIRE(summary.node_attributes == 13 + 3);  // the schema columns with closed, and 3 extras
  REQUIRE(summary.edge_attributes == 3 + 2);
  // Parse with our strict XML reader: counts of nodes, edges, attribute declarations, positions.
  XmlReader reader(dir.file("net.gexf"));
  std::size_t node_elements = 0, edge_elements = 0, declarations = 0, positions = 0;
  std::vector<std::string> labels;
  for (const XmlEvent* event = &reader.next(); event->kind != XmlEvent::Kind::end_of_document; event = &reader.next()) {
    if (event->kind != XmlEvent::Kind::start_element) continue;
    if (event->name == "node") {
      ++node_elements;
      labels.push_back(*event->attribute("label"));
    }
    edge_elements += event->name == "edge";
    declarations += event->name == "attribute";
    positions += event->name == "viz:position";
  }
  REQUIRE(node_elements == 3);
  REQUIRE(edge_elements == 4);
  REQUIRE(declarations == 16 + 5);
  REQUIRE(positions == 2);  // B2 has no coordinates
  REQUIRE(labels == std::vector<std::string>{"苏州 <华晟> \"汽车\" & 'Co'", "two\nlines\tand tab", "C3"});

  export_network(graph, {}, {}, ExportFormat::json, dir.file("net.json"));
  const std::string json = read_text(dir.file("net.json"));
  REQUIRE(json.rfind("{\"directed\": true, \"multigraph\": true,", 0) == 0);
  REQUIRE(json.find("\"name\": \"two\\nlines\\tand tab\"") != std::string::npos);
  REQUIRE(json.find("\"lat\": null") != std::string::npos);
  REQUIRE(json.find("\"year\": null") != std::string::npos);
  REQUIRE(json.find("\"revenue\": 8.6e+09") != std::string::npos);  // shortest round-trip form
}

TEST_CASE("export: a failed write leaves no file behind", "[export]") {
  const Graph graph = handmade();
  TempDir dir;
  REQUIRE_THROWS_AS(export_network(graph, {}, {}, ExportFormat::graphml, dir.file("missing/dir/x.graphml")), DataError);
  REQUIRE(std::filesystem::is_empty(dir.path()));
  REQUIRE(parse_export_format("GraphML") == ExportFormat::graphml);
  REQUIRE_FALSE(parse_export_format("xml"));
}

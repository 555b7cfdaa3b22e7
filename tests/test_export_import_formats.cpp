// GraphML and edge-list import, and the XML reader under them: entity and CDATA decoding,
// key mapping and defaults, parallel-edge merging, and every error with its file and line.
#include <catch2/catch.hpp>

#include <cmath>

#include "io/edgelist_import.hpp"
#include "io/graphml_import.hpp"
#include "io/xml_reader.hpp"
#include "test_support.hpp"

using namespace firmnet;
using firmnet::test::TempDir;
using firmnet::test::write_file;

namespace {

std::string xml_error(const std::string& text) {
  XmlReader reader(text, "t.xml");
  try {
    while (reader.next().kind != XmlEvent::Kind::end_of_document) {
    }
  } catch (const DataError& e) {
    return e.what();
  }
  return "";
}

ImportResult graphml(const std::string& body, ImportOptions options = {}) {
  TempDir dir;
  const std::string path = write_file(dir.file("g.graphml"), body);
  return import_graphml(path, options);
}

std::string graphml_error(const std::string& body) {
  try {
    graphml(body);
  } catch (const DataError& e) {
    return e.what();
  }
  return "";
}

const std::string kHead =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n";

}  // namespace

TEST_CASE("export: XML reader decodes entities, character references, CDATA and comments", "[export]") {
  XmlReader reader(
      "\xEF\xBB\xBF<?xml version=\"1.0\"?>\r\n<!DOCTYPE r>\n<!-- c -->\n"
      "<r a='x &amp; &lt;&gt; &quot;&apos; &#20013;&#x6587; &#x1F600;' b=\"l1\nl2&#10;\">"
      "t&amp;<![CDATA[<raw> & ]]><e/></r>",
      "t.xml");
  const XmlEvent& root = reader.next();
  REQUIRE(root.kind == XmlEvent::Kind::start_element);
  REQUIRE(root.name == "r");
  REQUIRE(root.line == 4);
  REQUIRE(*root.attribute("a") == "x & <> \"' 中文 \xF0\x9F\x98\x80");
  REQUIRE(*root.attribute("b") == "l1 l2\n");  // literal newline normalised, &#10; kept
  REQUIRE(reader.next().text == "t&");
  REQUIRE(reader.next().text == "<raw> & ");
  const XmlEvent& empty = reader.next();
  REQUIRE(empty.name == "e");
  REQUIRE(empty.self_closing);
  REQUIRE(reader.next().kind == XmlEvent::Kind::end_element);
  REQUIRE(reader.next().kind == XmlEvent::Kind::end_element);
  REQUIRE(reader.next().kind == XmlEvent::Kind::end_of_document);
}

TEST_CASE("export: XML reader rejects malformed documents with the line", "[export]") {
  CHECK(xml_error("<a>\n<b>\n</a>") == "t.xml:3: </a> does not match <b>");
  CHECK(xml_error("<a>\n<b>") == "t.xml:2: end of file inside <b>");
  CHECK(xml_error("<a x='1' x='2'/>") == "t.xml:1: attribute 'x' appears twice");
  CHECK(xml_error("<a>\n&nbsp;</a>") ==
        "t.xml:2: unknown entity '&nbsp;' (only &amp; &lt; &gt; &quot; &apos; and &#N;)");
  CHECK(xml_error("<a x=1/>") == "t.xml:1: the value of attribute 'x' must be quoted");
  CHECK(xml_error("<a/><b/>") == "t.xml:1: a second root element <b>");
  CHECK(xml_error("<a/>\ntext") == "t.xml:2: text outside the root element");
  CHECK(xml_error("<a>&#0;</a>") == "t.xml:1: bad character reference '&#0;'");
  CHECK(xml_error("<a><!-- x </a>") == "t.xml:1: unterminated comment");
  CHECK(xml_error("<!DOCTYPE a [<!ENTITY e 'x'>]><a/>") == "t.xml:1: DOCTYPE internal subsets are not supported");
  CHECK(xml_error("") == "t.xml:1: no root element");
}

TEST_CASE("export: GraphML keys map to schema columns, defaults apply, the rest become extras", "[export]") {
  const auto result = graphml(kHead +
                              "<key id=\"d0\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
                              "<key id=\"d1\" for=\"node\" attr.name=\"Kind\" attr.type=\"string\"/>\n"
                              "<key id=\"d2\" for=\"node\" attr.name=\"employees\" attr.type=\"double\"/>\n"
                              "<key id=\"d3\" for=\"node\" attr.name=\"size\" attr.type=\"double\"/>\n"
                              "<key id=\"d4\" for=\"node\" attr.name=\"code\" attr.type=\"string\"/>\n"
                              "<key id=\"d5\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\">"
                              "<default>2.5</default></key>\n"
                              "<key id=\"d6\" for=\"edge\" attr.name=\"relation\" attr.type=\"string\"/>\n"
                              "<key id=\"d7\" for=\"edge\" attr.name=\"type\" attr.type=\"string\"/>\n"
                              "<key id=\"d8\" for=\"all\" attr.name=\"note\" attr.type=\"string\"/>\n"
                              "<graph edgedefault=\"undirected\">\n"
                              "<edge source=\"b\" target=\"a\"><data key=\"d7\">cooperation</data></edge>\n"
                              "<node id=\"a\"><data key=\"d0\">Alpha &amp; 公司</data><data key=\"d3\">3</data>"
                              "<data key=\"d4\">007</data><data key=\"d8\">n</data></node>\n"
                              "<node id=\"b\"><data key=\"d1\">University</data><data key=\"d2\">12</data></node>\n"
                              "<edge source=\"a\" target=\"b\"><data key=\"d6\">x</data></edge>\n"
                              "<edge source=\"a\" target=\"b\"><data key=\"d5\">1</data></edge>\n"
                              "<edge source=\"a\" target=\"a\"/>\n"
                              "</graph></graphml>\n");
  const Graph& g = result.graph;
  REQUIRE(g.node_count() == 2);
  REQUIRE(g.nodes.id[0] == "a");
  REQUIRE(g.nodes.name[0] == "Alpha & 公司");
  REQUIRE(g.nodes.kind[1] == NodeKind::university);
  REQUIRE(std::isnan(g.nodes.employees[0]));
  REQUIRE(g.nodes.employees[1] == 12);
  REQUIRE(g.nodes.extra.size() == 3);
  REQUIRE(g.nodes.extra[0].name == "size");
  REQUIRE(std::get<Float64Column>(g.nodes.extra[0].values)[0] == 3.0);  // declared double
  REQUIRE(std::get<StringColumn>(g.nodes.extra[1].values).value(0) == "007");  // declared string
  REQUIRE(g.nodes.extra[2].name == "note");
  // a->b twice (same type supply, undated): merged, weights 2.5 (default) + 1.
  REQUIRE(g.edge_count() == 2);
  REQUIRE(result.log.duplicate_edges_merged == 1);
  REQUIRE(result.log.self_loops_dropped == 1);
  REQUIRE(g.out_degree(0) == 1);
  REQUIRE(g.edges.weight[0] == 3.5);
  REQUIRE(g.edges.type[0] == RelationType::supply);
  REQUIRE(std::get<StringColumn>(g.edges.extra[0].values).value(0) == "x");  // first occurrence kept
  REQUIRE(g.edges.type[1] == RelationType::cooperation);
  REQUIRE(g.edges.weight[1] == 2.5);
  REQUIRE(g.edges.extra.size() == 2);
}

TEST_CASE("export: GraphML bad values are rejected with the element's line, strict and lenient", "[export]") {
  const std::string body = kHead +
                           "<key id=\"k\" for=\"node\" attr.name=\"lat\" attr.type=\"double\"/>\n"
                           "<key id=\"y\" for=\"edge\" attr.name=\"year\" attr.type=\"int\"/>\n"
                           "<graph edgedefault=\"directed\">\n"
                           "<node id=\"a\"/>\n"
                           "<node id=\"b\">\n  <data key=\"k\">95</data></node>\n"
                           "<node id=\"a\"/>\n"
                           "<edge source=\"a\" target=\"zz\"/>\n"
                           "<edge source=\"a\" target=\"b\"><data key=\"y\">20x1</data></edge>\n"
                           "<edge source=\"a\" target=\"a\"/>\n"
                           "</graph></graphml>\n";
  try {
    graphml(body);
    FAIL("strict import accepted bad elements");
  } catch (const ImportError& e) {
    const ImportLog& log = e.log();
    REQUIRE(log.rejected_total() == 4);
    REQUIRE(log.issues.size() == 4);
    CHECK(log.issues[0].line == 7);  // <node id="b"> (its data is on line 8)
    CHECK(log.issues[0].reason == "bad_coordinate");
    CHECK(log.issues[1].line == 9);
    CHECK(log.issues[1].reason == "duplicate_node_id");
    CHECK(log.issues[2].line == 11);
    CHECK(log.issues[2].reason == "bad_year");
    CHECK(log.issues[3].line == 10);  // endpoints are resolved after all nodes
    CHECK(log.issues[3].reason == "unknown_endpoint");
  }
  ImportOptions lenient;
  lenient.lenient = true;
  // 4 of 6 elements rejected: lenient alone refuses it, --allow-empty keeps what is left.
  CHECK_THROWS_AS(graphml(body, lenient), ImportError);
  lenient.allow_empty = true;
  const auto result = graphml(body, lenient);
  REQUIRE(result.graph.node_count() == 1);
  REQUIRE(result.graph.edge_count() == 0);
  REQUIRE(result.log.self_loops_dropped == 1);
  ImportOptions implicit;
  implicit.implicit_nodes = true;
  implicit.lenient = true;
  implicit.allow_empty = true;
  REQUIRE(graphml(body, implicit).graph.node_count() == 2);  // zz created
}

TEST_CASE("export: GraphML structural errors name file and line", "[export]") {
  auto ends_with = [](const std::string& text, const std::string& suffix) {
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  CHECK(ends_with(graphml_error("<gexf/>"), ":1: not a GraphML file (the root element is <gexf>, expected <graphml>)"));
  CHECK(ends_with(graphml_error(kHead + "<graph>\n<node id=\"a\"><data key=\"q\">1</data></node></graph></graphml>"),
                  ":4: <data key=\"q\"> refers to an undeclared key"));
  CHECK(ends_with(graphml_error(kHead + "<graph>\n<node id=\"a\">\n<graph/></node></graph></graphml>"),
                  ":5: nested graphs (inside <node>) are not supported"));
  CHECK(ends_with(graphml_error(kHead + "<graph>\n<hyperedge/></graph></graphml>"), ":4: hyperedges are not supported"));
  CHECK(ends_with(graphml_error(kHead + "<graph/>\n<graph/></graphml>"),
                  ":4: more than one <graph> (firmnet imports one network per file)"));
  CHECK(ends_with(graphml_error(kHead + "<graph>\n<node id=\"a\"></graph></graphml>"),
                  ":4: </graph> does not match <node>"));
}

TEST_CASE("export: plain edge lists with comments, weights and errors", "[export]") {
  TempDir dir;
  const std::string path = write_file(dir.file("g.txt"),
                                      "# a comment\n"
                                      "a b\n"
                                      "\n"
                                      "b\tc 2.5  # trailing comment\n"
                                      "a b 3\n"
                                      "  c   a\r\n"
                                      "d d\n");
  const auto result = import_edgelist(path, {});
  const Graph& g = result.graph;
  REQUIRE(g.node_count() == 4);
  REQUIRE(g.nodes.id[0] == "a");
  REQUIRE(g.nodes.id[3] == "d");
  REQUIRE(g.edge_count() == 3);
  REQUIRE(result.log.duplicate_edges_merged == 1);
  REQUIRE(result.log.self_loops_dropped == 1);
  REQUIRE(g.edges.weight[0] == 4.0);  // a->b: 1 + 3
  REQUIRE(g.edges.weight[1] == 2.5);  // b->c
  REQUIRE(g.edges.type[0] == RelationType::supply);

  const std::string bad = write_file(dir.file("bad.txt"), "a b\na\na b -1\na b c d\na b nan\n");
  try {
    import_edgelist(bad, {});
    FAIL("strict import accepted bad rows");
  } catch (const ImportError& e) {
    REQUIRE(e.log().rejected_total() == 4);
    CHECK(e.log().issues[0].line == 2);
    CHECK(e.log().issues[0].reason == "wrong_column_count");
    CHECK(e.log().issues[1].line == 3);
    CHECK(e.log().issues[1].reason == "bad_weight");
    CHECK(e.log().issues[2].line == 4);
    CHECK(e.log().issues[3].reason == "bad_weight");
  }
  ImportOptions lenient;
  lenient.lenient = true;
  CHECK_THROWS_AS(import_edgelist(bad, lenient), ImportError);  // 4 of 5 rows rejected
  lenient.allow_empty = true;
  REQUIRE(import_edgelist(bad, lenient).graph.edge_count() == 1);
}

// Hostile GraphML input (docs/ROBUSTNESS.md, extended to the GraphML importer): each case ends
// in a clear error naming the file and line, or in a correct import, in time linear in the
// input.
// Limit, documented in io/xml_reader.hpp: the whole document is held in memory, so a GraphML
// file needs about its own size in RAM (CSV import streams instead).
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "graph/errors.hpp"
#include "io/graphml_import.hpp"
#include "test_support.hpp"

using namespace firmnet;
using firmnet::test::TempDir;
using firmnet::test::error_of;
using firmnet::test::write_file;

namespace {

const std::string kHead =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n";

}  // namespace

TEST_CASE("GraphML: invalid UTF-8 is an error naming its line", "[hardening][input]") {
  TempDir dir;
  const std::string path = write_file(dir.file("bad.graphml"), kHead +
                                                                    "<graph edgedefault=\"directed\">\n"
                                                                    "<node id=\"a\"/>\n"
                                                                    "<node id=\"\xff\xfe\"/>\n"
                                                                    "</graph>\n</graphml>\n");
  CHECK_THAT(error_of([&] { import_graphml(path, {}); }), Catch::Contains("bad.graphml:5: invalid UTF-8"));
  // Latin-1 declared as such is not read either: UTF-8 only.
  const std::string latin1 = write_file(dir.file("latin1.graphml"),
                                        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<graphml>\n"
                                        "<graph edgedefault=\"directed\"><node id=\"M\xfcller GmbH\"/></graph>\n"
                                        "</graphml>\n");
  CHECK_THAT(error_of([&] { import_graphml(latin1, {}); }), Catch::Contains("latin1.graphml:3: invalid UTF-8"));
}

TEST_CASE("GraphML: an unbalanced quote is an error naming the attribute's line", "[hardening][input]") {
  TempDir dir;
  std::string body = kHead + "<graph edgedefault=\"directed\">\n<node id=\"a\"/>\n<node id=\"b/>\n";
  for (int i = 0; i < 20000; ++i) body += "text that never closes the quote\n";
  const std::string path = write_file(dir.file("quote.graphml"), body);
  CHECK_THAT(error_of([&] { import_graphml(path, {}); }),
             Catch::Contains("quote.graphml:5: unterminated value of attribute 'id'"));
}

TEST_CASE("GraphML: a start tag with a million attributes is parsed in linear time", "[hardening][input]") {
  // Regression: the duplicate-attribute check scanned all earlier attributes (quadratic: 10 s
  // for 100,000 attributes, hours for a million).
  TempDir dir;
  std::string tag = "<node id=\"a\"";
  for (int i = 0; i < 1000000; ++i) tag += " a" + std::to_string(i) + "=\"x\"";
  const std::string ok = write_file(dir.file("wide.graphml"), kHead + "<graph edgedefault=\"directed\">\n" + tag +
                                                                    "/>\n<node id=\"b\"/>\n"
                                                                    "<edge source=\"a\" target=\"b\"/>\n</graph>\n</graphml>\n");
  CHECK(import_graphml(ok, {}).graph.edge_count() == 1);
  const std::string twice = write_file(dir.file("twice.graphml"), kHead + "<graph edgedefault=\"directed\">\n" + tag +
                                                                       " a999999=\"y\"/>\n</graph>\n</graphml>\n");
  CHECK_THAT(error_of([&] { import_graphml(twice, {}); }),
             Catch::Contains("twice.graphml:4: attribute 'a999999' appears twice"));
}

TEST_CASE("GraphML: more keys than the column limit is an error naming the line", "[hardening][input]") {
  TempDir dir;
  std::string keys;
  for (std::size_t i = 0; i <= kMaxColumns; ++i)
    keys += "<key id=\"k" + std::to_string(i) + "\" for=\"node\" attr.name=\"c" + std::to_string(i) + "\"/>\n";
  const std::string path =
      write_file(dir.file("keys.graphml"), kHead + keys + "<graph edgedefault=\"directed\"/>\n</graphml>\n");
  // The head takes 2 lines, so key number kMaxColumns (0-based) is on line kMaxColumns + 3.
  CHECK_THAT(error_of([&] { import_graphml(path, {}); }),
             Catch::Contains("keys.graphml:" + std::to_string(kMaxColumns + 3) + ": more than 16384 <key> declarations"));
}

TEST_CASE("GraphML: extreme weights are kept or rejected like CSV ones", "[hardening][input]") {
  TempDir dir;
  std::string body = kHead + "<key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
                             "<graph edgedefault=\"directed\">\n";
  const char* weights[] = {"1e308", "1.7976931348623157e308", "4.9e-324", "1e309", "inf", "nan", "-1e308", "0x1p1024"};
  for (int i = 0; i < 8; ++i)
    body += "<edge source=\"n" + std::to_string(i) + "\" target=\"m" + std::to_string(i) + "\"><data key=\"w\">" +
            weights[i] + "</data></edge>\n";
  const std::string path = write_file(dir.file("weights.graphml"), body + "</graph>\n</graphml>\n");
  ImportOptions lenient;
  lenient.lenient = true;
  lenient.allow_empty = true;  // 5 of the 8 weights are the rejected ones
  lenient.implicit_nodes = true;
  const ImportResult result = import_graphml(path, lenient);
  REQUIRE(result.graph.edge_count() == 3);
  for (double w : result.graph.edges.weight) {
    CHECK(std::isfinite(w));
    CHECK(w > 0);
  }
  CHECK(result.log.rejected_by_reason.at("bad_weight") == 5);
  // Merged duplicates that sum to infinity: an error, never an infinite weight.
  const std::string twice = write_file(
      dir.file("twice.graphml"), kHead + "<key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
                                         "<graph edgedefault=\"directed\"><node id=\"a\"/><node id=\"b\"/>\n"
                                         "<edge source=\"a\" target=\"b\"><data key=\"w\">1e308</data></edge>\n"
                                         "<edge source=\"a\" target=\"b\"><data key=\"w\">1e308</data></edge>\n"
                                         "</graph>\n</graphml>\n");
  CHECK_THAT(error_of([&] { import_graphml(twice, {}); }), Catch::Contains("summed weights to infinity"));
}

TEST_CASE("GraphML: 200,000 copies of one edge merge into one", "[hardening][input]") {
  TempDir dir;
  std::string body = kHead + "<graph edgedefault=\"directed\">\n<node id=\"a\"/><node id=\"b\"/>\n";
  for (int i = 0; i < 200000; ++i) body += "<edge source=\"a\" target=\"b\"/>\n";
  const std::string path = write_file(dir.file("dup.graphml"), body + "</graph>\n</graphml>\n");
  const ImportResult result = import_graphml(path, {});
  REQUIRE(result.graph.edge_count() == 1);
  CHECK(result.graph.edges.weight[0] == 200000.0);
  CHECK(result.log.duplicate_edges_merged == 199999);
}

// The io/ utilities every writer and importer shares: JSON and XML text, atomic files, the
// value checks of the importers and reading a stored community membership. Expected texts are
// written out by hand from RFC 8259, XML 1.0 section 2.4 and docs/FORMAT.md.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "graph/errors.hpp"
#include "io/atomic_file.hpp"
#include "io/csv_import.hpp"
#include "io/json_writer.hpp"
#include "io/markup_escape.hpp"
#include "io/network_store.hpp"
#include "io/record_validation.hpp"
#include "io/results.hpp"
#include "test_support.hpp"

using namespace firmnet;
using firmnet::test::error_of;
using firmnet::test::source_file;
using firmnet::test::TempDir;
using firmnet::test::temp_leftovers;

namespace {

std::string json_string(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

std::string json_number(double value) {
  std::string out;
  append_json_number(out, value);
  return out;
}

std::string xml_escaped(std::string_view text) {
  std::string out;
  append_xml_escaped(out, text);
  return out;
}

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

TEST_CASE("JSON text: strings escaped per RFC 8259, numbers round-trip, non-finite as null", "[io][json]") {
  CHECK(json_string("plain") == "\"plain\"");
  CHECK(json_string("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(json_string("l1\nl2\r\tx") == "\"l1\\nl2\\r\\tx\"");
  CHECK(json_string(std::string("\x01\x1f\0", 3)) == "\"\\u0001\\u001f\\u0000\"");
  CHECK(json_string("\xE4\xB8\xAD/\x7f") == "\"\xE4\xB8\xAD/\x7f\"");  // UTF-8, '/' and DEL pass through
  CHECK(json_number(0.1) == "0.10000000000000001");
  CHECK(json_number(-2) == "-2");
  CHECK(json_number(1e300) == "1.0000000000000001e+300");
  CHECK(json_number(std::numeric_limits<double>::infinity()) == "null");
  CHECK(json_number(std::nan("")) == "null");

  std::ostringstream out;
  JsonWriter json(out);
  json.begin_object().key("k\"").value("v\n").key("list").begin_array().value(1).value(2.5).value(std::uint64_t{7});
  json.value(true).null().value(std::numeric_limits<double>::quiet_NaN()).end_array();
  json.key("empty").begin_object().end_object().end_object();
  CHECK(out.str() == "{\"k\\\"\":\"v\\n\",\"list\":[1,2.5,7,true,null,null],\"empty\":{}}\n");
}

TEST_CASE("XML text: the five entities, whitespace as references, other controls as U+FFFD", "[io][xml]") {
  CHECK(xml_escaped("a & b <c> \"d\" 'e'") == "a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;");
  CHECK(xml_escaped("t\tn\nr\r") == "t&#9;n&#10;r&#13;");
  CHECK(xml_escaped(std::string("\x01x\0", 3)) == "\xEF\xBF\xBDx\xEF\xBF\xBD");
  CHECK(xml_escaped("\xE4\xB8\xAD\xE6\x96\x87") == "\xE4\xB8\xAD\xE6\x96\x87");
}

TEST_CASE("export atomic file: streamed text lands whole, an abandoned write leaves the old file", "[io][export]") {
  TempDir dir;
  const std::string path = dir.file("out.txt");
  test::write_file(path, "old");

  std::string expected;
  for (int i = 0; expected.size() < (3u << 20); ++i) expected += "line " + std::to_string(i) + "\n";
  {
    AtomicFile file(path);
    std::string& out = file.buffer();
    for (std::size_t at = 0; at < expected.size(); at += 1000) {
      out.append(expected, at, 1000);
      file.flush_if_full();  // several 1 MiB blocks reach the temporary file before commit
    }
    CHECK(read_bytes(path) == "old");
    CHECK(temp_leftovers(dir).size() == 1);
    file.commit();
  }
  CHECK(read_bytes(path) == expected);
  CHECK(temp_leftovers(dir).empty());

  {
    AtomicFile file(path);
    file.buffer() = std::string(2u << 20, 'x');
    file.flush_if_full();
  }  // destroyed without commit
  CHECK(read_bytes(path) == expected);
  CHECK(temp_leftovers(dir).empty());

  {
    AtomicFile file(dir.file("other.txt"));
    test::write_file(file.temp_path(), "written by a library");
    file.commit();
  }
  CHECK(read_bytes(dir.file("other.txt")) == "written by a library");
  CHECK(temp_leftovers(dir).empty());

  CHECK(error_of([&] { AtomicFile file(dir.file("missing/out.txt")); }) ==
        dir.file("missing/out.txt") + ": cannot write: directory '" + dir.file("missing") + "' does not exist");
  CHECK(error_of([&] { AtomicFile file(dir.path().string()); }) == dir.path().string() + ": cannot write: it is a directory");
  // A library that never created the temporary file: commit fails, naming the target.
  CHECK_THAT(error_of([&] {
               AtomicFile file(dir.file("never.txt"));
               file.commit();
             }),
             Catch::StartsWith(dir.file("never.txt") + ": cannot flush the new file: "));
  CHECK_FALSE(std::filesystem::exists(dir.file("never.txt")));
  CHECK(temp_leftovers(dir).empty());
}

TEST_CASE("record validation: importers' node checks in order, with their reasons and messages", "[io][csv][graphml]") {
  NodeValues values;
  CHECK_FALSE(parse_node_values({}, values));
  CHECK(values.kind == NodeKind::firm);
  CHECK(std::isnan(values.lat));
  CHECK(values.founded == 0);

  REQUIRE_FALSE(parse_node_values({" university ", "+31.2", "121.5", "12", "-3.5", " 1998 "}, values));
  CHECK(values.kind == NodeKind::university);
  CHECK(values.lat == 31.2);
  CHECK(values.lon == 121.5);
  CHECK(values.employees == 12);
  CHECK(values.revenue == -3.5);
  CHECK(values.founded == 1998);

  struct Case {
    NodeText text;
    std::string reason, detail;
  };
  const std::vector<Case> cases = {
      {{.kind = "castle"}, "unknown_kind", "kind 'castle' is not a node kind (see docs/FORMAT.md)"},
      {{.lat = "90.5"}, "bad_coordinate", "lat '90.5' is not a latitude in [-90, 90]"},
      {{.lat = "nan"}, "bad_coordinate", "lat 'nan' is not a latitude in [-90, 90]"},
      {{.lon = "12E"}, "bad_coordinate", "lon '12E' is not a longitude in [-180, 180]"},
      {{.employees = "-1"}, "bad_number", "employees '-1' is not a finite number >= 0"},
      {{.revenue = "inf"}, "bad_number", "revenue 'inf' is not a finite number"},
      {{.founded = "1998.5"}, "bad_number", "founded '1998.5' is not a year (1800-2100)"},
      {{.founded = "10000"}, "bad_number", "founded '10000' is outside the years 1800-2100"},
      {{.founded = "1799"}, "bad_number", "founded '1799' is outside the years 1800-2100"},
      {{.founded = " 98 "}, "bad_number", "founded: two-digit year '98'; write the full year"},
      {{.founded = "0"}, "bad_number", "founded: two-digit year '0'; write the full year"},
      {{.lat = "31,5"}, "bad_coordinate", "lat '31,5' is not a latitude in [-90, 90]"},  // no decimal comma asked for
      // The first failing field is reported.
      {{.kind = "castle", .lat = "100"}, "unknown_kind", "kind 'castle' is not a node kind (see docs/FORMAT.md)"},
  };
  for (const auto& c : cases) {
    NodeValues scratch;
    const auto rejection = parse_node_values(c.text, scratch);
    REQUIRE(rejection);
    CHECK(rejection->reason == c.reason);
    CHECK(rejection->detail == c.detail);
  }
}

TEST_CASE("record validation: importers' edge checks in order, with their reasons and messages", "[io][csv][graphml]") {
  EdgeValues values;
  REQUIRE_FALSE(parse_edge_values({}, values));
  CHECK(values.type == RelationType::supply);
  CHECK(values.weight == 1.0);
  CHECK(values.year == kNoYear);
  REQUIRE_FALSE(parse_edge_values({"ownership", "+2.5", "2019"}, values));
  CHECK(values.type == RelationType::ownership);
  CHECK(values.weight == 2.5);
  CHECK(values.year == 2019);

  struct Case {
    EdgeText text;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {{.type = "friendship"}, "unknown_type: type 'friendship' is not a relation type (see docs/FORMAT.md)"},
      {{.weight = "-0.5"}, "bad_weight: weight '-0.5' is not a finite number >= 0"},
      {{.weight = "+"}, "bad_weight: weight '+' is not a finite number >= 0"},
      {{.weight = "1e400"}, "bad_weight: weight '1e400' is not a finite number >= 0"},
      {{.year = "0"}, "bad_year: year: two-digit year '0'; write the full year"},
      {{.year = "22"}, "bad_year: year: two-digit year '22'; write the full year"},
      {{.year = "2101"}, "bad_year: year '2101' is outside the years 1800-2100"},
      {{.year = "-2020"}, "bad_year: year '-2020' is outside the years 1800-2100"},
      {{.weight = "x", .year = "0"}, "bad_weight: weight 'x' is not a finite number >= 0"},
  };
  for (const auto& c : cases) {
    EdgeValues scratch;
    const auto rejection = parse_edge_values(c.text, scratch);
    REQUIRE(rejection);
    CHECK(rejection->reason + ": " + rejection->detail == c.expected);
  }
  // Decimal commas, when asked for: digits, one comma, digits; nothing else changes meaning.
  REQUIRE_FALSE(parse_edge_values({.weight = " 1,25 ", .year = "1800"}, values, true));
  CHECK(values.weight == 1.25);
  CHECK(values.year == 1800);
  REQUIRE_FALSE(parse_edge_values({.weight = "2.5", .year = "2100"}, values, true));
  CHECK(values.weight == 2.5);
  for (const char* bad : {"1.234,5", "1,2,3", ",5", "5,", "1,5e3", "1,5"}) {
    EdgeValues scratch;
    INFO(bad);
    CHECK(parse_edge_values({.weight = bad}, scratch, std::string_view(bad) == "1,5" ? false : true));
  }
  NodeValues node;
  REQUIRE_FALSE(parse_node_values({.lat = "-31,5", .lon = "+120,25", .employees = "1,5", .revenue = "-0,75"}, node, true));
  CHECK(node.lat == -31.5);
  CHECK(node.lon == 120.25);
  CHECK(node.employees == 1.5);
  CHECK(node.revenue == -0.75);
}

TEST_CASE("read_membership returns a stored membership and names file and result otherwise", "[io][hdf5]") {
  TempDir dir;
  const ImportResult base =
      import_csv(source_file("datasets/handmade/nodes.csv"), source_file("datasets/handmade/edges.csv"), {});
  const std::string path = dir.file("net.h5");
  save_network(path, base.graph, base.log);
  const std::size_t n = base.graph.node_count();

  Result communities;
  communities.name = "parts";
  communities.method = "test";
  std::vector<std::int64_t> membership(n);
  for (std::size_t i = 0; i < n; ++i) membership[i] = static_cast<std::int64_t>(i % 3);
  communities.add_column("membership", membership);
  Result scores;
  scores.name = "scores";
  scores.method = "test";
  scores.add_column("membership", std::vector<double>(n, 1.0));  // real numbers, not community ids
  Result other;
  other.name = "other";
  other.method = "test";
  other.add_column("score", membership);
  write_results(path, {communities, scores, other});

  CHECK(read_membership(path, "parts") == membership);
  const std::string expected_tail =
      "' holds no community membership (a 'membership' column of one integer per node, as `firmnet communities` "
      "stores)";
  CHECK(error_of([&] { read_membership(path, "scores"); }) == path + ": result 'scores" + expected_tail);
  CHECK(error_of([&] { read_membership(path, "other"); }) == path + ": result 'other" + expected_tail);
  CHECK(error_of([&] { read_membership(path, "absent"); }) == path + ": no stored result named 'absent'");
  CHECK_THROWS_AS(read_membership(path, "other"), DataError);
}

// CSV import: format edge cases and every rejection reason, strict and lenient.
#include <catch2/catch.hpp>

#include <cmath>

#include "io/csv_import.hpp"
#include "io/csv_reader.hpp"
#include "graph/random.hpp"
#include "test_support.hpp"

using namespace firmnet;
using firmnet::test::TempDir;
using firmnet::test::on_threads;
using firmnet::test::write_file;

namespace {

const char* kNodeHeader = "id,name,kind,industry,stage,region,park,lat,lon,employees,revenue,founded,ownership\n";

ImportResult import_text(const TempDir& dir, const std::string& nodes, const std::string& edges,
                         ImportOptions options = {}) {
  const std::string n = nodes.empty() ? "" : write_file(dir.file("nodes.csv"), nodes);
  const std::string e = write_file(dir.file("edges.csv"), edges);
  return import_csv(n, e, options);
}

// Imports in strict mode expecting failure; returns the log of the rejection.
ImportLog rejected(const std::string& nodes, const std::string& edges) {
  TempDir dir;
  try {
    import_text(dir, nodes, edges);
  } catch (const ImportError& e) {
    return e.log();
  }
  FAIL("import should have been rejected");
  return {};
}

std::vector<std::vector<std::string>> read_all(const std::string& path, char delimiter = 0) {
  CsvReader reader(path, delimiter);
  std::vector<std::string_view> fields;
  std::vector<std::vector<std::string>> rows;
  while (reader.next(fields)) {
    REQUIRE_FALSE(reader.has_problem());
    rows.emplace_back(fields.begin(), fields.end());
  }
  return rows;
}

}  // namespace

TEST_CASE("CsvReader handles RFC 4180 quoting, BOM, CRLF and blank lines", "[core][csv]") {
  TempDir dir;
  const std::string path = write_file(dir.file("a.csv"),
                                      "\xEF\xBB\xBF"
                                      "a,b,c\r\n"
                                      "\"x, y\",\"say \"\"hi\"\"\",\"multi\r\nline\"\r\n"
                                      "\r\n"
                                      ",,\n"
                                      "last,row,no-newline");
  CsvReader reader(path);
  std::vector<std::string_view> f;
  REQUIRE(reader.next(f));
  CHECK(f == std::vector<std::string_view>{"a", "b", "c"});
  CHECK(reader.record_line() == 1);
  REQUIRE(reader.next(f));
  REQUIRE(f.size() == 3);
  CHECK(f[0] == "x, y");
  CHECK(f[1] == "say \"hi\"");
  CHECK(f[2] == "multi\r\nline");
  CHECK(reader.record_line() == 2);
  REQUIRE(reader.next(f));  // the blank line on 4 is skipped
  CHECK(reader.record_line() == 5);
  CHECK(f == std::vector<std::string_view>{"", "", ""});
  REQUIRE(reader.next(f));
  CHECK(reader.record_line() == 6);
  CHECK(f[2] == "no-newline");
  CHECK_FALSE(reader.next(f));
}

TEST_CASE("CsvReader detects tab delimiters and accepts an explicit one", "[core][csv]") {
  TempDir dir;
  const std::string path = write_file(dir.file("t.tsv"), "id\tname\nF1\tA, B and C\n");
  auto rows = read_all(path);
  REQUIRE(rows.size() == 2);
  CHECK(rows[1][1] == "A, B and C");
  auto forced = read_all(path, ',');
  CHECK(forced[1] == std::vector<std::string>{"F1\tA", " B and C"});
}

TEST_CASE("CsvReader detects ';' and '|' delimiters; a tie goes to the comma", "[core][csv]") {
  TempDir dir;
  CHECK(read_all(write_file(dir.file("s.csv"), "id;name;lat\nF1;A, B;31,5\n"))[1] ==
        std::vector<std::string>{"F1", "A, B", "31,5"});
  CHECK(read_all(write_file(dir.file("p.csv"), "id|name\nF1|A;B\n"))[1] == std::vector<std::string>{"F1", "A;B"});
  CHECK(read_all(write_file(dir.file("tie.csv"), "id,name;x\n1,2;3\n"))[1] == std::vector<std::string>{"1", "2;3"});
  CsvReader quoted(write_file(dir.file("q.csv"), "\"a;b;c\"|d\n1|2\n"));
  CHECK(quoted.delimiter() == '|');
}

TEST_CASE("GB18030 files are transcoded chunk by chunk: characters cut by a chunk end, every line kept", "[core][csv]") {
  TempDir dir;
  // Two-byte (无锡) and four-byte (U+1F600) GB18030 characters on rows of varying length, over
  // more than one 1 MiB read, so that reads end inside characters.
  const std::string two_byte = "\xCE\xDE\xCE\xFD", four_byte = "\x94\x39\xFC\x36";
  const std::string two_utf8 = "\xE6\x97\xA0\xE9\x94\xA1", four_utf8 = "\xF0\x9F\x98\x80";
  std::string nodes = "id;name\n", edges = "source;target;weight\n";
  constexpr int kRows = 90000;
  for (int i = 0; i < kRows; ++i) {
    nodes += two_byte + std::to_string(i) + ";" + std::string(i % 7, 'x') + (i % 3 ? two_byte : four_byte) + "\n";
    if (i > 0) edges += two_byte + std::to_string(i - 1) + ";" + two_byte + std::to_string(i) + ";" + std::to_string(i % 5) + ",5\n";
  }
  REQUIRE(nodes.size() > (1u << 20));
  ImportOptions options;
  options.encoding = "gb18030";
  const ImportResult result = import_text(dir, nodes, edges, options);
  REQUIRE(result.graph.node_count() == kRows);
  REQUIRE(result.graph.edge_count() == kRows - 1);
  bool names_ok = true;
  for (int i = 0; i < kRows; ++i) {
    names_ok = names_ok && result.graph.nodes.id[i] == two_utf8 + std::to_string(i) &&
               result.graph.nodes.name[i] == std::string(i % 7, 'x') + (i % 3 ? two_utf8 : four_utf8);
  }
  CHECK(names_ok);
  double total = 0;
  for (double w : result.graph.edges.weight) total += w;
  double expected = 0;
  for (int i = 1; i < kRows; ++i) expected += i % 5 + 0.5;  // decimal commas in a ';' file
  CHECK(total == expected);
  // A byte GB18030 lacks, deep in the file: its line.
  nodes += "bad;\xFF\xFF\n";
  CHECK_THAT(test::error_of([&] { import_text(dir, nodes, edges, options); }),
             Catch::Contains("nodes.csv:" + std::to_string(kRows + 2) + ": byte 0xFF is not valid gb18030 text"));
}

TEST_CASE("CsvReader reports record-level problems and fails on unterminated quotes", "[core][csv]") {
  TempDir dir;
  {
    CsvReader reader(write_file(dir.file("q.csv"), "a,b\nx\"y,z\n\"ok\"tail,1\n\xff\xfe,2\n"));
    std::vector<std::string_view> f;
    REQUIRE(reader.next(f));
    REQUIRE(reader.next(f));
    CHECK(reader.record_problem().reason == "bad_quoting");
    REQUIRE(reader.next(f));
    CHECK(reader.record_problem().reason == "bad_quoting");
    REQUIRE(reader.next(f));
    CHECK(reader.record_problem().reason == "invalid_utf8");
    CHECK(reader.record_line() == 4);
  }
  {
    CsvReader reader(write_file(dir.file("u.csv"), "a,b\n1,2\n\"never closed,3\n4,5\n"));
    std::vector<std::string_view> f;
    REQUIRE(reader.next(f));
    REQUIRE(reader.next(f));
    try {
      reader.next(f);
      FAIL("expected an error");
    } catch (const DataError& e) {
      CHECK(std::string(e.what()) == dir.file("u.csv") + ":3: unterminated quoted field (the closing '\"' is missing; "
                                                         "it runs to the end of the file)");
    }
  }
  {
    CsvReader reader(write_file(dir.file("long.csv"), "a\n" + std::string(5000, 'x') + "\n"), 0, 1000);
    std::vector<std::string_view> f;
    REQUIRE(reader.next(f));
    CHECK_THROWS_WITH(reader.next(f), Catch::Contains("long.csv:2: record longer than 1000 bytes"));
  }
}

TEST_CASE("UTF-8 validation", "[core][csv]") {
  CHECK(is_valid_utf8("plain ascii"));
  CHECK(is_valid_utf8("苏州汽车零部件产业园"));
  CHECK(is_valid_utf8("\xF0\x9F\x98\x80"));       // U+1F600
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));         // overlong '/'
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));     // surrogate
  CHECK_FALSE(is_valid_utf8("\xE8\x8B"));         // truncated
  CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
}

TEST_CASE("import reads all columns, aliases and defaults", "[core][csv]") {
  TempDir dir;
  const std::string nodes =
      "Node_ID,Firm Name,TYPE,Sector,stage,County,Zone,Latitude,lng,Staff,Sales,Established,owner_type,origin,score\n"
      "F1,苏州华晟,firm,C3612,assembly,Suzhou,SIP,31.3,120.7,5200,8.6e9,1998,state,relocated,1\n"
      "F2,\"Smith, Jones & Co.\",,C3670,,Suzhou,SIP,,,,,,,,2\n"
      "U1,苏州大学,university,,,Suzhou,,31.31,120.64,,,1952,,,\n";
  const std::string edges =
      "Supplier,Customer,relation,amount,year,contract\n"
      "F2,F1,,2.5,2021,formal\n"
      "F2,F1,supply,1.5,2021,informal\n"
      "U1,F1,technology,,,\n"
      "F1,F1,supply,1,2021,\n";
  ImportResult r = import_text(dir, nodes, edges);
  const Graph& g = r.graph;
  REQUIRE(g.node_count() == 3);
  CHECK(g.nodes.id[0] == "F1");
  CHECK(g.nodes.name[0] == "苏州华晟");
  CHECK(g.nodes.name[1] == "Smith, Jones & Co.");
  CHECK(g.nodes.kind[1] == NodeKind::firm);  // default
  CHECK(g.nodes.kind[2] == NodeKind::university);
  CHECK(g.nodes.industry.value(1) == "C3670");
  CHECK(g.nodes.stage.missing(1));
  CHECK(g.nodes.region.value(2) == "Suzhou");
  CHECK(g.nodes.park.value(0) == "SIP");
  CHECK(g.nodes.lat[0] == 31.3);
  CHECK(std::isnan(g.nodes.lat[1]));
  CHECK(g.nodes.employees[0] == 5200);
  CHECK(g.nodes.revenue[0] == 8.6e9);
  CHECK(g.nodes.founded[2] == 1952);
  CHECK(g.nodes.founded[1] == 0);
  CHECK(g.nodes.ownership.value(0) == "state");
  REQUIRE(g.nodes.extra.size() == 2);
  CHECK(g.nodes.extra[0].name == "origin");
  CHECK(std::get<StringColumn>(g.nodes.extra[0].values).value(0) == "relocated");
  CHECK(g.nodes.extra[1].name == "score");
  const auto& score = std::get<Int64Column>(g.nodes.extra[1].values);
  CHECK(score[1] == 2);
  CHECK(score[2] == kMissingInt64);

  REQUIRE(g.edge_count() == 2);  // the duplicate merged, the self-loop dropped
  CHECK(r.log.duplicate_edges_merged == 1);
  CHECK(r.log.self_loops_dropped == 1);
  CHECK(r.log.edge_rows_read == 4);
  const EdgeId supply = g.out_begin(1);
  CHECK(g.edges.type[supply] == RelationType::supply);  // default type
  CHECK(g.edges.weight[supply] == 4.0);
  CHECK(g.edges.year[supply] == 2021);
  CHECK(std::get<StringColumn>(g.edges.extra.at(0).values).value(supply) == "formal");
  const EdgeId tech = g.out_begin(2);
  CHECK(g.edges.type[tech] == RelationType::technology);
  CHECK(g.edges.weight[tech] == 1.0);  // default weight
  CHECK(g.edges.year[tech] == kNoYear);
}

TEST_CASE("import rejects each kind of bad row with file, line and reason", "[core][csv]") {
  const std::string good_nodes = std::string(kNodeHeader) + "A,,,,,,,,,,,,\nB,,,,,,,,,,,,\n";
  const std::string edge_header = "source,target,type,weight,year\n";
  struct Case {
    std::string nodes, edges, reason, detail_part;
    std::uint64_t line;
  };
  const std::vector<Case> cases = {
      {std::string(kNodeHeader) + ",x,,,,,,,,,,,\n", edge_header, "missing_id", "empty", 2},
      {good_nodes + "A,again,,,,,,,,,,,\n", edge_header, "duplicate_node_id", "already defined on line 2", 4},
      {std::string(kNodeHeader) + "A,,factory,,,,,,,,,,\n", edge_header, "unknown_kind", "'factory'", 2},
      {std::string(kNodeHeader) + "A,,,,,,,95,10,,,,\n", edge_header, "bad_coordinate", "lat '95'", 2},
      {std::string(kNodeHeader) + "A,,,,,,,10,-181,,,,\n", edge_header, "bad_coordinate", "lon '-181'", 2},
      {std::string(kNodeHeader) + "A,,,,,,,,,many,,,\n", edge_header, "bad_number", "employees 'many'", 2},
      {std::string(kNodeHeader) + "A,,,,,,,,,,,19x8,\n", edge_header, "bad_number", "founded '19x8'", 2},
      {std::string(kNodeHeader) + "A,,,,,,\n", edge_header, "wrong_column_count", "expected 13 fields, found 7", 2},
      {good_nodes, edge_header + "A,Z,supply,1,2020\n", "unknown_endpoint", "target 'Z' is not in", 2},
      {good_nodes, edge_header + ",B,supply,1,2020\n", "missing_endpoint", "source", 2},
      {good_nodes, edge_header + "A,B,supply,-1,2020\n", "bad_weight", "'-1'", 2},
      {good_nodes, edge_header + "A,B,supply,nan,2020\n", "bad_weight", "'nan'", 2},
      {good_nodes, edge_header + "A,B,supply,inf,2020\n", "bad_weight", "'inf'", 2},
      {good_nodes, edge_header + "A,B,supply,1e999,2020\n", "bad_weight", "'1e999'", 2},
      {good_nodes, edge_header + "A,B,supply,heavy,2020\n", "bad_weight", "'heavy'", 2},
      {good_nodes, edge_header + "A,B,bribery,1,2020\n", "unknown_type", "'bribery'", 2},
      {good_nodes, edge_header + "A,B,supply,1,20x0\n", "bad_year", "'20x0'", 2},
      {good_nodes, edge_header + "A,B,supply\n", "wrong_column_count", "expected 5 fields, found 3", 2},
      {good_nodes, edge_header + "A,B\"x,supply,1,2020\n", "bad_quoting", "quote", 2},
      {good_nodes, edge_header + "A,B,supply,1,2020,extra\n", "wrong_column_count", "found 6", 2},
      {std::string(kNodeHeader) + "A,\xC3\x28,,,,,,,,,,,\n", edge_header, "invalid_utf8", "UTF-8", 2},
  };
  for (const auto& c : cases) {
    INFO("reason " << c.reason << ": " << c.detail_part);
    ImportLog log = rejected(c.nodes, c.edges);
    REQUIRE(log.issues.size() == 1);
    CHECK(log.issues[0].reason == c.reason);
    CHECK(log.issues[0].line == c.line);
    CHECK_THAT(log.issues[0].detail, Catch::Contains(c.detail_part));
    CHECK(log.rejected_by_reason.at(c.reason) == 1);
    CHECK(log.issues[0].file.find(c.edges.size() > edge_header.size() ? "edges.csv" : "nodes.csv") !=
          std::string::npos);
  }
}

TEST_CASE("strict import fails with a summary; lenient import skips and counts", "[core][csv]") {
  const std::string nodes = std::string(kNodeHeader) + "A,,,,,,,,,,,,\nB,,,,,,,,,,,,\nA,,,,,,,,,,,,\n";
  std::string edges = "source,target\nA,B\n";
  for (int i = 0; i < 120; ++i) edges += "A,missing" + std::to_string(i) + "\n";
  TempDir dir;
  ImportOptions options;
  options.max_reported_issues = 10;
  try {
    import_text(dir, nodes, edges, options);
    FAIL("strict import should fail");
  } catch (const ImportError& e) {
    CHECK(std::string(e.what()) == "import rejected 121 rows (strict mode; nothing was written; --lenient skips bad rows)");
    CHECK(e.log().issues.size() == 10);  // examples are capped, totals are not
    CHECK(e.log().rejected_by_reason.at("unknown_endpoint") == 120);
    CHECK(e.log().rejected_by_reason.at("duplicate_node_id") == 1);
    CHECK_THAT(e.log().format_issues(3), Catch::Contains("nodes.csv:4: duplicate_node_id"));
  }
  options.lenient = true;
  options.allow_empty = true;  // 121 of 124 rows rejected
  ImportResult r = import_text(dir, nodes, edges, options);
  CHECK(r.graph.node_count() == 2);
  CHECK(r.graph.edge_count() == 1);
  CHECK(r.log.mode == "lenient");
  CHECK(r.log.rejected_total() == 121);
}

TEST_CASE("implicit nodes and edge-only imports", "[core][csv]") {
  TempDir dir;
  ImportOptions options;
  options.implicit_nodes = true;
  ImportResult r = import_text(dir, std::string(kNodeHeader) + "A,Alpha,,,,,,,,,,,\n", "source,target\nA,B\nB,C\n", options);
  CHECK(r.graph.node_count() == 3);
  CHECK(r.log.implicit_nodes_created == 2);
  CHECK(r.graph.nodes.id[2] == "C");
  CHECK(r.graph.nodes.kind[2] == NodeKind::firm);
  CHECK(r.graph.nodes.name[0] == "Alpha");

  ImportResult edge_only = import_text(dir, "", "from\tto\tweight\nx\ty\t2\ny\tz\t3\n");
  CHECK(edge_only.graph.node_count() == 3);
  CHECK(edge_only.graph.edge_count() == 2);
  CHECK(edge_only.graph.edges.weight[1] == 3.0);
}

TEST_CASE("unusable headers and files give clear errors", "[core][csv]") {
  TempDir dir;
  auto message = [&](const std::string& nodes, const std::string& edges) {
    try {
      import_text(dir, nodes, edges);
    } catch (const DataError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(message("name,kind\nA,firm\n", "source,target\n"), Catch::Contains("nodes.csv:1: no id column"));
  CHECK_THAT(message("id,node_id\nA,B\n", "source,target\n"),
             Catch::Contains("columns 'id' and 'node_id' both give 'id'"));
  CHECK_THAT(message("id,ID\nA,B\n", "source,target\n"), Catch::Contains("header names column 'id' twice"));
  CHECK_THAT(message("id\nA\n", "source,weight\nA,1\n"), Catch::Contains("needs a source column"));
  CHECK_THAT(message("", ""), Catch::Contains("edges.csv: empty file"));
  CHECK_THROWS_WITH(import_csv("", dir.file("absent.csv"), {}), Catch::Contains("absent.csv: cannot open"));
  CHECK_THROWS_WITH(import_csv("", dir.path().string(), {}), Catch::Contains("is a directory"));
}

TEST_CASE("weights that sum to infinity on merge are an error, 1e308 alone is fine", "[core][csv]") {
  TempDir dir;
  ImportResult ok = import_text(dir, "", "source,target,weight\nA,B,1e308\n");
  CHECK(ok.graph.edges.weight[0] == 1e308);
  CHECK_THROWS_WITH(import_text(dir, "", "source,target,weight\nA,B,1e308\nA,B,1e308\n"),
                    Catch::Contains("summed weights to infinity"));
}

namespace {

// Everything an import produced that a user can see: topology and edge attributes (the
// fingerprint), node ids, edge extras and the full log.
std::string import_summary(const ImportLog& log) {
  std::string out = std::to_string(log.node_rows_read) + " " + std::to_string(log.edge_rows_read) + " " +
                    std::to_string(log.implicit_nodes_created) + "\n";
  for (const auto& [reason, count] : log.rejected_by_reason) out += reason + " " + std::to_string(count) + "\n";
  for (const auto& issue : log.issues)
    out += issue.file + ":" + std::to_string(issue.line) + ": " + issue.reason + ": " + issue.detail + "\n";
  return out;
}

std::string import_summary(const ImportResult& r) {
  std::string out = std::to_string(r.graph.fingerprint()) + " " + std::to_string(r.graph.node_count()) + " " +
                    std::to_string(r.graph.edge_count()) + "\n";
  for (std::size_t i = 0; i < r.graph.node_count(); ++i) out += std::string(r.graph.nodes.id[i]) + ",";
  for (const auto& column : r.graph.edges.extra) {
    out += "\nextra " + column.name + ":";
    const auto& text = std::get<StringColumn>(column.values);  // the test's extras are text
    for (const auto& value : text.dictionary) out += value + "|";
    for (auto code : text.codes) out += std::to_string(code) + ",";
  }
  return out + "\n" + import_summary(r.log);
}

// The summary of an import, or of the strict failure's log.
std::string summary_of(const std::string& nodes, const std::string& edges, const ImportOptions& options) {
  try {
    return import_summary(import_csv(nodes, edges, options));
  } catch (const ImportError& e) {
    return std::string("rejected: ") + e.what() + "\n" + import_summary(e.log());
  }
}

}  // namespace

TEST_CASE("batched parallel edge parsing gives the serial reader's network, log and first bad line",
          "[core][csv]") {
  // Over 8 MiB of edges (two batches) with every kind of row the batch parser must treat as
  // CsvReader does: bad weights, unknown endpoints, wrong widths, invalid UTF-8, a UTF-8
  // character split by a delimiter (valid once delimiters are removed), blank lines, CRLF and
  // lone CR line ends, implicit nodes. A quote in the first row sends the whole copy through
  // CsvReader alone: its results are the reference.
  TempDir dir;
  std::string nodes = kNodeHeader;
  for (int i = 0; i < 19900; ++i) nodes += "F" + std::to_string(100000 + i) + ",,firm,,,,,,,,,,\n";
  std::string rows;
  std::uint64_t state = 99;
  for (int r = 0; r < 240000; ++r) {
    const std::uint64_t a = splitmix64(state) % 20000, b = splitmix64(state) % 20000;
    std::string row = "F" + std::to_string(100000 + a) + ",F" + std::to_string(100000 + b) + ",supply," +
                      std::to_string(r % 50) + ".5,20" + std::to_string(10 + r % 12) + ",n" + std::to_string(r % 7) + ",m";
    if (r % 997 == 5) row = "F100001,F100002,supply,heavy,2020,x,y";
    if (r % 2003 == 7) row += ",surplus";
    if (r % 3001 == 11) row = "F100003,F100004,supply,1,2020,bad\xff,y";
    if (r % 4001 == 13) row = "F100005,F100006,supply,1,2020,\xC3,\xA9";
    if (r % 5003 == 17) row += "\r";
    if (r % 6007 == 19) row += "\r\n";
    rows += row + (r % 7001 == 23 ? "\r" : "\n");
  }
  const std::string header = "source,target,type,weight,year,note,mark\n";
  const std::string nodes_path = write_file(dir.file("nodes.csv"), nodes);
  const std::string batched_path = write_file(dir.file("edges.csv"), header + rows);
  REQUIRE(rows.size() > (8u << 20));
  // A quote in the second batch hands the rest of the file to CsvReader from there on.
  const std::size_t late = rows.find("\nF", (8u << 20) + (1u << 18)) + 1;
  REQUIRE(late > (8u << 20));
  const std::string late_quote = rows.substr(0, late) + "\"" + rows.substr(late, 7) + "\"" + rows.substr(late + 7);
  const std::string late_path = write_file(dir.file("late.csv"), header + late_quote);
  const std::string reference_path =
      write_file(dir.file("quoted.csv"), header + "\"" + late_quote.substr(0, 7) + "\"" + late_quote.substr(7));

  for (bool lenient : {true, false})
    for (bool implicit : {false, true}) {
      INFO("lenient " << lenient << ", implicit " << implicit);
      ImportOptions options;
      options.lenient = lenient;
      options.implicit_nodes = implicit;
      options.max_reported_issues = 100000;
      options.encoding = "utf-8";  // given: invalid UTF-8 rows are rejected like any other, not advised on
      const std::string reference = summary_of(nodes_path, reference_path, options);
      for (int threads : {1, 2}) {
        INFO(threads << " threads");
        std::string batched = on_threads(threads, [&] { return summary_of(nodes_path, batched_path, options); });
        // The two files differ in name only.
        for (std::size_t at = 0; (at = batched.find("edges.csv", at)) != std::string::npos; at += 10)
          batched.replace(at, 9, "quoted.csv");
        REQUIRE(batched == reference);
      }
      std::string late_switch = summary_of(nodes_path, late_path, options);
      for (std::size_t at = 0; (at = late_switch.find("late.csv", at)) != std::string::npos; at += 10)
        late_switch.replace(at, 8, "quoted.csv");
      REQUIRE(late_switch == reference);
      if (!lenient) CHECK(reference.find("rejected: import rejected") == 0);
      if (lenient) CHECK(reference.find("wrong_column_count") != std::string::npos);
      if (lenient && !implicit) CHECK(reference.find("unknown_endpoint") != std::string::npos);
    }
  // Without an encoding, strict mode stops at the first row that is not UTF-8 on either path.
  const std::string reference = summary_of(nodes_path, reference_path, {});
  CHECK_THAT(reference, Catch::Contains("quoted.csv: line 13: invalid UTF-8; looks like Latin-1"));
  for (int threads : {1, 2}) {
    std::string batched = on_threads(threads, [&] { return summary_of(nodes_path, batched_path, {}); });
    for (std::size_t at = 0; (at = batched.find("edges.csv", at)) != std::string::npos; at += 10)
      batched.replace(at, 9, "quoted.csv");
    CHECK(batched == reference);
  }
}

// HDF5 format version 2 (docs/FORMAT.md, "Format version 2"): every kind of text round-trips
// without variable-length types, version 1 files (the committed seeds) still read exactly as
// before, and string offsets that do not describe their bytes are DataErrors naming the file
// and the dataset. tests/python/test_format_versions.py walks the written files with h5py.
#include <catch2/catch.hpp>
#include <H5Cpp.h>

#include <algorithm>
#include <filesystem>

#include "graph/errors.hpp"
#include "io/csv_import.hpp"
#include "io/h5_guard.hpp"
#include "io/h5_util.hpp"
#include "io/network_store.hpp"
#include "io/results.hpp"
#include "test_hdf5_support.hpp"
#include "test_support.hpp"

using namespace firmnet;
using firmnet::test::error_of;
using firmnet::test::handmade;
using firmnet::test::same_column;
using firmnet::test::same_values;
using firmnet::test::source_file;
using firmnet::test::TempDir;

namespace {

// 90,000 bytes of Chinese text: more than HDF5's 64 KiB object-header limit.
std::string long_text() {
  std::string text;
  for (int i = 0; i < 10000; ++i) text += "长三角";
  return text;
}

bool same_strings(const StringList& a, const StringList& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

bool same_text(const StringColumn& a, const StringColumn& b) { return same_column({"text", a}, {"text", b}); }

void check_same_graph(const Graph& a, const Graph& b) {
  REQUIRE(a.node_count() == b.node_count());
  REQUIRE(a.edge_count() == b.edge_count());
  CHECK(same_strings(a.nodes.id, b.nodes.id));
  CHECK(same_strings(a.nodes.name, b.nodes.name));
  CHECK(a.nodes.kind == b.nodes.kind);
  CHECK(same_text(a.nodes.industry, b.nodes.industry));
  CHECK(same_text(a.nodes.stage, b.nodes.stage));
  CHECK(same_text(a.nodes.region, b.nodes.region));
  CHECK(same_text(a.nodes.park, b.nodes.park));
  CHECK(same_text(a.nodes.ownership, b.nodes.ownership));
  CHECK(same_values(a.nodes.lat, b.nodes.lat));
  CHECK(same_values(a.nodes.lon, b.nodes.lon));
  CHECK(same_values(a.nodes.employees, b.nodes.employees));
  CHECK(same_values(a.nodes.revenue, b.nodes.revenue));
  CHECK(a.nodes.founded == b.nodes.founded);
  REQUIRE(a.nodes.extra.size() == b.nodes.extra.size());
  for (std::size_t c = 0; c < a.nodes.extra.size(); ++c) CHECK(same_column(a.nodes.extra[c], b.nodes.extra[c]));
  CHECK(a.out_offsets == b.out_offsets);
  CHECK(a.out_target == b.out_target);
  CHECK(a.edges.type == b.edges.type);
  CHECK(same_values(a.edges.weight, b.edges.weight));
  CHECK(a.edges.year == b.edges.year);
  REQUIRE(a.edges.extra.size() == b.edges.extra.size());
  for (std::size_t c = 0; c < a.edges.extra.size(); ++c) CHECK(same_column(a.edges.extra[c], b.edges.extra[c]));
  CHECK(a.fingerprint() == b.fingerprint());
}

void check_same_log(const ImportLog& a, const ImportLog& b) {
  CHECK(a.nodes_file == b.nodes_file);
  CHECK(a.edges_file == b.edges_file);
  CHECK(a.mode == b.mode);
  CHECK(a.node_rows_read == b.node_rows_read);
  CHECK(a.edges_accepted == b.edges_accepted);
  CHECK(a.duplicate_edges_merged == b.duplicate_edges_merged);
  CHECK(a.self_loops_dropped == b.self_loops_dropped);
  CHECK(a.rejected_by_reason == b.rejected_by_reason);
  REQUIRE(a.issues.size() == b.issues.size());
  for (std::size_t i = 0; i < a.issues.size(); ++i) {
    CHECK(a.issues[i].file == b.issues[i].file);
    CHECK(a.issues[i].line == b.issues[i].line);
    CHECK(a.issues[i].reason == b.issues[i].reason);
    CHECK(a.issues[i].detail == b.issues[i].detail);
  }
}

std::vector<NamedScalar> sorted(std::vector<NamedScalar> values) {
  std::sort(values.begin(), values.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  return values;
}

void check_same_result(const Result& a, const Result& b) {
  CHECK(a.name == b.name);
  CHECK(a.method == b.method);
  CHECK(a.seed == b.seed);
  CHECK(a.threads == b.threads);
  CHECK(sorted(a.parameters) == sorted(b.parameters));
  CHECK(sorted(a.scalars) == sorted(b.scalars));
  REQUIRE(a.node_columns.size() == b.node_columns.size());
  for (std::size_t c = 0; c < a.node_columns.size(); ++c) CHECK(same_column(a.node_columns[c], b.node_columns[c]));
  REQUIRE(a.tables.size() == b.tables.size());
  for (std::size_t t = 0; t < a.tables.size(); ++t) {
    CHECK(a.tables[t].name == b.tables[t].name);
    REQUIRE(a.tables[t].columns.size() == b.tables[t].columns.size());
    for (std::size_t c = 0; c < a.tables[t].columns.size(); ++c)
      CHECK(same_column(a.tables[t].columns[c], b.tables[t].columns[c]));
  }
}

std::vector<Result> every_result(const std::string& path) {
  std::vector<Result> out;
  for (const auto& summary : list_results(path)) out.push_back(read_result(path, summary.name));
  return out;
}

// Replaces a 1-D uint64 dataset of the file (e.g. a string group's offsets) with values.
void replace_offsets(const std::string& path, const std::string& dataset, const std::vector<std::uint64_t>& values) {
  H5::H5File file(path, H5F_ACC_RDWR);
  file.unlink(dataset);
  hsize_t dims[1] = {values.size()};
  file.createDataSet(dataset, H5::PredType::NATIVE_UINT64, H5::DataSpace(1, dims))
      .write(values.data(), H5::PredType::NATIVE_UINT64);
}

std::vector<std::uint64_t> read_offsets(const std::string& path, const std::string& dataset) {
  H5::H5File file(path, H5F_ACC_RDONLY);
  H5::DataSet ds = file.openDataSet(dataset);
  hsize_t dims[1];
  ds.getSpace().getSimpleExtentDims(dims);
  std::vector<std::uint64_t> values(dims[0]);
  ds.read(values.data(), H5::PredType::NATIVE_UINT64);
  return values;
}

}  // namespace

TEST_CASE("format version 2: every kind of text round-trips, Chinese, empty and over 64 KiB", "[core][hdf5][format]") {
  TempDir dir;
  ImportResult imported = handmade();
  Graph& g = imported.graph;
  const std::string long_value = long_text();
  StringList names;
  for (std::size_t i = 0; i < g.node_count(); ++i) names.push_back(i == 1 ? long_value : i == 2 ? "" : g.nodes.name[i]);
  g.nodes.name = names;
  // A dictionary holding an empty entry and a long one; one row missing.
  StringColumn note{{}, {"上海", "", long_value}};
  for (std::size_t i = 0; i < g.node_count(); ++i) note.codes.push_back(i % 4 == 3 ? kMissingCode : std::int32_t(i % 4));
  g.nodes.extra.push_back({"note", note});
  StringColumn channel{{}, {"线上"}};
  channel.codes.assign(g.edge_count(), 0);
  g.edges.extra.push_back({"channel", channel});
  imported.log.rejected_by_reason["坏行"] = 2;
  imported.log.rejected_by_reason[""] = 1;
  imported.log.issues = {{"节点.csv", 3, "unknown_kind", "kind '宇宙飞船' is not a node kind"},
                         {"", 0, "", ""},
                         {"e.csv", 7, "bad_weight", long_value}};

  const std::string path = dir.file("net.h5");
  save_network(path, g, imported.log);
  CHECK(read_header(path).format_version == 2);
  const Graph loaded = load_network(path);
  check_same_graph(loaded, g);
  CHECK(loaded.nodes.name[1] == long_value);
  CHECK(loaded.nodes.name[2].empty());
  CHECK(loaded.nodes.name[0] == "苏州华晟汽车制造有限公司");
  check_same_log(load_import_log(path), imported.log);

  Result result;
  result.name = "texts";
  result.method = "测试";
  result.seed = 9;
  result.parameters = {{"empty", std::string()}, {"region", std::string("无锡")}, {"long", long_value},
                       {"runs", std::int64_t{3}}, {"alpha", 0.05}};
  result.scalars = {{"label", std::string("苏州")}, {"nothing", std::string()}};
  std::vector<std::string> labels;
  for (std::size_t i = 0; i < g.node_count(); ++i) labels.push_back(i % 3 == 0 ? "园区" : i % 3 == 1 ? "" : long_value);
  result.node_columns.push_back(text_column("label", labels));
  result.add_column("score", std::vector<double>(g.node_count(), 0.5));
  // Tables in name order, as read_result lists them.
  result.tables.push_back({"empty", {text_column("word", {}), {"value", Float64Column{}}}});
  result.tables.push_back({"no_columns", {}});
  result.tables.push_back({"words", {text_column("word", {"一", "", long_value}), {"rank", Int64Column{1, 2, 3}}}});
  write_result(path, result);
  check_same_result(read_result(path, "texts"), result);
  const auto summaries = list_results(path);
  REQUIRE(summaries.size() == 1);
  CHECK(summaries[0].method == "测试");
  CHECK(summaries[0].columns == std::vector<std::string>{"label", "score"});
}

// The committed seeds of tests/fuzz/corpus/hdf5_open were written by format version 1
// (variable-length attributes, fixed-length string datasets): they read as the CSV they were
// imported from, and a version 2 copy of what they hold reads back the same.
TEST_CASE("format version 1 files still read, the same as their version 2 copies", "[core][hdf5][format]") {
  TempDir dir;
  const ImportResult from_csv = handmade();
  for (const char* seed : {"seed_handmade.h5", "seed_with_results.h5", "seed_edges_only.h5"}) {
    INFO(seed);
    const std::string v1 = dir.file(std::string("v1-") + seed), v2 = dir.file(std::string("v2-") + seed);
    std::filesystem::copy_file(source_file(std::string("tests/fuzz/corpus/hdf5_open/") + seed), v1);
    REQUIRE(read_header(v1).format_version == 1);
    const Graph graph = load_network(v1);
    const ImportLog log = load_import_log(v1);
    const std::vector<Result> results = every_result(v1);
    if (std::string(seed) != "seed_edges_only.h5") {
      check_same_graph(graph, from_csv.graph);
      CHECK(log.mode == "strict");
      CHECK(log.duplicate_edges_merged == from_csv.log.duplicate_edges_merged);
    }

    save_network(v2, graph, log);
    if (!results.empty()) write_results(v2, results);
    CHECK(read_header(v2).format_version == 2);
    check_same_graph(load_network(v2), graph);
    check_same_log(load_import_log(v2), log);
    const std::vector<Result> copied = every_result(v2);
    REQUIRE(copied.size() == results.size());
    for (std::size_t r = 0; r < results.size(); ++r) check_same_result(copied[r], results[r]);
  }
  // A result added to a version 1 file is written in the version 2 layout, and the file says
  // so; the rest of it keeps its version 1 strings and reads the same.
  const std::string mixed = dir.file("mixed.h5");
  std::filesystem::copy_file(source_file("tests/fuzz/corpus/hdf5_open/seed_with_results.h5"), mixed);
  Result added;
  added.name = "added";
  added.method = "标签";
  added.node_columns.push_back(text_column("label", std::vector<std::string>(from_csv.graph.node_count(), "甲")));
  write_result(mixed, added);
  CHECK(read_header(mixed).format_version == 2);
  check_same_graph(load_network(mixed), from_csv.graph);
  check_same_result(read_result(mixed, "added"), added);
  CHECK(read_result(mixed, "centrality").method == "centrality");
}

// tests/fuzz/corpus/hdf5_open/seed_v2_with_results.h5 (handmade imported, centrality stored, by
// format version 2): the guard walks it, and it reads as the CSV it came from.
TEST_CASE("the committed version 2 seed passes the guard and reads as its CSV", "[core][hdf5][format]") {
  TempDir dir;
  const std::string copy = dir.file("seed.h5");
  std::filesystem::copy_file(source_file("tests/fuzz/corpus/hdf5_open/seed_v2_with_results.h5"), copy);
  CHECK_NOTHROW(check_hdf5_file(copy));
  CHECK(read_header(copy).format_version == 2);
  check_same_graph(load_network(copy), handmade().graph);
  const Result centrality = read_result(copy, "centrality");
  CHECK(std::get<std::string>(centrality.parameter("measures")) == "degree,pagerank");
  const auto& in_degree = std::get<Float64Column>(centrality.column("in_degree").values);
  CHECK(in_degree.at(0) == 9.0);  // A01: 10 rows of datasets/handmade/edges.csv, one a duplicate
}

// Version 1 also stored variable-length string datasets (strings over 256 bytes) and string
// attributes; the readers still take them.
TEST_CASE("format version 1 variable-length strings still read", "[core][hdf5][format]") {
  TempDir dir;
  const std::string path = dir.file("vlen.h5");
  const std::string long_value(300, 'x');
  {
    H5::H5File file(path, H5F_ACC_TRUNC);
    H5::StrType vlen(H5::PredType::C_S1, H5T_VARIABLE);
    vlen.setCset(H5T_CSET_UTF8);
    const std::vector<const char*> values = {long_value.c_str(), "", "上海"};
    hsize_t dims[1] = {values.size()};
    file.createDataSet("names", vlen, H5::DataSpace(1, dims)).write(values.data(), vlen);
    const char* scalar = "无锡";
    file.createAttribute("region", vlen, H5::DataSpace(H5S_SCALAR)).write(vlen, &scalar);
    file.createAttribute("columns", vlen, H5::DataSpace(1, dims)).write(vlen, values.data());
  }
  H5::H5File file(path, H5F_ACC_RDONLY);
  const H5::Group root = file.openGroup("/");
  CHECK(h5::read_strings(root, "names") == std::vector<std::string>{long_value, "", "上海"});
  CHECK(h5::get_string_attr(file, "region") == "无锡");
  CHECK(h5::get_strings_attr(file, "columns") == std::vector<std::string>{long_value, "", "上海"});
}

TEST_CASE("damaged string offsets are a DataError naming the file and the dataset", "[hardening][hdf5][format]") {
  TempDir dir;
  const ImportResult imported = handmade();
  const std::string base = dir.file("base.h5");
  save_network(base, imported.graph, imported.log);
  const std::vector<std::uint64_t> offsets = read_offsets(base, "nodes/id/offsets");
  const std::uint64_t n = imported.graph.node_count();
  REQUIRE(offsets.size() == n + 1);

  struct Damage {
    const char* what;
    std::vector<std::uint64_t> offsets;
    std::string message;
    bool drop_count = false;
  };
  std::vector<Damage> damages;
  auto decreasing = offsets;
  std::swap(decreasing[2], decreasing[3]);
  damages.push_back({"decreasing", decreasing, "its offsets decrease at position 3"});
  auto long_last = offsets;
  long_last.back() += 5;
  damages.push_back({"last beyond the bytes", long_last, "its last offset " + std::to_string(long_last.back())});
  auto huge_last = offsets;
  huge_last.back() = std::uint64_t{1} << 62;
  damages.push_back({"last offset 2^62", huge_last, "its last offset " + std::to_string(huge_last.back())});
  auto shifted = offsets;
  shifted.front() = 1;
  damages.push_back({"not starting at 0", shifted, "its offsets do not start at 0"});
  auto shorter = offsets;
  shorter.pop_back();
  const std::string counts = std::to_string(n) + " offsets for the " + std::to_string(n) + " strings";
  damages.push_back({"shorter than the count", shorter, counts});
  // Without the count attribute the shorter offsets end before the bytes do.
  damages.push_back({"shorter, count attribute gone", shorter, "its last offset " + std::to_string(shorter.back()), true});

  for (std::size_t d = 0; d < damages.size(); ++d) {
    const Damage& damage = damages[d];
    INFO(damage.what);
    const std::string path = dir.file("damaged-" + std::to_string(d) + ".h5");
    std::filesystem::copy_file(base, path);
    replace_offsets(path, "nodes/id/offsets", damage.offsets);
    if (damage.drop_count) H5::H5File(path, H5F_ACC_RDWR).openGroup("nodes/id").removeAttr("count");
    const std::string message = error_of([&] { load_network(path); });
    CHECK_THAT(message, Catch::StartsWith(path + ": string dataset '/nodes/id': " + damage.message));
    CHECK_THROWS_AS(load_network(path), DataError);
  }

  // The other string groups: a dictionary, the import log, a result's dictionary.
  const std::string dictionary = dir.file("dictionary.h5");
  std::filesystem::copy_file(base, dictionary);
  auto regions = read_offsets(dictionary, "nodes/dictionaries/region/offsets");
  REQUIRE(regions.size() >= 3);
  std::swap(regions[1], regions[2]);
  replace_offsets(dictionary, "nodes/dictionaries/region/offsets", regions);
  CHECK_THAT(error_of([&] { load_network(dictionary); }),
             Catch::StartsWith(dictionary + ": string dataset '/nodes/dictionaries/region': its offsets decrease"));

  const std::string log = dir.file("log.h5");
  std::filesystem::copy_file(base, log);
  replace_offsets(log, "import_log/issues/reason/offsets", {0, 5});
  CHECK_THAT(error_of([&] { load_import_log(log); }),
             Catch::StartsWith(log + ": string dataset '/import_log/issues/reason': 2 offsets for the 0 strings"));

  const std::string result = dir.file("result.h5");
  std::filesystem::copy_file(base, result);
  Result labelled;
  labelled.name = "labels";
  labelled.method = "labels";
  labelled.node_columns.push_back(text_column("label", std::vector<std::string>(n, "甲")));
  write_result(result, labelled);
  replace_offsets(result, "results/labels/dictionaries/label/offsets", {0, 3 + 1});
  CHECK_THAT(error_of([&] { read_result(result, "labels"); }),
             Catch::StartsWith(result + ": string dataset '/results/labels/dictionaries/label': its last offset 4"));
}

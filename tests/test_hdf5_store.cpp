// HDF5 network store: round trip of every column and attribute, results, atomic writes and
// clear errors for files that are not firmnet's.
#include <catch2/catch.hpp>
#include <H5Cpp.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>

#include "io/csv_import.hpp"
#include "io/network_store.hpp"
#include "io/results.hpp"
#include "test_hdf5_support.hpp"
#include "test_support.hpp"

using namespace firmnet;
using firmnet::test::handmade;
using firmnet::test::same_column;
using firmnet::test::same_values;
using firmnet::test::source_file;
using firmnet::test::TempDir;
using firmnet::test::temp_leftovers;
using firmnet::test::write_file;

TEST_CASE("every node and edge column round-trips through HDF5", "[core][hdf5]") {
  TempDir dir;
  ImportResult original = handmade();
  NodeTable& t = original.graph.nodes;
  t.extra.push_back({"rating", Float64Column(t.size(), 0.25)});
  std::get<Float64Column>(t.extra.back().values)[3] = std::nan("");
  t.extra.push_back({"staff_2020", Int64Column(t.size(), 7)});
  std::get<Int64Column>(t.extra.back().values)[0] = kMissingInt64;
  original.graph.edges.extra.push_back({"tie", StringColumn{std::vector<std::int32_t>(original.graph.edge_count(), 0), {"formal"}}});
  std::get<StringColumn>(original.graph.edges.extra.back().values).codes[1] = kMissingCode;

  const std::string path = dir.file("net.h5");
  save_network(path, original.graph, original.log);
  const Graph loaded = load_network(path);
  const Graph& g = original.graph;

  REQUIRE(loaded.node_count() == g.node_count());
  REQUIRE(loaded.edge_count() == g.edge_count());
  for (std::size_t i = 0; i < g.node_count(); ++i) {
    CHECK(loaded.nodes.id[i] == g.nodes.id[i]);
    CHECK(loaded.nodes.name[i] == g.nodes.name[i]);
    CHECK(loaded.nodes.industry.value(i) == g.nodes.industry.value(i));
    CHECK(loaded.nodes.stage.value(i) == g.nodes.stage.value(i));
    CHECK(loaded.nodes.region.value(i) == g.nodes.region.value(i));
    CHECK(loaded.nodes.park.value(i) == g.nodes.park.value(i));
    CHECK(loaded.nodes.ownership.value(i) == g.nodes.ownership.value(i));
  }
  CHECK(loaded.nodes.name[0] == "苏州华晟汽车制造有限公司");
  CHECK(loaded.nodes.kind == g.nodes.kind);
  CHECK(same_values(loaded.nodes.lat, g.nodes.lat));
  CHECK(same_values(loaded.nodes.lon, g.nodes.lon));
  CHECK(same_values(loaded.nodes.employees, g.nodes.employees));
  CHECK(same_values(loaded.nodes.revenue, g.nodes.revenue));
  CHECK(loaded.nodes.founded == g.nodes.founded);
  REQUIRE(loaded.nodes.extra.size() == 3);  // origin (from the CSV), rating, staff_2020
  for (std::size_t c = 0; c < 3; ++c) CHECK(same_column(loaded.nodes.extra[c], g.nodes.extra[c]));
  CHECK(loaded.out_offsets == g.out_offsets);
  CHECK(loaded.out_target == g.out_target);
  CHECK(loaded.in_offsets == g.in_offsets);
  CHECK(loaded.in_source == g.in_source);
  CHECK(loaded.in_edge == g.in_edge);
  CHECK(loaded.edges.type == g.edges.type);
  CHECK(loaded.edges.weight == g.edges.weight);
  CHECK(loaded.edges.year == g.edges.year);
  REQUIRE(loaded.edges.extra.size() == 1);
  CHECK(same_column(loaded.edges.extra[0], g.edges.extra[0]));
  CHECK(loaded.fingerprint() == g.fingerprint());

  const NetworkHeader header = read_header(path);
  CHECK(header.format_version == kFormatVersion);
  CHECK(header.node_count == g.node_count());
  CHECK(header.edge_count == g.edge_count());
  CHECK(header.fingerprint == g.fingerprint());

  const ImportLog log = load_import_log(path);
  CHECK(log.duplicate_edges_merged == 1);
  CHECK(log.self_loops_dropped == 1);
  CHECK(log.mode == "strict");
  CHECK(log.nodes_file == source_file("datasets/handmade/nodes.csv"));
  CHECK(temp_leftovers(dir).empty());
}

TEST_CASE("the import log keeps lenient rejections with their lines", "[core][hdf5]") {
  TempDir dir;
  ImportOptions options;
  options.lenient = true;
  ImportResult r = import_csv(write_file(dir.file("n.csv"), "id,kind\nA,firm\nB,spaceship\nC,bank\n"),
                              write_file(dir.file("e.csv"), "source,target\nA,C\nA,B\n"), options);
  save_network(dir.file("net.h5"), r.graph, r.log);
  ImportLog log = load_import_log(dir.file("net.h5"));
  CHECK(log.mode == "lenient");
  CHECK(log.rejected_by_reason.at("unknown_kind") == 1);
  CHECK(log.rejected_by_reason.at("unknown_endpoint") == 1);
  REQUIRE(log.issues.size() == 2);
  CHECK(log.issues[0].line == 3);
  CHECK(log.issues[1].line == 3);
  CHECK(log.issues[1].file == dir.file("e.csv"));
}

TEST_CASE("results are written, listed, read back and replaced", "[core][hdf5][results]") {
  TempDir dir;
  ImportResult r = handmade();
  const std::string path = dir.file("net.h5");
  save_network(path, r.graph, r.log);
  const std::size_t n = r.graph.node_count();

  Result result;
  result.name = "test-run";
  result.method = "worked_example";
  result.seed = 42;
  result.threads = 2;
  result.parameters = {{"resolution", 1.0}, {"layers", std::string("supply")}, {"runs", std::int64_t{3}}};
  result.scalars = {{"quality", 0.5}};
  std::vector<std::int64_t> membership(n);
  for (std::size_t i = 0; i < n; ++i) membership[i] = static_cast<std::int64_t>(i % 3);
  result.add_column("membership", membership);
  result.add_column("score", std::vector<double>(n, 0.125));
  result.tables.push_back({"groups", {{"group", Int64Column{0, 1, 2}}, {"size", Int64Column{14, 14, 14}}}});
  write_result(path, result);

  const auto listed = list_results(path);
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].name == "test-run");
  CHECK(listed[0].method == "worked_example");
  CHECK(listed[0].seed == 42);
  CHECK(listed[0].columns == std::vector<std::string>{"membership", "score"});

  Result back = read_result(path, "test-run");
  CHECK(std::get<Int64Column>(back.column("membership").values) == membership);
  CHECK(std::get<Float64Column>(back.column("score").values)[5] == 0.125);
  CHECK(std::get<double>(back.parameter("resolution")) == 1.0);
  CHECK(std::get<std::string>(back.parameter("layers")) == "supply");
  CHECK(std::get<std::int64_t>(back.parameter("runs")) == 3);
  CHECK(std::get<double>(back.scalar("quality")) == 0.5);
  CHECK(back.threads == 2);
  REQUIRE(back.tables.size() == 1);
  CHECK(std::get<Int64Column>(back.tables[0].columns[1].values) == Int64Column{14, 14, 14});

  // Replacing keeps one copy and the graph stays intact.
  result.scalars = {{"quality", 0.75}};
  write_result(path, result);
  CHECK(list_results(path).size() == 1);
  CHECK(std::get<double>(read_result(path, "test-run").scalar("quality")) == 0.75);
  CHECK(load_network(path).fingerprint() == r.graph.fingerprint());
  CHECK(temp_leftovers(dir).empty());

  Result bad = result;
  bad.name = "../escape";
  CHECK_THROWS_AS(write_result(path, bad), UsageError);
  bad = result;
  bad.node_columns[0] = {"membership", Int64Column{1, 2}};
  CHECK_THROWS_AS(write_result(path, bad), std::logic_error);
  CHECK_THROWS_WITH(read_result(path, "absent"), Catch::Contains("no stored result named 'absent'"));
}

TEST_CASE("a write that fails midway leaves the previous file intact", "[core][hdf5][atomic]") {
  TempDir dir;
  ImportResult small = handmade();
  const std::string path = dir.file("net.h5");
  save_network(path, small.graph, small.log);
  const auto before = std::filesystem::file_size(path);

  // A bigger graph, written by a child process whose file-size limit makes the write fail.
  GraphBuilder b(small.graph.nodes);
  for (int i = 0; i < 400000; ++i)
    b.add_edge(i % 40, (i * 7 + 1) % 41, RelationType::supply, 1.0 + i, static_cast<std::int16_t>(1 + i % 9000));
  Graph big = std::move(b).finish();
  for (int scenario = 0; scenario < 2; ++scenario) {
    std::fflush(nullptr);
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      signal(SIGXFSZ, SIG_IGN);
      rlimit limit{before + 4096, before + 4096};
      setrlimit(RLIMIT_FSIZE, &limit);
      try {
        if (scenario == 0) {
          save_network(path, big, small.log);
        } else {
          Result r;
          r.name = "huge";
          r.method = "fill";
          r.add_column("x", std::vector<double>(small.graph.node_count(), 1.0));
          r.tables.push_back({"t", {{"v", Float64Column(2000000, 3.0)}}});
          write_result(path, r);
        }
      } catch (const DataError&) {
        _exit(3);  // the expected clean failure
      } catch (...) {
        _exit(4);
      }
      _exit(0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    INFO("scenario " << scenario);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 3);
    CHECK(std::filesystem::file_size(path) == before);
    CHECK(load_network(path).fingerprint() == small.graph.fingerprint());
    CHECK(list_results(path).empty());
    CHECK(temp_leftovers(dir).empty());
  }
}

TEST_CASE("foreign, truncated and future files give one-line errors", "[core][hdf5]") {
  TempDir dir;
  auto error_of = [](const std::string& path) {
    try {
      load_network(path);
    } catch (const DataError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(error_of(dir.file("absent.h5")) == dir.file("absent.h5") + ": no such file");
  CHECK_THAT(error_of(write_file(dir.file("text.h5"), "id,name\n")), Catch::Contains("not an HDF5 file"));
  CHECK_THAT(error_of(dir.path().string()), Catch::Contains("is a directory"));
  {
    H5::H5File foreign(dir.file("foreign.h5"), H5F_ACC_TRUNC);
    foreign.createGroup("data");
  }
  CHECK_THAT(error_of(dir.file("foreign.h5")), Catch::Contains("not a firmnet network file"));

  ImportResult r = handmade();
  const std::string good = dir.file("good.h5");
  save_network(good, r.graph, r.log);
  {
    std::filesystem::copy_file(good, dir.file("future.h5"));
    H5::H5File f(dir.file("future.h5"), H5F_ACC_RDWR);
    f.removeAttr("format_version");
    const std::int64_t v = kFormatVersion + 1;
    f.createAttribute("format_version", H5::PredType::NATIVE_INT64, H5::DataSpace(H5S_SCALAR))
        .write(H5::PredType::NATIVE_INT64, &v);
  }
  CHECK_THAT(error_of(dir.file("future.h5")), Catch::Contains("newer than this build reads"));
  {
    const auto size = std::filesystem::file_size(good);
    std::filesystem::copy_file(good, dir.file("truncated.h5"));
    std::filesystem::resize_file(dir.file("truncated.h5"), size / 2);
  }
  const std::string truncated = error_of(dir.file("truncated.h5"));
  CHECK_THAT(truncated, Catch::Contains("truncated or corrupt"));
  CHECK(truncated.find('\n') == std::string::npos);
  CHECK_THROWS_AS(save_network(dir.file("no/such/dir/x.h5"), r.graph, r.log), DataError);
  CHECK_THROWS_WITH(save_network(dir.path().string(), r.graph, r.log), Catch::Contains("is a directory"));
}

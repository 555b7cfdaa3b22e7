// Tests of io/csv_writer: RFC 4180 quoting, missing values, shortest round-trip numbers, and a
// full round trip generator -> CSV -> import_csv that must reproduce the same network.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "datasets/generators/chain.hpp"
#include "datasets/generators/scenario.hpp"
#include "io/csv_import.hpp"
#include "io/csv_writer.hpp"

using namespace firmnet;
using namespace firmnet::generators;

namespace {

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::filesystem::path scratch_dir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("firmnet_gen_csv_" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace

TEST_CASE("csv writer: quoting, missing values and numbers", "[generators]") {
  std::string line;
  append_csv_field(line, "plain");
  CHECK(line == "plain");
  line.clear();
  append_csv_field(line, "Zhuji, \"Datang\"\nsocks");
  CHECK(line == "\"Zhuji, \"\"Datang\"\"\nsocks\"");
  line.clear();
  append_csv_number(line, 0.1);
  CHECK(line == "0.1");
  line.clear();
  append_csv_number(line, std::nan(""));
  CHECK(line.empty());
  append_csv_number(line, kMissingInt64);
  CHECK(line.empty());
  append_csv_number(line, std::int64_t{-42});
  CHECK(line == "-42");

  const auto dir = scratch_dir("table");
  StringColumnBuilder names;
  names.push_missing();
  names.push_back("a,b");
  std::vector<ExtraColumn> columns;
  columns.push_back({"name", std::move(names).finish()});
  columns.push_back({"x", Float64Column{1.5, std::nan("")}});
  columns.push_back({"k", Int64Column{kMissingInt64, 7}});
  write_table_csv((dir / "t.csv").string(), columns);
  CHECK(read_text(dir / "t.csv") == "name,x,k\n,1.5,\n\"a,b\",,7\n");
  std::filesystem::remove_all(dir);
}

TEST_CASE("csv writer: generated networks survive CSV -> import unchanged", "[generators]") {
  ChainParameters chain;
  chain.firms = 400;
  for (const GeneratedNetwork& net : {generate_scenario({}), generate_chain(chain)}) {
    const auto dir = scratch_dir("roundtrip");
    write_generated_csv(net, dir.string());
    const ImportResult imported = import_csv((dir / "nodes.csv").string(), (dir / "edges.csv").string(), {});
    const Graph& a = net.graph;
    const Graph& b = imported.graph;
    REQUIRE(b.node_count() == a.node_count());
    REQUIRE(b.edge_count() == a.edge_count());
    CHECK(b.fingerprint() == a.fingerprint());
    for (NodeId u = 0; u < a.node_count(); ++u) {
      CHECK(b.nodes.id[u] == a.nodes.id[u]);
      CHECK(b.nodes.name[u] == a.nodes.name[u]);
      CHECK(b.nodes.kind[u] == a.nodes.kind[u]);
      CHECK(b.nodes.stage.value(u) == a.nodes.stage.value(u));
      CHECK(b.nodes.park.value(u) == a.nodes.park.value(u));
      CHECK(b.nodes.lat[u] == a.nodes.lat[u]);  // shortest round-trip text is exact
      CHECK(b.nodes.employees[u] == a.nodes.employees[u]);
      CHECK(b.nodes.founded[u] == a.nodes.founded[u]);
    }
    const std::string truth = read_text(dir / "truth_nodes.csv");
    CHECK(truth.rfind("id,", 0) == 0);
    CHECK(static_cast<NodeId>(std::count(truth.begin(), truth.end(), '\n')) == a.node_count() + 1);
    std::filesystem::remove_all(dir);
  }
}

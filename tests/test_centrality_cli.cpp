// End-to-end: `firmnet centrality` and `firmnet anchors` on the bundled handmade network.
// The stored columns must equal the library's values, carry their parameters, and the exit
// codes must follow the CLI contract (0 ok, 1 data error, 2 usage error).
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "algorithms/anchors/anchor_score.hpp"
#include "algorithms/centrality/betweenness.hpp"
#include "algorithms/centrality/kadabra_betweenness.hpp"
#include "algorithms/centrality/pagerank.hpp"
#include "io/network_store.hpp"
#include "io/results.hpp"
#include "test_centrality_support.hpp"
#include "test_support.hpp"

using namespace firmnet;
using namespace firmnet::anchors;
using namespace firmnet::centrality;
using namespace firmnet::test;

namespace {

int run_cli(const std::string& arguments) {
  const std::string command = firmnet_binary() + " -q " + arguments + " > /dev/null 2>&1";
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string imported_handmade(const TempDir& dir) {
  const std::string file = dir.file("net.h5");
  REQUIRE(run_cli("import --nodes " + source_file("datasets/handmade/nodes.csv") + " --edges " +
                  source_file("datasets/handmade/edges.csv") + " -o " + file) == 0);
  return file;
}

const std::vector<double>& doubles(const Result& r, const std::string& column) {
  return std::get<Float64Column>(r.column(column).values);
}

}  // namespace

TEST_CASE("firmnet centrality stores every measure with its parameters", "[centrality]") {
  TempDir dir;
  const std::string file = imported_handmade(dir);
  REQUIRE(run_cli("centrality " + file + " --measures all --layers supply,subcontract,cooperation --name c1") == 0);
  const Result stored = read_result(file, "c1");
  REQUIRE(stored.method == "centrality");
  REQUIRE(std::get<std::string>(stored.parameter("selection")) == "types=supply,subcontract,cooperation years=all");
  REQUIRE(std::get<double>(stored.parameter("pagerank_damping")) == 0.85);
  for (const char* column : {"in_degree", "out_degree", "degree", "in_strength", "out_strength", "strength", "pagerank",
                             "betweenness", "harmonic", "eigenvector", "hub", "authority", "katz", "clustering",
                             "constraint"})
    REQUIRE(doubles(stored, column).size() == 42);
  REQUIRE(std::get<Int64Column>(stored.column("coreness").values).size() == 42);

  const Graph g = load_network(file);
  const Adjacency a = Adjacency::directed(GraphView(g, EdgeFilter::parse("supply,subcontract,cooperation", "")));
  PageRankOptions unweighted;  // the CLI uses weights only with --weighted
  unweighted.weighted = false;
  require_close(doubles(stored, "pagerank"), pagerank(a, unweighted).scores, 1e-12);
  require_close(doubles(stored, "betweenness"), betweenness(a, {}).scores, 1e-12);

  REQUIRE(run_cli("centrality " + file + " --measures betweenness --samples 10 --undirected --name c2") == 0);
  const Result sampled = read_result(file, "c2");
  REQUIRE(doubles(sampled, "betweenness_se").size() == 42);
  REQUIRE(std::get<double>(sampled.scalar("betweenness_error_bound")) > 0.0);
  REQUIRE(std::get<std::int64_t>(sampled.parameter("betweenness_samples")) == 10);

  REQUIRE(run_cli("centrality " + file + " --measures pagerank,shoe") == 2);
  REQUIRE(run_cli("centrality " + file + " --layers steel") == 2);
  REQUIRE(run_cli("centrality " + dir.file("missing.h5")) == 1);
}

TEST_CASE("firmnet centrality --epsilon stores KADABRA's scores and guarantee", "[centrality][kadabra]") {
  TempDir dir;
  const std::string file = imported_handmade(dir);
  const std::string text = dir.file("out.txt");
  const std::string command = firmnet_binary() + " --seed 3 --verify centrality " + file +
                              " --measures betweenness --epsilon 0.05 --delta 0.2 --normalized --name k1 > " + text + " 2>&1";
  REQUIRE(std::system(command.c_str()) == 0);
  std::stringstream printed;
  printed << std::ifstream(text).rdbuf();
  INFO(printed.str());
  REQUIRE(printed.str().find("every score within 0.05 of exact with probability ≥ 0.8") != std::string::npos);
  REQUIRE(printed.str().find("verified: centrality") != std::string::npos);

  const Result stored = read_result(file, "k1");
  REQUIRE(std::get<std::string>(stored.parameter("betweenness_method")) == "KADABRA (Borassi & Natale 2019)");
  REQUIRE(std::get<double>(stored.parameter("betweenness_epsilon")) == 0.05);
  REQUIRE(std::get<double>(stored.parameter("betweenness_delta")) == 0.2);
  REQUIRE(std::get<double>(stored.scalar("betweenness_error_bound")) == 0.05);
  const Graph g = load_network(file);
  KadabraOptions options;
  options.epsilon = 0.05;
  options.delta = 0.2;
  options.normalized = true;
  options.seed = 3;
  const KadabraResult expected = kadabra_betweenness(Adjacency::directed(GraphView(g)), options);
  REQUIRE(doubles(stored, "betweenness") == expected.scores);
  REQUIRE(std::get<std::int64_t>(stored.scalar("betweenness_samples_taken")) == static_cast<std::int64_t>(expected.samples));
  REQUIRE(std::get<std::int64_t>(stored.scalar("betweenness_omega")) == static_cast<std::int64_t>(expected.omega));
  REQUIRE(std::get<std::int64_t>(stored.scalar("betweenness_vertex_diameter_bound")) ==
          static_cast<std::int64_t>(expected.vertex_diameter_bound));

  for (const char* bad : {"--epsilon -0.1", "--epsilon 1.5", "--epsilon 0.05 --delta 0", "--epsilon 0.05 --delta 1",
                          "--epsilon 0.05 --samples 10", "--epsilon 0.05 --weighted"})
    REQUIRE(run_cli("centrality " + file + " --measures betweenness " + bad) == 2);
}

TEST_CASE("firmnet anchors stores components, reasons and top lists", "[anchors]") {
  TempDir dir;
  const std::string file = imported_handmade(dir);
  REQUIRE(run_cli("anchors " + file + " --by park --top 3 --name a1") == 0);
  const Result stored = read_result(file, "a1");
  REQUIRE(stored.method == "anchors");
  REQUIRE(std::get<std::string>(stored.parameter("group_by")) == "park");
  const Graph g = load_network(file);
  AnchorRequest options;
  options.group_by = Locality::park;
  options.top = 3;
  const AnchorOutcome a = run_anchors(GraphView(g), options, {});
  REQUIRE(doubles(stored, "anchor_score") == a.score);
  REQUIRE(std::get<Int64Column>(stored.column("dominated").values) == a.dependency.dominated);
  const auto& reasons = std::get<StringColumn>(stored.column("reason").values);
  REQUIRE(reasons.value(a.top_overall[0].node) == a.reason[a.top_overall[0].node]);
  bool has_table = false;
  for (const auto& t : stored.tables) has_table |= t.name == "top_by_group" && !t.columns.empty();
  REQUIRE(has_table);

  // Communities from a stored result: a membership column written by another method.
  Result communities;
  communities.name = "parts";
  communities.method = "test";
  std::vector<std::int64_t> membership(g.node_count());
  for (NodeId v = 0; v < g.node_count(); ++v) membership[v] = v % 3;
  communities.add_column("membership", membership);
  write_result(file, communities);
  REQUIRE(run_cli("anchors " + file + " --communities parts --name a2") == 0);
  const Result by_community = read_result(file, "a2");
  REQUIRE(std::get<std::string>(by_community.parameter("group_by")) == "community");
  REQUIRE(std::get<Int64Column>(by_community.column("local_suppliers_community").values).size() == g.node_count());

  REQUIRE(run_cli("anchors " + file + " --by community") == 2);         // no communities given
  REQUIRE(run_cli("anchors " + file + " --communities a1") == 1);       // no membership column
  REQUIRE(run_cli("anchors " + file + " --communities nothing") == 1);  // no such result
}

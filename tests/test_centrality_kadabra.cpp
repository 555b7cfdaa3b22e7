// KADABRA approximate betweenness (algorithms/centrality/kadabra_betweenness.hpp): every
// normalised score within epsilon of exact Brandes betweenness on the public test networks
// (karate, football, polbooks, LFR, email-Eu-core from the shared networks directory) and on
// generated graphs with long, many-path and disconnected structure; the vertex-diameter bound
// against all-pairs BFS; the verifier; determinism over thread counts; bad settings.
#include <catch2/catch.hpp>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "algorithms/centrality/betweenness.hpp"
#include "algorithms/centrality/centrality_suite.hpp"
#include "algorithms/centrality/kadabra_verifier.hpp"
#include "algorithms/centrality/vertex_diameter_bound.hpp"
#include "graph/errors.hpp"
#include "test_centrality_support.hpp"
#include "test_support.hpp"

using namespace firmnet;
using namespace firmnet::centrality;
using namespace firmnet::test;

namespace {

// The shared networks directory beside the repository (/work/shared/networks for /work/main
// and for worktrees /work/wt/<name>), or empty when absent.
std::filesystem::path shared_networks() {
  for (const char* relative : {"/../shared/networks", "/../../shared/networks"}) {
    const std::filesystem::path path = source_dir() + relative;
    if (std::filesystem::is_directory(path)) return path;
  }
  return {};
}

// firmnet's CSV pair: node ids in nodes.csv order, edges by id (header lines skipped).
Graph csv_network(const std::filesystem::path& nodes_file, const std::filesystem::path& edges_file) {
  std::map<std::string, NodeId> index;
  std::ifstream nodes(nodes_file);
  std::string line;
  std::getline(nodes, line);
  while (std::getline(nodes, line))
    if (!line.empty()) index.emplace(line.substr(0, line.find(',')), static_cast<NodeId>(index.size()));
  std::vector<EdgeSpec> edges;
  std::ifstream links(edges_file);
  std::getline(links, line);
  while (std::getline(links, line)) {
    const auto first = line.find(','), second = line.find(',', first + 1);
    if (first == std::string::npos) continue;
    edges.push_back({index.at(line.substr(0, first)), index.at(line.substr(first + 1, second - first - 1))});
  }
  return make_graph(static_cast<NodeId>(index.size()), edges);
}

// Nodes ("id k") and edges ("source u target v") of a GML file whose node ids are 0..n-1.
Graph gml_network(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string word, previous;
  NodeId n = 0, source = 0;
  std::vector<EdgeSpec> edges;
  while (in >> word) {
    if (previous == "id") n = std::max<NodeId>(n, static_cast<NodeId>(std::stoul(word)) + 1);
    if (previous == "source") source = static_cast<NodeId>(std::stoul(word));
    if (previous == "target") edges.push_back({source, static_cast<NodeId>(std::stoul(word))});
    previous = word;
  }
  return make_graph(n, edges);
}

// A whitespace-separated edge list with 0-based ids.
Graph edge_list_network(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::vector<EdgeSpec> edges;
  NodeId n = 0;
  for (NodeId u, v; in >> u >> v;) {
    edges.push_back({u, v});
    n = std::max({n, u + 1, v + 1});
  }
  return make_graph(n, edges);
}

KadabraResult run_kadabra(const Adjacency& a, double epsilon, double delta, std::uint64_t seed, bool normalized = true) {
  KadabraOptions options;
  options.epsilon = epsilon;
  options.delta = delta;
  options.seed = seed;
  options.normalized = normalized;
  return kadabra_betweenness(a, options);
}

std::vector<double> exact_normalized(const Adjacency& a) {
  BetweennessOptions options;
  options.normalized = true;
  return betweenness(a, options).scores;
}

// Largest |estimate - exact normalised betweenness|, after checking that the verifier's
// structural checks pass (its own comparison with exact is left to the caller's).
double max_error(const Adjacency& a, const std::vector<double>& exact, double epsilon, std::uint64_t seed) {
  KadabraOptions options;
  options.epsilon = epsilon;
  options.seed = seed;
  options.normalized = true;
  const KadabraResult result = kadabra_betweenness(a, options);
  const Verification verification = verify_kadabra(a, options, result, 0);
  INFO((verification.violations.empty() ? std::string() : verification.violations.front()));
  REQUIRE(verification.ok());
  REQUIRE(result.samples <= result.omega);
  double worst = 0.0;
  for (std::size_t v = 0; v < exact.size(); ++v) worst = std::max(worst, std::abs(result.scores[v] - exact[v]));
  return worst;
}

// Vertex diameter by BFS from every node: the most nodes on a shortest path. O(n m).
std::uint64_t exact_vertex_diameter(const Adjacency& a) {
  std::uint64_t most = a.node_count() > 0 ? 1 : 0;
  std::vector<std::int64_t> hops(a.node_count());
  for (NodeId s = 0; s < a.node_count(); ++s) {
    std::fill(hops.begin(), hops.end(), -1);
    std::vector<NodeId> queue{s};
    hops[s] = 0;
    for (std::size_t head = 0; head < queue.size(); ++head)
      for (EdgeId i = a.out().offsets[queue[head]]; i < a.out().offsets[queue[head] + 1]; ++i)
        if (hops[a.out().targets[i]] < 0) {
          hops[a.out().targets[i]] = hops[queue[head]] + 1;
          queue.push_back(a.out().targets[i]);
          most = std::max<std::uint64_t>(most, hops[a.out().targets[i]] + 1);
        }
  }
  return most;
}

// A rows x columns grid, undirected: many shortest paths between most pairs, so a biased
// choice among them would show.
Graph grid(NodeId rows, NodeId columns) {
  std::vector<EdgeSpec> edges;
  for (NodeId r = 0; r < rows; ++r)
    for (NodeId c = 0; c < columns; ++c) {
      if (c + 1 < columns) edges.push_back({r * columns + c, r * columns + c + 1});
      if (r + 1 < rows) edges.push_back({r * columns + c, (r + 1) * columns + c});
    }
  return make_graph(rows * columns, edges);
}

}  // namespace

TEST_CASE("KADABRA lies within epsilon of exact betweenness on the public test networks", "[centrality][kadabra]") {
  const std::filesystem::path dir = shared_networks();
  if (dir.empty()) {
    WARN("shared networks directory not found beside the repository; skipped");
    return;
  }
  struct Network {
    std::string name;
    Graph graph;
    bool directed;
  };
  std::vector<Network> networks;
  networks.push_back({"karate", csv_network(dir / "karate_nodes.csv", dir / "karate_edges.csv"), false});
  networks.push_back({"football", csv_network(dir / "football_nodes.csv", dir / "football_edges.csv"), false});
  networks.push_back({"polbooks", csv_network(dir / "polbooks_nodes.csv", dir / "polbooks_edges.csv"), false});
  networks.push_back({"lfr-mu-0.3", gml_network(dir / "lfr-mu-0.3.gml"), false});
  networks.push_back({"email-Eu-core", edge_list_network(dir / "email-eu-core" / "email-Eu-core.txt"), true});
  networks.push_back({"email-Eu-core undirected", edge_list_network(dir / "email-eu-core" / "email-Eu-core.txt"), false});
  REQUIRE(networks[0].graph.node_count() == 34);
  REQUIRE(networks[1].graph.node_count() == 115);
  REQUIRE(networks[2].graph.node_count() == 105);
  REQUIRE(networks[3].graph.node_count() == 1000);
  REQUIRE(networks[4].graph.node_count() == 1005);
  for (const auto& network : networks) {
    INFO(network.name);
    const Adjacency a = Adjacency::of(GraphView(network.graph), network.directed);
    const std::vector<double> exact = exact_normalized(a);
    for (double epsilon : {0.01, 0.03}) {
      INFO("epsilon " << epsilon);
      REQUIRE(max_error(a, exact, epsilon, 11) <= epsilon);
    }
  }
}

TEST_CASE("KADABRA lies within epsilon of exact betweenness on generated graphs", "[centrality][kadabra]") {
  // Directed heavy-tailed graph; a long path (normalised betweenness up to 1/2 in the middle);
  // a grid (many tied paths); a star (centre exactly 1); and a directed graph of several
  // strongly connected pieces with isolated nodes.
  std::vector<EdgeSpec> path_edges, pieces;
  for (NodeId v = 0; v + 1 < 120; ++v) path_edges.push_back({v, v + 1});
  for (NodeId v = 0; v < 60; ++v) {
    pieces.push_back({v, (v + 1) % 60});                   // a 60-cycle
    pieces.push_back({60 + v, 60 + (v + 7) % 60});         // another, reached from the first
    if (v % 10 == 0) pieces.push_back({v, 60 + v});
  }
  std::vector<EdgeSpec> star;
  for (NodeId v = 1; v < 50; ++v) star.push_back({0, v});
  const std::vector<std::pair<std::string, Adjacency>> graphs{
      {"random directed", Adjacency::directed(GraphView(random_graph(400, 2000, 5)))},
      {"random undirected", Adjacency::undirected(GraphView(random_graph(400, 2000, 6)))},
      {"path", Adjacency::undirected(GraphView(make_graph(120, path_edges)))},
      {"grid", Adjacency::undirected(GraphView(grid(12, 15)))},
      {"star", Adjacency::undirected(GraphView(make_graph(50, star)))},
      {"pieces", Adjacency::directed(GraphView(make_graph(130, pieces)))},
  };
  for (const auto& [name, a] : graphs) {
    INFO(name);
    const std::vector<double> exact = exact_normalized(a);
    for (std::uint64_t seed : {1, 2}) REQUIRE(max_error(a, exact, 0.02, seed) <= 0.02);
  }
}

TEST_CASE("KADABRA scores in pair units and its stored facts", "[centrality][kadabra]") {
  // Star with centre 0 and 9 leaves: every leaf pair's only path passes the centre, so the
  // centre is interior on every sample and scores exactly n/(n-2) * (n-2)/n = 1 normalised,
  // C(9, 2) = 36 in pair units.
  std::vector<EdgeSpec> star;
  for (NodeId v = 1; v < 10; ++v) star.push_back({0, v});
  const Adjacency a = Adjacency::undirected(GraphView(make_graph(10, star)));
  const KadabraResult raw = run_kadabra(a, 0.05, 0.1, 3, false);
  REQUIRE(raw.vertex_diameter_bound == 3);
  REQUIRE(raw.error_bound == Approx(0.05 * 36));
  // Each sample is a leaf pair (interior: the centre) or involves the centre (no interior).
  REQUIRE(raw.interior_visits == static_cast<std::uint64_t>(std::llround(raw.scores[0] / 36.0 * raw.samples * 8 / 10)));
  for (NodeId v = 1; v < 10; ++v) REQUIRE(raw.scores[v] == 0.0);
  REQUIRE(std::abs(raw.scores[0] - 36.0) <= raw.error_bound);
  // omega = 0.5 / lambda^2 (floor(log2(VD - 2)) + 1 + ln(2 / delta)), lambda = epsilon (n - 2) / n.
  const double lambda = 0.05 * 8 / 10;
  REQUIRE(raw.omega == static_cast<std::uint64_t>(std::ceil(0.5 / (lambda * lambda) * (0 + 1 + std::log(20.0)))));
  // Two separate links: no shortest path has an interior node (VD = 2), nothing is sampled.
  const Adjacency pairs = Adjacency::undirected(GraphView(make_graph(4, {{0, 1}, {2, 3}})));
  const KadabraResult none = run_kadabra(pairs, 0.05, 0.1, 3);
  REQUIRE(none.vertex_diameter_bound == 2);
  REQUIRE(none.samples == 0);
  REQUIRE(none.scores == std::vector<double>{0, 0, 0, 0});
  // A triangle: the bound (2 x eccentricity 1, + 1) allows an interior node, so it samples,
  // but no sampled path has one.
  const Adjacency triangle = Adjacency::undirected(GraphView(make_graph(3, {{0, 1}, {1, 2}, {2, 0}})));
  const KadabraResult direct = run_kadabra(triangle, 0.05, 0.1, 3);
  REQUIRE(direct.vertex_diameter_bound == 3);
  REQUIRE(direct.interior_visits == 0);
  REQUIRE(direct.scores == std::vector<double>{0, 0, 0});
  // Through the suite: the facts the describer stores and the verifier reads.
  CentralityRequest request;
  request.measures = {"betweenness"};
  request.epsilon = 0.05;
  request.normalized = true;
  const Graph g = random_graph(200, 900, 8);
  const CentralityOutcome outcome = run_centrality(GraphView(g), request);
  std::map<std::string, double> facts;
  for (const auto& fact : outcome.facts) facts[fact.name] = std::visit([](auto v) { return static_cast<double>(v); }, fact.value);
  REQUIRE(facts.at("betweenness_error_bound") == 0.05);
  REQUIRE(facts.at("betweenness_samples_taken") >= 1);
  REQUIRE(facts.at("betweenness_samples_taken") <= facts.at("betweenness_omega"));
  REQUIRE(facts.at("betweenness_vertex_diameter_bound") >= facts.at("betweenness_longest_sampled_path"));
}

TEST_CASE("the vertex diameter bound is an upper bound, exact on paths and cycles", "[centrality][kadabra]") {
  std::vector<EdgeSpec> path, cycle;
  for (NodeId v = 0; v + 1 < 30; ++v) path.push_back({v, v + 1});
  for (NodeId v = 0; v < 30; ++v) cycle.push_back({v, (v + 1) % 30});
  REQUIRE(vertex_diameter_upper_bound(Adjacency::undirected(GraphView(make_graph(30, path)))) == 30);
  REQUIRE(vertex_diameter_upper_bound(Adjacency::directed(GraphView(make_graph(30, path)))) == 30);
  REQUIRE(vertex_diameter_upper_bound(Adjacency::directed(GraphView(make_graph(30, cycle)))) == 30);
  REQUIRE(vertex_diameter_upper_bound(Adjacency::undirected(GraphView(make_graph(30, cycle)))) == 30);  // 2 * 15 + 1 > 30
  for (std::uint64_t seed : {1, 2, 3}) {
    const Graph g = random_graph(300, 600 + 300 * seed, seed);
    for (bool directed : {true, false}) {
      INFO("seed " << seed << " directed " << directed);
      const Adjacency a = Adjacency::of(GraphView(g), directed);
      const std::uint64_t bound = vertex_diameter_upper_bound(a), exact = exact_vertex_diameter(a);
      REQUIRE(bound >= exact);
      REQUIRE(bound <= 300);
      if (!directed) REQUIRE(bound <= 2 * exact + 1);  // 2 x eccentricity + 1 within a component
    }
  }
}

TEST_CASE("the KADABRA verifier rejects corrupted outcomes", "[centrality][kadabra]") {
  const Adjacency a = Adjacency::undirected(GraphView(random_graph(150, 600, 4)));
  KadabraOptions options;
  options.epsilon = 0.03;
  options.normalized = true;
  const KadabraResult good = kadabra_betweenness(a, options);
  REQUIRE(verify_kadabra(a, options, good).ok());
  KadabraResult shifted = good;  // an extra visit: counts no longer sum to the interior visits
  std::size_t top = std::max_element(good.scores.begin(), good.scores.end()) - good.scores.begin();
  shifted.scores[top] += 150.0 / 148.0 / static_cast<double>(good.samples);
  REQUIRE_FALSE(verify_kadabra(a, options, shifted).ok());
  KadabraResult scaled = good;  // wrong normalisation: twice every score
  for (double& s : scaled.scores) s *= 2.0;
  REQUIRE_FALSE(verify_kadabra(a, options, scaled).ok());
  KadabraResult short_bound = good;  // a vertex diameter bound below a real shortest path
  short_bound.vertex_diameter_bound = 3;
  REQUIRE_FALSE(verify_kadabra(a, options, short_bound).ok());
  KadabraResult moved = good;  // the top node's visits given to the lowest: far from exact
  const std::size_t bottom = std::min_element(good.scores.begin(), good.scores.end()) - good.scores.begin();
  std::swap(moved.scores[top], moved.scores[bottom]);
  REQUIRE_FALSE(verify_kadabra(a, options, moved).ok());
}

TEST_CASE("KADABRA gives the same scores on 1 and 2 threads, and differs by seed", "[centrality][kadabra]") {
  const Adjacency a = Adjacency::directed(GraphView(random_graph(500, 3000, 9)));
  const int threads = omp_get_max_threads();
  omp_set_num_threads(1);
  const KadabraResult single = run_kadabra(a, 0.02, 0.1, 42);
  omp_set_num_threads(2);
  const KadabraResult dual = run_kadabra(a, 0.02, 0.1, 42);
  omp_set_num_threads(threads);
  REQUIRE(single.samples == dual.samples);
  REQUIRE(single.scores == dual.scores);
  REQUIRE(run_kadabra(a, 0.02, 0.1, 43).scores != single.scores);
  // The adaptive rule stops well before omega here.
  REQUIRE(single.samples < single.omega);
}

TEST_CASE("bad epsilon or delta and conflicting settings are usage errors", "[centrality][kadabra]") {
  const Adjacency a = Adjacency::directed(GraphView(random_graph(50, 200, 1)));
  for (double epsilon : {-0.1, 0.0, 1.0, 2.0, std::nan("")}) {
    INFO("epsilon " << epsilon);
    REQUIRE_THROWS_AS(run_kadabra(a, epsilon, 0.1, 1), UsageError);
  }
  for (double delta : {-0.1, 0.0, 1.0, std::nan("")}) {
    INFO("delta " << delta);
    REQUIRE_THROWS_AS(run_kadabra(a, 0.05, delta, 1), UsageError);
  }
  const Graph g = random_graph(50, 200, 1);
  CentralityRequest request;
  request.measures = {"betweenness"};
  request.epsilon = -0.5;
  REQUIRE_THROWS_AS(run_centrality(GraphView(g), request), UsageError);
  request.epsilon = 0.05;
  request.samples = 10;
  REQUIRE_THROWS_AS(run_centrality(GraphView(g), request), UsageError);
  request.samples = 0;
  request.weighted = true;
  REQUIRE_THROWS_AS(run_centrality(GraphView(g), request), UsageError);
  request.weighted = false;
  request.delta = 1.5;
  REQUIRE_THROWS_AS(run_centrality(GraphView(g), request), UsageError);
}

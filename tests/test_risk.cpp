// The economic systemic risk index and shock scenarios (algorithms/risk/): hand-computed
// cascades, properties, the verifier, thread-count independence and top-k screening.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "algorithms/risk/esri.hpp"
#include "algorithms/risk/esri_verifier.hpp"
#include "algorithms/risk/shock_scenario.hpp"
#include "datasets/generators/scenario.hpp"
#include "graph/errors.hpp"
#include "graph/random.hpp"
#include "test_centrality_support.hpp"
#include "test_support.hpp"

namespace firmnet::test {
namespace {

using risk::Channels;

NodeTable nodes_in(const std::vector<std::string>& industries) {
  NodeTable nodes = plain_nodes(static_cast<NodeId>(industries.size()));
  StringColumnBuilder industry;
  for (const std::string& code : industries) industry.push_back(code);
  nodes.industry = std::move(industry).finish();
  return nodes;
}

risk::RiskOutcome esri(const Graph& graph, Channels channels, const std::string& table_csv = "",
                       std::size_t top = 0) {
  risk::RiskRequest request;
  request.cascade.channels = channels;
  request.cascade.tolerance = 1e-12;
  request.top = top;
  if (!table_csv.empty()) {
    request.essentiality_source = "test";
    request.table = risk::parse_essentiality_csv(table_csv);
  }
  return risk::run_risk(GraphView(graph), request);
}

// Levels after the given firms fail (fraction), as the workspace leaves them.
std::vector<double> levels_after(const Graph& graph, risk::Essentiality essentiality, Channels channels,
                                 const std::vector<risk::InitialShock>& shocks, const std::string& table_csv = "") {
  const risk::ProductionNetwork network = risk::build_production_network(
      GraphView(graph), essentiality, table_csv.empty() ? risk::EssentialityTable{} : risk::parse_essentiality_csv(table_csv));
  risk::CascadeWorkspace workspace(network);
  risk::CascadeSettings settings{channels, 1e-12};
  workspace.run(network, shocks, settings);
  std::vector<double> levels(graph.node_count());
  for (NodeId i = 0; i < graph.node_count(); ++i) levels[i] = workspace.level(i);
  CHECK(risk::verify_cascade_levels(network, shocks, settings, levels).ok());
  return levels;
}

// The diamond: S1 (industry A, essential for F) and S2 (industry B, not essential) supply F
// with 3 and 1; F supplies D with 2.
Graph diamond() {
  return make_graph(4, {{0, 2, RelationType::supply, 3.0}, {1, 2, RelationType::supply, 1.0}, {2, 3, RelationType::supply, 2.0}},
                    nodes_in({"A", "B", "F", "D"}));
}
const char* kDiamondTable = "supplier,customer,essential\nA,F,1\nB,F,0\n";

// A random weighted supply network with a few industries.
Graph random_supply_network(NodeId n, std::size_t m, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<std::string> industries;
  const char* codes[] = {"C10", "C11", "G46", "H49", "C25"};
  for (NodeId i = 0; i < n; ++i) industries.push_back(codes[rng.below(5)]);
  std::vector<EdgeSpec> edges;
  for (std::size_t e = 0; e < m; ++e) {
    const auto a = static_cast<NodeId>(rng.below(n)), b = static_cast<NodeId>(rng.below(n));
    if (a != b) edges.push_back({a, b, RelationType::supply, 1.0 + static_cast<double>(rng.below(9))});
  }
  return make_graph(n, edges, nodes_in(industries));
}
const char* kRandomTable = "s,c,e\nC10,C11,1\nC1,G,1\nG46,C,0.5\nH,,0\nC25,C10,1\n";

}  // namespace

TEST_CASE("risk chain: every mode by hand") {
  // A -> B -> C, volumes 1: output shares A 1/2, B 1/2, C 0.
  const Graph chain = make_graph(3, {{0, 1, RelationType::supply, 1.0}, {1, 2, RelationType::supply, 1.0}},
                                 nodes_in({"X", "X", "X"}));
  const auto both = esri(chain, Channels::both);
  CHECK(both.esri == std::vector<double>{1.0, 1.0, 1.0});
  const auto down = esri(chain, Channels::downstream);
  CHECK(down.esri == std::vector<double>{1.0, 0.5, 0.0});
  const auto up = esri(chain, Channels::upstream);
  CHECK(up.esri == std::vector<double>{0.5, 1.0, 1.0});
  CHECK(down.esri_linear == down.esri);  // one supplier each: both production functions agree
}

TEST_CASE("risk star: downstream and upstream by hand") {
  // S1, S2, S3 supply H with 1, 1, 2 (industries P, Q, R); H supplies Z with 4. Total output 8.
  const Graph star = make_graph(5,
                                {{0, 3, RelationType::supply, 1.0},
                                 {1, 3, RelationType::supply, 1.0},
                                 {2, 3, RelationType::supply, 2.0},
                                 {3, 4, RelationType::supply, 4.0}},
                                nodes_in({"P", "Q", "R", "H", "Z"}));
  // Linear: S3's failure costs H half its inputs, and Z half of H's deliveries.
  const auto linear = levels_after(star, risk::Essentiality::none, Channels::downstream, {{2, 1.0}});
  CHECK(linear == std::vector<double>{1.0, 1.0, 0.0, 0.5, 0.5});
  const auto down = esri(star, Channels::downstream);
  CHECK(down.esri_linear[2] == Approx((2.0 + 4.0 * 0.5) / 8.0));
  CHECK(down.esri[2] == Approx(1.0 - 2.0 / 8.0));  // all essential: H and Z stop; S1, S2 keep
  const auto up = esri(star, Channels::upstream);
  CHECK(up.esri[4] == Approx(1.0));       // Z's demand is everyone's
  CHECK(up.esri[0] == Approx(1.0 / 8.0));  // nothing lies upstream of S1
}

TEST_CASE("risk diamond: one essential and one non-essential input") {
  const Graph graph = diamond();
  // S2 (non-essential, 1 of F's 4) fails. Downstream, F and D fall to 0.75; nothing lies
  // upstream of S2. Output lost: 1 (S2) + 2 * 0.25 (F) of 6.
  const auto table = esri(graph, Channels::both, kDiamondTable);
  CHECK(table.esri[1] == Approx(1.5 / 6.0));
  CHECK(table.esri[0] == Approx(5.0 / 6.0));  // S1 is essential: F and D stop; S2 keeps its level
  // Coupled, F's fall also cuts S1's demand by a quarter, and S1's fall feeds back into F's
  // essential input: everyone settles at 0.75. Output lost: 1 + 3 * 0.25 + 2 * 0.25 of 6.
  const auto coupled = esri(graph, Channels::coupled, kDiamondTable);
  CHECK(coupled.esri[1] == Approx(2.25 / 6.0));
  CHECK(coupled.esri[0] == Approx(1.0));  // and S2 loses its one customer's demand
  const auto levels = levels_after(graph, risk::Essentiality::table, Channels::coupled, {{1, 1.0}}, kDiamondTable);
  CHECK(levels == std::vector<double>{0.75, 0.0, 0.75, 0.75});
  const auto down = esri(graph, Channels::downstream, kDiamondTable);
  CHECK(down.esri[1] == Approx((1.0 + 2.0 * 0.25) / 6.0));
  const auto up = esri(graph, Channels::upstream, kDiamondTable);
  CHECK(up.esri[1] == Approx(1.0 / 6.0));
  CHECK(up.esri[3] == Approx(1.0));
  // Without a table: every input essential makes S2's loss stop F and D.
  const auto bounds = esri(graph, Channels::both);
  CHECK(bounds.esri[1] == Approx(3.0 / 6.0));
  CHECK(bounds.esri_linear[1] == Approx(1.5 / 6.0));
  // No input essential is the other extreme, not a lower bound under every table: coupled
  // and counted linearly, S1's lost demand feeds back into F's inputs and the loop S1 <-> F
  // collapses, where the table's essential S1 input held F at 0.75.
  const auto coupled_bounds = esri(graph, Channels::coupled);
  CHECK(coupled_bounds.esri_linear[1] == Approx(1.0));
}

TEST_CASE("risk loop: a partial shock settles on a cycle") {
  // A -> B -> C -> A, volumes 1, half of A's production lost: everyone settles at 0.5.
  const Graph loop = make_graph(3,
                                {{0, 1, RelationType::supply, 1.0},
                                 {1, 2, RelationType::supply, 1.0},
                                 {2, 0, RelationType::supply, 1.0}},
                                nodes_in({"X", "Y", "Z"}));
  for (const auto channels : {Channels::both, Channels::coupled})
    for (const auto essentiality : {risk::Essentiality::all, risk::Essentiality::none}) {
      const auto levels = levels_after(loop, essentiality, channels, {{0, 0.5}});
      CHECK(levels == std::vector<double>{0.5, 0.5, 0.5});
    }
  // The diamond with no input essential collapses through its loops only in the limit.
  const auto collapse = levels_after(diamond(), risk::Essentiality::none, Channels::coupled, {{0, 1.0}});
  for (const double level : collapse) CHECK(level == Approx(0.0).margin(1e-9));
}

// Replaceability by hand: S1 and S2 (industry A) sell 3 to F and 30 to X; F (B) sells 1 to S2
// and 2 to D; every input essential, downstream channel. When S1 fails, F makes up its input
// from A's remaining output 30 h_S2: sigma_S1 = 3 / (30 h_S2), so h_F = 1 - 1 / (10 h_S2),
// and S2 (supplied by F alone; F is its industry's only firm, sigma_F = 1) follows h_S2 = h_F.
// The greatest fixed point of h = 1 - 1 / (10 h) is h = (5 + sqrt 15) / 10; D follows F and X
// follows S2 (sigma_S2 = 30 / (30 h_S2) = 1: S2 is all that is left of A).
// Without replaceability S1 is F's sole essential supplier and everything downstream fails.
TEST_CASE("risk replaceability: a lost supplier made up within its industry") {
  const Graph g = make_graph(5,
                             {{0, 2, RelationType::supply, 3.0},
                              {1, 4, RelationType::supply, 30.0},
                              {2, 1, RelationType::supply, 1.0},
                              {2, 3, RelationType::supply, 2.0}},
                             nodes_in({"A", "A", "B", "D", "X"}));
  const risk::ProductionNetwork network = risk::build_production_network(GraphView(g), risk::Essentiality::all);
  const std::vector<risk::InitialShock> shocks{{0, 1.0}};
  const double h = (5.0 + std::sqrt(15.0)) / 10.0;
  for (const bool replaceable : {true, false}) {
    risk::CascadeSettings settings{Channels::downstream, 1e-13, replaceable};
    risk::CascadeWorkspace workspace(network);
    workspace.run(network, shocks, settings);
    std::vector<double> levels(5);
    for (NodeId i = 0; i < 5; ++i) levels[i] = workspace.level(i);
    CHECK(risk::verify_cascade_levels(network, shocks, settings, levels).ok());
    const double expected = replaceable ? h : 0.0;
    CHECK(levels[0] == 0.0);
    CHECK(levels[1] == Approx(expected).margin(1e-9));
    CHECK(levels[2] == Approx(expected).margin(1e-9));
    CHECK(levels[3] == Approx(expected).margin(1e-9));
    CHECK(levels[4] == Approx(expected).margin(1e-9));
    // ESRI: output 3 (S1) + 30 (S2) + 3 (F) = 36; lost 3 + 33 (1 - h).
    CHECK(workspace.output_lost(network) == Approx((3.0 + 33.0 * (1.0 - expected)) / 36.0).margin(1e-9));
  }
  // The verifier sees F at 0 beside S2 at h (replaceability ignored for F) as off the fixed point.
  risk::CascadeSettings settings{Channels::downstream, 1e-13, true};
  CHECK_FALSE(risk::verify_cascade_levels(network, shocks, settings, {0.0, h, 0.0, h, h}).ok());
}

TEST_CASE("risk essentiality table: most detailed common prefix") {
  const auto table = risk::parse_essentiality_csv("supplier,customer,essential\nC,,0.2\nC10,C11,1\nC10.1,C,0\n,G,0.7\n");
  CHECK(table.rules.size() == 4);
  CHECK(risk::match_essentiality(table, "C10.12", "C11.0") == 1.0);  // C10 + C11: 6 characters
  CHECK(risk::match_essentiality(table, "C10.15", "C25") == 0.0);    // C101 + C: 5 beat C + "": 1
  CHECK(risk::match_essentiality(table, "C10.2", "C11") == 1.0);
  CHECK(risk::match_essentiality(table, "C25", "H49") == 0.2);
  CHECK(risk::match_essentiality(table, "A01", "G46") == 0.7);
  CHECK(risk::match_essentiality(table, "A01", "H49") == -1.0);
  CHECK_THROWS_AS(risk::parse_essentiality_csv("a,b,2\n"), DataError);
  CHECK_THROWS_AS(risk::parse_essentiality_csv("a,b\n"), DataError);
}

TEST_CASE("risk properties on random networks") {
  const Graph graph = random_supply_network(80, 300, 7);
  const auto table = esri(graph, Channels::both, kRandomTable);
  const auto bounds = esri(graph, Channels::both);
  const risk::ProductionNetwork network =
      risk::build_production_network(GraphView(graph), risk::Essentiality::table, risk::parse_essentiality_csv(kRandomTable));
  risk::CascadeSettings settings{Channels::both, 1e-12};
  CHECK(risk::verify_esri(network, table, settings, 10, 3).ok());
  for (NodeId i = 0; i < graph.node_count(); ++i) {
    CHECK(table.esri[i] >= table.output_share[i] - 1e-12);
    // Every input essential bounds every table from above.
    CHECK(bounds.esri[i] >= table.esri[i] - 1e-9);
    CHECK(bounds.esri[i] >= bounds.esri_linear[i] - 1e-9);
  }
  // A corrupted outcome fails the verifier: an ESRI below the firm's own output share.
  risk::RiskOutcome corrupted = table;
  const NodeId largest = static_cast<NodeId>(
      std::max_element(table.output_share.begin(), table.output_share.end()) - table.output_share.begin());
  corrupted.esri[largest] = 0.5 * table.output_share[largest];
  CHECK_FALSE(risk::verify_esri(network, corrupted, settings, 0, 3).ok());
}

TEST_CASE("risk ESRI does not depend on the thread count") {
  const Graph graph = random_supply_network(150, 500, 11);
  const auto one = on_threads(1, [&] { return esri(graph, Channels::both, kRandomTable); });
  const auto two = on_threads(2, [&] { return esri(graph, Channels::both, kRandomTable); });
  CHECK(one.esri == two.esri);
  CHECK(one.top == two.top);
}

TEST_CASE("risk top-k screening equals the exhaustive top-k") {
  for (const std::uint64_t seed : {3u, 5u}) {
    // Sparse enough that many cascades stay local and the screening prunes.
    const Graph graph = random_supply_network(400, 420, seed);
    const auto all = esri(graph, Channels::both, kRandomTable);
    risk::RiskRequest request;
    request.essentiality_source = "test";
    request.table = risk::parse_essentiality_csv(kRandomTable);
    request.cascade.tolerance = 1e-12;
    request.top = 10;
    request.screen_pops = 20;
    const auto screened = risk::run_risk(GraphView(graph), request);
    std::vector<NodeId> expected(all.top.begin(), all.top.begin() + 10);
    CHECK(screened.top == expected);
    for (const NodeId i : screened.top) CHECK(screened.esri[i] == all.esri[i]);
    CHECK(screened.full_cascades < all.full_cascades);
    for (NodeId i = 0; i < graph.node_count(); ++i)
      if (!screened.exact[i]) CHECK(screened.upper_bound[i] >= all.esri[i] - 1e-12);
  }
}

TEST_CASE("risk shock scenario: a park fails in part") {
  NodeTable nodes = nodes_in({"A", "B", "F", "D"});
  StringColumnBuilder park;
  for (const char* p : {"north", "north", "south", ""}) park.push_back(p);
  nodes.park = std::move(park).finish();
  const Graph graph = make_graph(
      4, {{0, 2, RelationType::supply, 3.0}, {1, 2, RelationType::supply, 1.0}, {2, 3, RelationType::supply, 2.0}},
      std::move(nodes));
  risk::ShockRequest request;
  request.by = risk::FailingBy::park;
  request.names = {"north"};
  request.fraction = 0.5;
  request.cascade.tolerance = 1e-12;
  const auto outcome = risk::run_shock(GraphView(graph), request);
  CHECK(outcome.failing == std::vector<NodeId>{0, 1});
  // Every input essential: F is capped at 0.5 by either group, D follows, and upstream the
  // suppliers' demand falls to 0.5 too: half of all output is lost.
  CHECK(outcome.losses.share_lost == Approx(0.5));
  // No input essential: F loses half of all inputs: the same 0.5 here.
  CHECK(outcome.linear_losses.share_lost == Approx(0.5));
  REQUIRE(outcome.losses.by_park.size() == 2);
  CHECK(outcome.losses.by_park[0].group == "north");
  CHECK(outcome.losses.by_park[0].output_lost == Approx(2.0));
  CHECK(outcome.losses.by_park[0].share_lost == Approx(0.5));
  request.names = {"nowhere"};
  CHECK_THROWS_AS(risk::run_shock(GraphView(graph), request), UsageError);
  request.names = {"north"};
  request.fraction = 1.5;
  CHECK_THROWS_AS(risk::run_shock(GraphView(graph), request), UsageError);
}

TEST_CASE("risk generator: planted critical suppliers lead the ranking") {
  generators::ScenarioParameters parameters;
  parameters.critical_suppliers = 2;
  parameters.town_firms = 200;
  parameters.seed = 4;
  const generators::GeneratedNetwork world = generators::generate_scenario(parameters);
  const auto& role = std::get<StringColumn>(world.truth_table("nodes").column("role").values);
  std::vector<NodeId> planted;
  for (NodeId v = 0; v < world.graph.node_count(); ++v)
    if (role.value(v) == "critical_supplier") planted.push_back(v);
  REQUIRE(planted.size() == 2);
  risk::RiskRequest request;
  request.top = 2;
  const auto outcome = risk::run_risk(GraphView(world.graph, EdgeFilter::of_types({RelationType::supply})), request);
  std::vector<NodeId> top = outcome.top;
  std::sort(top.begin(), top.end());
  CHECK(top == planted);
  // Mid-size: neither among the largest sellers nor the risk explained by size.
  for (const NodeId v : planted) {
    std::size_t larger = 0;
    for (const double share : outcome.output_share) larger += share > outcome.output_share[v];
    CHECK(larger >= 20);
  }
}

}  // namespace firmnet::test

// Anchor-analysis building blocks on hand-built graphs with known answers, and cross-checks
// against igraph (dominator tree, articulation points, bridges) and brute force.
#include <catch2/catch.hpp>

#include <igraph/igraph.h>

#include <queue>

#include "algorithms/anchors/anchor_score.hpp"
#include "algorithms/anchors/cut_points.hpp"
#include "algorithms/anchors/guimera_amaral.hpp"
#include "algorithms/anchors/local_embedding.hpp"
#include "algorithms/anchors/supply_dependency.hpp"
#include "algorithms/anchors/supply_flow.hpp"
#include "graph/errors.hpp"
#include "test_centrality_support.hpp"

using namespace firmnet;
using namespace firmnet::anchors;
using namespace firmnet::test;

namespace {

// Nodes with the given parks and regions ("" = missing).
NodeTable located_nodes(const std::vector<std::string>& parks, const std::vector<std::string>& regions) {
  NodeTable nodes = plain_nodes(static_cast<NodeId>(parks.size()));
  StringColumnBuilder park, region;
  for (std::size_t i = 0; i < parks.size(); ++i) {
    park.push_back(parks[i]);
    region.push_back(regions[i]);
  }
  nodes.park = std::move(park).finish();
  nodes.region = std::move(region).finish();
  return nodes;
}

// Number of nodes other than d that the root no longer reaches when d is removed.
std::int64_t brute_force_dominated(const Adjacency& flow, const std::vector<NodeId>& roots, NodeId d) {
  const NodeId n = flow.node_count();
  std::vector<std::uint8_t> seen(n, 0);
  std::queue<NodeId> queue;
  for (NodeId r : roots)
    if (r != d) {
      seen[r] = 1;
      queue.push(r);
    }
  while (!queue.empty()) {
    const NodeId u = queue.front();
    queue.pop();
    for (EdgeId i = flow.out().offsets[u]; i < flow.out().offsets[u + 1]; ++i) {
      const NodeId v = flow.out().targets[i];
      if (v != d && !seen[v]) {
        seen[v] = 1;
        queue.push(v);
      }
    }
  }
  std::int64_t lost = 0;
  for (NodeId v = 0; v < n; ++v) lost += v != d && !seen[v];
  return lost;
}

// Sizes of the pieces when node x is removed from an undirected adjacency: nodes outside the
// largest piece of x's former component.
std::int64_t brute_force_cut_off(const Adjacency& a, NodeId x) {
  const NodeId n = a.node_count();
  std::vector<std::int64_t> piece(n, -1);
  std::vector<std::int64_t> sizes;
  for (EdgeId i = a.out().offsets[x]; i < a.out().offsets[x + 1]; ++i) {
    const NodeId s = a.out().targets[i];
    if (piece[s] >= 0) continue;
    const auto id = static_cast<std::int64_t>(sizes.size());
    sizes.push_back(0);
    std::queue<NodeId> queue;
    queue.push(s);
    piece[s] = id;
    while (!queue.empty()) {
      const NodeId u = queue.front();
      queue.pop();
      ++sizes[id];
      for (EdgeId j = a.out().offsets[u]; j < a.out().offsets[u + 1]; ++j) {
        const NodeId v = a.out().targets[j];
        if (v != x && piece[v] < 0) {
          piece[v] = id;
          queue.push(v);
        }
      }
    }
  }
  if (sizes.size() < 2) return 0;
  std::int64_t total = 0, largest = 0;
  for (auto s : sizes) {
    total += s;
    largest = std::max(largest, s);
  }
  return total - largest;
}

}  // namespace

TEST_CASE("Guimera-Amaral role thresholds follow Guimera & Amaral 2005", "[anchors]") {
  REQUIRE(guimera_amaral_role(0.0, 0.05) == 1);
  REQUIRE(guimera_amaral_role(0.0, 0.06) == 2);
  REQUIRE(guimera_amaral_role(2.49, 0.62) == 2);
  REQUIRE(guimera_amaral_role(2.49, 0.80) == 3);
  REQUIRE(guimera_amaral_role(-1.0, 0.81) == 4);
  REQUIRE(guimera_amaral_role(2.5, 0.30) == 5);
  REQUIRE(guimera_amaral_role(2.5, 0.75) == 6);
  REQUIRE(guimera_amaral_role(7.0, 0.76) == 7);
}

TEST_CASE("Guimera-Amaral z and P on a hand-computed graph", "[anchors]") {
  // Module 0: star 0-{1..4}; module 1: star 5-{6..14}; link 0-5.
  // Module 0 within-degrees 4,1,1,1,1: mean 1.6, sd 1.2, z_0 = 2.0; P_0 = 1 - .8^2 - .2^2 = .32.
  // Module 1 within-degrees 9,1x9: mean 1.8, sd 2.4, z_5 = 3.0; P_5 = 1 - .9^2 - .1^2 = .18.
  std::vector<EdgeSpec> edges{{0, 5, RelationType::cooperation}};
  for (NodeId v = 1; v <= 4; ++v) edges.push_back({0, v});
  for (NodeId v = 6; v <= 14; ++v) edges.push_back({v, 5});
  const Graph g = make_graph(15, edges);
  std::vector<std::int64_t> membership(15, 1);
  for (NodeId v = 0; v <= 4; ++v) membership[v] = 0;
  const ModuleRoles r = guimera_amaral_roles(Adjacency::undirected(GraphView(g)), membership, false);
  REQUIRE(r.z[0] == Approx(2.0));
  REQUIRE(r.participation[0] == Approx(0.32));
  REQUIRE(r.role[0] == 2);
  REQUIRE(r.z[1] == Approx(-0.5));
  REQUIRE(r.participation[1] == 0.0);
  REQUIRE(r.role[1] == 1);
  REQUIRE(r.z[5] == Approx(3.0));
  REQUIRE(r.participation[5] == Approx(0.18));
  REQUIRE(r.role[5] == 5);
  // A node without a module: z NaN, role 0, and it counts as a module of its own for P.
  membership[14] = -1;
  const ModuleRoles partial = guimera_amaral_roles(Adjacency::undirected(GraphView(g)), membership, false);
  REQUIRE(std::isnan(partial.z[14]));
  REQUIRE(partial.role[14] == 0);
  REQUIRE(partial.participation[5] == Approx(1.0 - 0.8 * 0.8 - 0.1 * 0.1 - 0.1 * 0.1));
}

TEST_CASE("goods flow reverses subcontracting", "[anchors]") {
  // 0 supplies 1; 1 subcontracts to 2, so 2 supplies 1.
  const Graph g = make_graph(3, {{0, 1, RelationType::supply}, {1, 2, RelationType::subcontract},
                                 {0, 2, RelationType::cooperation}});
  const Adjacency flow = supply_flow(GraphView(g, supply_layers()));
  REQUIRE(flow.out().degree(0) == 1);
  REQUIRE(flow.out().targets[flow.out().offsets[2]] == 1);
  REQUIRE(flow.in().degree(1) == 2);
}

TEST_CASE("supply dominators on a hand-built chain", "[anchors]") {
  // 0 -> 1 -> {2, 3} -> 4 -> 5 <- 6;  7 subcontracts to 8 (8 supplies 7);
  // a supplier-less cycle 9 <-> 10 feeding 11.
  const Graph g = make_graph(12, {{0, 1},
                                  {1, 2},
                                  {1, 3},
                                  {2, 4},
                                  {3, 4},
                                  {4, 5},
                                  {6, 5},
                                  {7, 8, RelationType::subcontract},
                                  {9, 10},
                                  {10, 9},
                                  {10, 11}});
  const Adjacency flow = supply_flow(GraphView(g, supply_layers()));
  REQUIRE(virtual_root_targets(flow) == std::vector<NodeId>{0, 6, 8, 9, 10});
  const SupplyDependency d = supply_dependency(flow);
  REQUIRE(d.immediate_dominator ==
          std::vector<std::int64_t>{kVirtualRoot, 0, 1, 1, 1, kVirtualRoot, kVirtualRoot, 8, kVirtualRoot,
                                    kVirtualRoot, kVirtualRoot, 10});
  REQUIRE(d.dominated == std::vector<std::int64_t>{4, 3, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0});
}

TEST_CASE("supply dominators match igraph and brute force", "[anchors]") {
  for (std::uint64_t seed : {3u, 4u, 5u}) {
    INFO("seed " << seed);
    const Graph g = random_graph(300, 420, seed, 0.6);
    const Adjacency flow = supply_flow(GraphView(g, supply_layers()));
    const SupplyDependency d = supply_dependency(flow);
    const std::vector<NodeId> roots = virtual_root_targets(flow);
    const NodeId n = flow.node_count();
    // igraph on the same graph with the virtual root as node n.
    std::vector<std::pair<NodeId, NodeId>> edges;
    for (NodeId r : roots) edges.emplace_back(n, r);
    for (NodeId u = 0; u < n; ++u)
      for (EdgeId i = flow.out().offsets[u]; i < flow.out().offsets[u + 1]; ++i) edges.emplace_back(u, flow.out().targets[i]);
    IgraphGraph ig = IgraphGraph::from_edges(n + 1, edges, {}, true);
    igraph_vector_int_t dom;
    igraph_vector_int_init(&dom, 0);
    check_igraph(igraph_dominator_tree(ig.get(), n, &dom, nullptr, nullptr, IGRAPH_OUT), "dominator_tree");
    const auto expected = to_std_vector(dom);
    igraph_vector_int_destroy(&dom);
    std::size_t nontrivial = 0;
    for (NodeId v = 0; v < n; ++v) {
      INFO("node " << v);
      REQUIRE(d.immediate_dominator[v] == (expected[v] == n ? kVirtualRoot : expected[v]));
      REQUIRE(d.dominated[v] == brute_force_dominated(flow, roots, v));
      nontrivial += d.dominated[v] > 0;
    }
    REQUIRE(nontrivial > 10);  // the graphs do exercise dependency
  }
}

TEST_CASE("articulation points and bridges match igraph and brute force", "[anchors]") {
  for (std::uint64_t seed : {7u, 8u}) {
    INFO("seed " << seed);
    const Graph g = random_graph(250, 300, seed, 0.7);
    const Adjacency a = Adjacency::undirected(GraphView(g));
    const CutPoints cuts = cut_points(a);
    IgraphGraph ig = to_igraph(a);
    igraph_vector_int_t points, bridges;
    igraph_vector_int_init(&points, 0);
    igraph_vector_int_init(&bridges, 0);
    check_igraph(igraph_articulation_points(ig.get(), &points), "articulation_points");
    check_igraph(igraph_bridges(ig.get(), &bridges), "bridges");
    std::vector<std::uint8_t> expected_points(a.node_count(), 0);
    for (auto p : to_std_vector(points)) expected_points[p] = 1;
    std::vector<std::pair<NodeId, NodeId>> expected_bridges;
    for (auto e : to_std_vector(bridges)) {
      const auto u = static_cast<NodeId>(IGRAPH_FROM(ig.get(), e)), v = static_cast<NodeId>(IGRAPH_TO(ig.get(), e));
      expected_bridges.emplace_back(std::min(u, v), std::max(u, v));
    }
    std::sort(expected_bridges.begin(), expected_bridges.end());
    igraph_vector_int_destroy(&points);
    igraph_vector_int_destroy(&bridges);
    REQUIRE(cuts.articulation == expected_points);
    REQUIRE(cuts.bridges == expected_bridges);
    REQUIRE(cuts.bridges.size() > 20);
    for (NodeId v = 0; v < a.node_count(); ++v) {
      INFO("node " << v);
      REQUIRE(cuts.cut_off[v] == brute_force_cut_off(a, v));
    }
  }
}

TEST_CASE("local embedding counts suppliers and customers by community, park and region", "[anchors]") {
  // Anchor 0 in park A / region R: suppliers 1, 2 (park A), 3 (park B, region R), 4 (no park,
  // other region); it sells to 5 (park A) and 6 (park C, region S).
  const NodeTable nodes = located_nodes({"A", "A", "A", "B", "", "A", "C"}, {"R", "R", "R", "R", "S", "R", "S"});
  const Graph g = make_graph(7, {{1, 0}, {2, 0}, {3, 0}, {4, 0}, {0, 5}, {0, 6}}, nodes);
  const std::vector<std::int64_t> membership{0, 0, 0, 1, 1, 0, 1};
  const Adjacency flow = supply_flow(GraphView(g, supply_layers()));
  const LocalEmbedding e = local_embedding(flow, g.nodes, membership);
  REQUIRE(e.suppliers[0] == 4);
  REQUIRE(e.customers[0] == 2);
  const auto park = static_cast<std::size_t>(Locality::park), region = static_cast<std::size_t>(Locality::region),
             community = static_cast<std::size_t>(Locality::community);
  REQUIRE(e.local_suppliers[park][0] == 2);
  REQUIRE(e.local_suppliers[region][0] == 3);
  REQUIRE(e.local_suppliers[community][0] == 2);
  REQUIRE(e.local_customers[park][0] == 1);
  REQUIRE(e.local_customers[region][0] == 1);
  REQUIRE(e.supplier_share(Locality::park, 0, 0) == Approx(0.5));
  // Firm 4 has no park: no local partners, share undefined.
  REQUIRE(e.local_customers[park][4] == 0);
  REQUIRE(std::isnan(e.customer_share(Locality::park, 4, -1)));
  const LocalEmbedding without = local_embedding(flow, g.nodes, {});
  REQUIRE_FALSE(without.available[community]);
  REQUIRE(without.available[park]);
}

TEST_CASE("anchor score ranks the planted anchor of each park first and explains why", "[anchors]") {
  // Two parks. In each, an anchor with 12 local suppliers, 3 of which depend on it through a
  // chain it alone supplies, plus a large firm fed from outside (a self-contained giant) with
  // as many links but no local suppliers.
  std::vector<std::string> parks, regions;
  std::vector<EdgeSpec> edges;
  auto add_node = [&](const std::string& park) {
    parks.push_back(park);
    regions.push_back("R");
    return static_cast<NodeId>(parks.size() - 1);
  };
  std::vector<NodeId> anchors, giants;
  for (const std::string park : {"P1", "P2"}) {
    const NodeId anchor = add_node(park);
    anchors.push_back(anchor);
    for (int i = 0; i < 12; ++i) edges.push_back({add_node(park), anchor});
    NodeId previous = anchor;
    for (int i = 0; i < 3; ++i) {
      const NodeId next = add_node(park);
      edges.push_back({previous, next});
      previous = next;
    }
    const NodeId giant = add_node(park);
    giants.push_back(giant);
    for (int i = 0; i < 14; ++i) edges.push_back({add_node("outside"), giant});
    // Background links inside the park.
    edges.push_back({anchor + 1, anchor + 2, RelationType::cooperation});
    edges.push_back({giant, anchor + 3});
  }
  const Graph g = make_graph(static_cast<NodeId>(parks.size()), edges, located_nodes(parks, regions));
  AnchorRequest options;
  options.group_by = Locality::park;
  options.top = 1;
  const AnchorOutcome a = run_anchors(GraphView(g), options, {});
  REQUIRE(a.top_by_group.size() == 3);  // P1, P2, outside
  std::vector<NodeId> top_of_parks;
  for (const auto& pick : a.top_by_group)
    if (group_label(g, Locality::park, pick.group) != "park outside") top_of_parks.push_back(pick.node);
  REQUIRE(top_of_parks == anchors);
  for (NodeId anchor : anchors) {
    REQUIRE(a.score[anchor] > a.score[giants[anchor == anchors[0] ? 0 : 1]]);
    REQUIRE(a.dependency.dominated[anchor] == 3);
    REQUIRE(a.hub[anchor] == 1.0);
    REQUIRE(a.reason[anchor].find("hub of park P") == 0);
    REQUIRE(a.reason[anchor].find("12 local suppliers (100% of 12)") != std::string::npos);
    REQUIRE(a.reason[anchor].find("3 firms depend on it for supply") != std::string::npos);
  }
  REQUIRE(a.reason[giants[0]].find("0 local suppliers (0% of 14)") != std::string::npos);
  REQUIRE(a.top_overall.size() == 1);
  REQUIRE_THROWS_AS(run_anchors(GraphView(g), AnchorRequest{}, {}), UsageError);

  // With ESRI the score gains w_systemic ESRI / max ESRI and the reason says what a failure
  // costs; a firm whose ESRI was not computed (NaN) gets no systemic credit.
  options.systemic_risk.assign(g.node_count(), 0.0);
  options.systemic_risk[giants[0]] = 0.042;
  options.systemic_risk[anchors[0]] = 0.0106;
  options.systemic_risk[anchors[1]] = std::nan("");  // not computed: no systemic credit
  options.weight_systemic = 0.5;
  const AnchorOutcome s = run_anchors(GraphView(g), options, {});
  REQUIRE(s.systemic[giants[0]] == 1.0);
  REQUIRE(s.systemic[anchors[0]] == Approx(0.0106 / 0.042));
  REQUIRE(s.systemic[anchors[1]] == 0.0);
  for (NodeId v = 0; v < g.node_count(); ++v) REQUIRE(s.score[v] == Approx(a.score[v] + 0.5 * s.systemic[v]));
  REQUIRE(s.reason[giants[0]].find("its failure costs 4.2% of the network's output (ESRI)") != std::string::npos);
  REQUIRE(s.reason[anchors[0]].find("its failure costs 1.1% of the network's output (ESRI)") != std::string::npos);
  REQUIRE(s.reason[anchors[1]].find("ESRI") == std::string::npos);
  REQUIRE(a.systemic.empty());
  options.systemic_risk.pop_back();
  REQUIRE_THROWS_AS(run_anchors(GraphView(g), options, {}), UsageError);
}

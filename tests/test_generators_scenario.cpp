// Tests of the `scenario` generator: counts, spatial compactness of parks, stage-to-stage flow
// structure inside planted clusters, anchors, export orientation, mixing and determinism.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>

#include "graph/geo_distance.hpp"
#include "datasets/generators/scenario.hpp"
#include "graph/errors.hpp"

using namespace firmnet;
using namespace firmnet::generators;

namespace {

const StringColumn& text(const TruthTable& t, const std::string& name) {
  return std::get<StringColumn>(t.column(name).values);
}
const Int64Column& ints(const TruthTable& t, const std::string& name) {
  return std::get<Int64Column>(t.column(name).values);
}

// Calls f(u, v, edge) for each edge.
template <typename F>
void for_each_edge(const Graph& g, F&& f) {
  for (NodeId u = 0; u < g.node_count(); ++u)
    for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e) f(u, g.out_target[e], e);
}

}  // namespace

TEST_CASE("scenario: counts and truth tables follow the parameters", "[generators]") {
  ScenarioParameters p;
  const GeneratedNetwork net = generate_scenario(p);
  const Graph& g = net.graph;
  const int clusters = p.linked_clusters + p.spanning_clusters;
  const int park_firms = (p.linked_clusters + p.spanning_clusters * p.parks_per_spanning + p.colocation_parks +
                          p.export_parks) * p.firms_per_park + p.small_parks * p.small_park_firms;
  CHECK(g.node_count() == static_cast<NodeId>(park_firms + p.town_firms + p.outside_buyers + 4 * clusters));

  const TruthTable& parks = net.truth_table("parks");
  const auto& verdict = text(parks, "verdict");
  std::map<std::string, int> verdicts;
  for (std::size_t i = 0; i < verdict.size(); ++i) ++verdicts[std::string(verdict.value(i))];
  CHECK(verdicts["linked cluster"] == p.linked_clusters);
  CHECK(verdicts["part of a wider cluster"] == p.spanning_clusters * p.parks_per_spanning);
  CHECK(verdicts["co-location only"] == p.colocation_parks);
  CHECK(verdicts["externally oriented"] == p.export_parks);
  CHECK(verdicts["too small to tell"] == p.small_parks);

  // Every firm in a park is in the park's truth row, with the park's verdict.
  const TruthTable& nodes = net.truth_table("nodes");
  const auto& park = text(nodes, "park");
  const auto& node_verdict = text(nodes, "planted_verdict");
  const auto& firms = ints(parks, "firms");
  const auto& park_name = text(parks, "park");
  for (std::size_t r = 0; r < park_name.size(); ++r) {
    std::int64_t count = 0;
    for (NodeId u = 0; u < g.node_count(); ++u)
      if (park.value(u) == park_name.value(r)) {
        ++count;
        CHECK(node_verdict.value(u) == verdict.value(r));
        CHECK(g.nodes.park.value(u) == park_name.value(r));
      }
    CHECK(count == firms[r]);
  }
  // Attributes are complete for every firm; employees are heavy-tailed.
  std::vector<double> employees;
  for (NodeId u = 0; u < g.node_count(); ++u) {
    CHECK(std::isfinite(g.nodes.lat[u]));
    CHECK(std::isfinite(g.nodes.lon[u]));
    if (g.nodes.kind[u] != NodeKind::firm) continue;
    CHECK(!g.nodes.industry.missing(u));
    CHECK(!g.nodes.stage.missing(u));
    CHECK(!g.nodes.ownership.missing(u));
    CHECK(g.nodes.revenue[u] > 0);
    employees.push_back(g.nodes.employees[u]);
  }
  std::sort(employees.begin(), employees.end());
  CHECK(employees.back() / employees[employees.size() / 2] > 20);
}

TEST_CASE("scenario: parks are spatially compact and apart", "[generators]") {
  const GeneratedNetwork net = generate_scenario({});
  const Graph& g = net.graph;
  std::map<std::string, std::vector<NodeId>> members;
  for (NodeId u = 0; u < g.node_count(); ++u)
    if (!g.nodes.park.missing(u)) members[std::string(g.nodes.park.value(u))].push_back(u);
  std::vector<std::pair<double, double>> centres;
  for (const auto& [name, nodes] : members) {
    double lat = 0, lon = 0;
    for (NodeId u : nodes) lat += g.nodes.lat[u], lon += g.nodes.lon[u];
    lat /= nodes.size(), lon /= nodes.size();
    for (NodeId u : nodes) CHECK(haversine_km(lat, lon, g.nodes.lat[u], g.nodes.lon[u]) < 2.0);
    centres.emplace_back(lat, lon);
  }
  for (std::size_t a = 0; a < centres.size(); ++a)
    for (std::size_t b = a + 1; b < centres.size(); ++b)
      CHECK(haversine_km(centres[a].first, centres[a].second, centres[b].first, centres[b].second) > 5.0);
}

TEST_CASE("scenario: clusters are vertical value chains around their anchors", "[generators]") {
  const GeneratedNetwork net = generate_scenario({});
  const Graph& g = net.graph;
  const TruthTable& truth = net.truth_table("nodes");
  const auto& cluster = text(truth, "planted_cluster");
  const auto& order = ints(truth, "stage_order");
  const auto& anchor = ints(truth, "is_anchor");

  std::uint64_t supply = 0, adjacent = 0, downstream = 0;
  std::map<std::string, std::map<NodeId, int>> within_degree;  // cluster -> firm -> degree
  for_each_edge(g, [&](NodeId u, NodeId v, EdgeId e) {
    if (cluster.missing(u) || cluster.code_of(cluster.value(u)) != cluster.codes[v]) return;
    if (g.nodes.kind[u] == NodeKind::firm && g.nodes.kind[v] == NodeKind::firm) {
      ++within_degree[std::string(cluster.value(u))][u];
      ++within_degree[std::string(cluster.value(u))][v];
    }
    if (g.edges.type[e] != RelationType::supply) return;
    ++supply;
    adjacent += std::abs(order[u] - order[v]) == 1;
    downstream += order[v] > order[u];
  });
  REQUIRE(supply > 500);
  // 85% of planted links join adjacent stages; background links inside a cluster are rare.
  CHECK(static_cast<double>(adjacent) / supply > 0.75);
  CHECK(static_cast<double>(downstream) / supply > 0.95);

  // The anchors hold the largest within-cluster degrees of their cluster's firms.
  REQUIRE(within_degree.size() == 4);
  for (const auto& [name, degree] : within_degree) {
    int best_anchor = 0, best_other = 0, anchors = 0;
    for (const auto& [u, d] : degree) {
      if (anchor[u]) best_anchor = std::max(best_anchor, d), ++anchors;
      else best_other = std::max(best_other, d);
    }
    INFO(name);
    CHECK(anchors >= 1);
    CHECK(anchors <= 3);
    CHECK(best_anchor > best_other);
  }
}

TEST_CASE("scenario: export parks trade outside, co-location parks barely link", "[generators]") {
  const GeneratedNetwork net = generate_scenario({});
  const Graph& g = net.graph;
  const auto& verdict = text(net.truth_table("nodes"), "planted_verdict");
  const std::int32_t outside = g.nodes.region.code_of("outside");
  REQUIRE(outside >= 0);
  std::map<std::string, std::uint64_t> incident, crossing, internal;
  for_each_edge(g, [&](NodeId u, NodeId v, EdgeId) {
    for (NodeId w : {u, v}) {
      if (verdict.missing(w)) continue;
      const NodeId other = w == u ? v : u;
      const std::string key(verdict.value(w));
      ++incident[key];
      crossing[key] += g.nodes.region.codes[other] == outside;
      internal[key] += g.nodes.park.codes[other] == g.nodes.park.codes[w];
    }
  });
  const double export_share = static_cast<double>(crossing["externally oriented"]) / incident["externally oriented"];
  CHECK(export_share > 0.6);
  for (const char* other : {"linked cluster", "co-location only", "part of a wider cluster"})
    CHECK(static_cast<double>(crossing[other]) / incident[other] < 0.1);
  // Linked-cluster parks have many internal links per incidence; co-location parks few.
  CHECK(static_cast<double>(internal["linked cluster"]) / incident["linked cluster"] > 0.7);
  CHECK(static_cast<double>(internal["co-location only"]) / incident["co-location only"] < 0.2);
}

TEST_CASE("scenario: realised background mixing follows the parameter", "[generators]") {
  auto leaving_share = [](double mixing) {
    ScenarioParameters p;
    p.mixing = mixing;
    const GeneratedNetwork net = generate_scenario(p);
    const Graph& g = net.graph;
    const auto& cluster = text(net.truth_table("nodes"), "planted_cluster");
    std::uint64_t incident = 0, leaving = 0;
    for_each_edge(g, [&](NodeId u, NodeId v, EdgeId) {
      for (NodeId w : {u, v}) {
        if (cluster.missing(w) || g.nodes.kind[w] != NodeKind::firm) continue;
        ++incident;
        leaving += cluster.codes[u] != cluster.codes[v];
      }
    });
    return static_cast<double>(leaving) / incident;
  };
  const double low = leaving_share(0.15), high = leaving_share(0.4);
  CHECK(low > 0.5 * 0.15);
  CHECK(low < 1.5 * 0.15);
  CHECK(high > 0.5 * 0.4);
  CHECK(high < 1.5 * 0.4);
  CHECK(high > low + 0.1);
}

TEST_CASE("scenario: same seed, same network; other seed, other network", "[generators]") {
  ScenarioParameters p;
  p.seed = 7;
  const GeneratedNetwork a = generate_scenario(p), b = generate_scenario(p);
  CHECK(a.graph.fingerprint() == b.graph.fingerprint());
  CHECK(a.graph.nodes.lat == b.graph.nodes.lat);
  CHECK(a.graph.nodes.employees == b.graph.nodes.employees);
  p.seed = 8;
  CHECK(generate_scenario(p).graph.fingerprint() != a.graph.fingerprint());
  p.firms_per_park = 5;
  CHECK_THROWS_AS(generate_scenario(p), UsageError);
}

// Tests of the `scale` generator on a small instance: exact counts, simple graph, heavy tails,
// community and regional structure, compact parks, and identical output for 1 and 2 threads.
// Throughput is measured in bench/bench_generators.cpp, not here.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>

#include "graph/geo_distance.hpp"
#include "datasets/generators/scale.hpp"
#include "graph/errors.hpp"
#include "test_support.hpp"

using namespace firmnet;
using namespace firmnet::generators;

namespace {

ScaleParameters small_instance() {
  ScaleParameters p;
  p.firms = 40000;
  p.links = 400000;
  p.seed = 21;
  return p;
}

}  // namespace

TEST_CASE("scale: exact counts, simple rows, heavy tails", "[generators]") {
  const ScaleParameters p = small_instance();
  const GeneratedNetwork net = generate_scale(p);
  const Graph& g = net.graph;
  REQUIRE(g.node_count() == p.firms);
  REQUIRE(g.edge_count() == p.links);
  EdgeId max_out = 0, max_in = 0;
  for (NodeId u = 0; u < g.node_count(); ++u) {
    const auto row = g.out_neighbors(u);
    for (std::size_t k = 0; k < row.size(); ++k) {
      CHECK(row[k] != u);
      if (k > 0) CHECK(row[k] > row[k - 1]);
    }
    CHECK(g.out_degree(u) >= 1);
    max_out = std::max(max_out, g.out_degree(u));
    max_in = std::max(max_in, g.in_degree(u));
  }
  const double mean = static_cast<double>(p.links) / p.firms;
  CHECK(max_out > 10 * mean);
  CHECK(max_in > 10 * mean);
  CHECK(g.nodes.region.dictionary.size() == 2);  // one region per 20,000 firms
}

TEST_CASE("scale: links follow communities and regions, parks are compact", "[generators]") {
  const ScaleParameters p = small_instance();
  const GeneratedNetwork net = generate_scale(p);
  const Graph& g = net.graph;
  const auto& community = std::get<Int64Column>(net.truth_table("nodes").column("community").values);
  std::uint64_t same_community = 0, same_region = 0;
  for (NodeId u = 0; u < g.node_count(); ++u)
    for (NodeId v : g.out_neighbors(u)) {
      same_community += community[u] == community[v];
      same_region += g.nodes.region.codes[u] == g.nodes.region.codes[v];
    }
  const double m = static_cast<double>(g.edge_count());
  // The largest firms have more links than their community has members, so the realised
  // share sits a little below 1 - mu.
  CHECK(same_community / m > 1 - p.mu - 0.08);
  CHECK(same_community / m < 1 - p.mu + 0.02);
  // mu/2 of the links go anywhere; with two regions half of those stay in the region.
  CHECK(same_region / m == Approx(1 - p.mu / 4).margin(0.03));

  std::map<std::int32_t, std::vector<NodeId>> parks;
  for (NodeId u = 0; u < g.node_count(); ++u)
    if (!g.nodes.park.missing(u)) parks[g.nodes.park.codes[u]].push_back(u);
  std::size_t in_parks = 0;
  for (const auto& [park, members] : parks) {
    in_parks += members.size();
    double lat = 0, lon = 0;
    for (NodeId u : members) lat += g.nodes.lat[u], lon += g.nodes.lon[u];
    lat /= members.size(), lon /= members.size();
    for (NodeId u : members) CHECK(haversine_km(lat, lon, g.nodes.lat[u], g.nodes.lon[u]) < 3.0);
  }
  CHECK(static_cast<double>(in_parks) / p.firms == Approx(p.park_share).margin(0.02));
}

TEST_CASE("scale: same output for any thread count and seed-determined", "[generators]") {
  ScaleParameters p = small_instance();
  p.firms = 5000;
  p.links = 40000;
  const GeneratedNetwork one = test::on_threads(1, [&] { return generate_scale(p); });
  const GeneratedNetwork two = test::on_threads(2, [&] { return generate_scale(p); });
  CHECK(one.graph.fingerprint() == two.graph.fingerprint());
  CHECK(one.graph.nodes.employees == two.graph.nodes.employees);
  p.seed += 1;
  CHECK(generate_scale(p).graph.fingerprint() != one.graph.fingerprint());
  p.links = p.firms - 1;
  CHECK_THROWS_AS(generate_scale(p), UsageError);
}

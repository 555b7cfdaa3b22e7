// Null models of the park test (algorithms/spatial/linkage_null.hpp): the distance bands on a
// worked example, the stage-aware counts against hand counts and rewired edge lists, the shared
// burn-in and spacing schedule, and the effective sample size of the chains' replicates.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <numbers>
#include <set>
#include <string>
#include <vector>

#include "algorithms/spatial/effective_sample_size.hpp"
#include "algorithms/spatial/linkage_null.hpp"
#include "algorithms/spatial/park_verdicts.hpp"
#include "algorithms/spatial/spatial_units.hpp"
#include "graph/errors.hpp"
#include "graph/geo_distance.hpp"
#include "graph/random.hpp"

using namespace firmnet;
using namespace firmnet::spatial;

namespace {

struct NodeSpec {
  std::string park, stage;
  double lat = NAN, lon = NAN;
  NodeKind kind = NodeKind::firm;
};

struct EdgeSpec {
  NodeId source, target;
  RelationType type = RelationType::supply;
};

Graph build(const std::vector<NodeSpec>& specs, const std::vector<EdgeSpec>& edges) {
  NodeTable t;
  StringColumnBuilder park, stage, region, industry, ownership;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    t.id.push_back("n" + std::to_string(i));
    t.name.push_back("");
    t.kind.push_back(specs[i].kind);
    park.push_back(specs[i].park);
    stage.push_back(specs[i].stage);
    region.push_back("R");
    industry.push_back("");
    ownership.push_back("");
    t.lat.push_back(specs[i].lat);
    t.lon.push_back(specs[i].lon);
    t.employees.push_back(10);
    t.revenue.push_back(1);
    t.founded.push_back(2000);
    t.closed.push_back(0);
  }
  t.park = std::move(park).finish();
  t.stage = std::move(stage).finish();
  t.region = std::move(region).finish();
  t.industry = std::move(industry).finish();
  t.ownership = std::move(ownership).finish();
  GraphBuilder b(std::move(t));
  for (const auto& e : edges) b.add_edge(e.source, e.target, e.type, 1.0);
  return std::move(b).finish();
}

NullOptions quick(NullKind kind, int replicates, std::uint64_t seed = 3) {
  NullOptions options;
  options.kind = kind;
  options.replicates = replicates;
  options.seed = seed;
  options.burn_in_swaps = 5;
  options.chains = 3;
  return options;
}

}  // namespace

TEST_CASE("distance bands cut the lengths of links between units at quantiles", "[nulls]") {
  // Firm 0 links to firms 1-4, 1, 2, 3 and 4 km due north of it, and to firm 5 without
  // coordinates; firms 0 and 6 (100 m apart) form park P, whose one internal link 6 -> 0 is
  // left out of the cut points. Two bands: cut after the 2nd and the 4th length of the others.
  const double km_lat = 1.0 / (std::numbers::pi * kEarthRadiusKm / 180.0);  // degrees of latitude per km
  std::vector<NodeSpec> nodes = {{"P", "", 30.0, 120.0}};
  for (int k = 1; k <= 4; ++k) nodes.push_back({"", "", 30.0 + k * km_lat, 120.0});
  nodes.push_back({"", ""});
  nodes.push_back({"P", "", 30.0 + 0.1 * km_lat, 120.0});
  const Graph g = build(nodes, {{0, 1}, {0, 2}, {0, 3}, {0, 4}, {0, 5}, {6, 0}});
  const SpatialUnits parks = units_from_column(g, g.nodes.park, "park");
  NullOptions options = quick(NullKind::distance, 2);
  options.distance_bands = 2;
  const DistanceBands bands = sample_null(GraphView(g), parks.unit_of, parks.count(), options).bands;
  REQUIRE(bands.count() == 2);
  CHECK(bands.upper_km[0] == Approx(2.0).epsilon(1e-9));
  CHECK(bands.upper_km[1] == Approx(4.0).epsilon(1e-9));
  CHECK(bands.links == std::vector<std::uint64_t>{3, 2, 1});  // the internal 100 m link in band 0
  CHECK(bands.band_of(g, 0, 1) == 0);
  CHECK(bands.band_of(g, 0, 3) == 1);
  CHECK(bands.band_of(g, 4, 0) == 1);
  CHECK(bands.band_of(g, 5, 0) == bands.unlocated());
  CHECK(bands.band_of(g, 1, 4) == 1);  // 3 km apart
  // Default rule: min(10, ceil(log2(4 + 1))) = 3 bands, cut after the 2nd, 3rd and 4th length.
  options.distance_bands = 0;
  const DistanceBands automatic = sample_null(GraphView(g), parks.unit_of, parks.count(), options).bands;
  CHECK(automatic.count() == 3);
  CHECK(automatic.upper_km[0] == Approx(2.0).epsilon(1e-9));
  options.distance_bands = -1;
  CHECK_THROWS_AS(sample_null(GraphView(g), parks.unit_of, parks.count(), options), UsageError);
}

TEST_CASE("vertical and horizontal internal links match a hand count", "[nulls]") {
  // Park A: firms 0 (s1), 1 (s2), 2 (s1), 3 (no stage) and university 4 (s1); park B: firms
  // 5 (s1), 6 (s1), 7 (s3); firm 8 outside any park.
  std::vector<NodeSpec> nodes = {{"A", "s1"}, {"A", "s2"}, {"A", "s1"}, {"A", ""},  {"A", "s1", NAN, NAN, NodeKind::university},
                                 {"B", "s1"}, {"B", "s1"}, {"B", "s3"}, {"", "s2"}};
  const std::vector<EdgeSpec> edges = {
      {0, 1}, {1, 2},  // vertical in A
      {0, 2}, {2, 0},  // horizontal in A
      {0, 4}, {3, 0},  // internal to A, neither (institution; unknown stage)
      {0, 8}, {8, 1},  // leave A
      {5, 6},          // horizontal in B
      {6, 7}, {7, 5},  // vertical in B
      {5, 8}, {8, 7}, {1, 5}};
  const Graph g = build(nodes, edges);
  const SpatialUnits parks = units_from_column(g, g.nodes.park, "park");
  const std::int64_t a = g.nodes.park.code_of("A"), b = g.nodes.park.code_of("B");
  NullOptions options = quick(NullKind::degree, 12);
  const NullDistribution null = sample_null(GraphView(g), parks.unit_of, parks.count(), options);
  CHECK(null.observed[a] == 6);
  CHECK(null.vertical.observed[a] == 2);
  CHECK(null.horizontal.observed[a] == 2);
  CHECK(null.observed[b] == 3);
  CHECK(null.vertical.observed[b] == 2);
  CHECK(null.horizontal.observed[b] == 1);
  // The park test's evidence counts the same links.
  ParkRequest request;
  request.null = options;
  request.automatic_null = false;
  const ParkOutcome report = run_parks(GraphView(g), request, nullptr);
  CHECK(report.reports[a].vertical_links == 2);
  CHECK(report.reports[a].horizontal_links == 2);
  CHECK(report.reports[b].vertical_null_mean == Approx(null.vertical.mean[b]));
  CHECK(report.reports[a].horizontal_p == Approx((null.horizontal.at_least[a] + 1.0) / 13.0));

  // Every replicate's counts, recounted by stage names on its rewired edge list.
  std::set<std::vector<std::uint32_t>> distinct;
  for (int r = 0; r < options.replicates; ++r) {
    std::map<std::int64_t, int> vertical, horizontal;
    for (const RewiredEdge& e : rewired_edges(GraphView(g), parks.unit_of, options, r)) {
      const std::int64_t unit = parks.unit_of[e.source];
      if (unit < 0 || parks.unit_of[e.target] != unit) continue;
      if (g.nodes.kind[e.source] != NodeKind::firm || g.nodes.kind[e.target] != NodeKind::firm) continue;
      const std::string s = std::string(g.nodes.stage.value(e.source)), t = std::string(g.nodes.stage.value(e.target));
      if (s.empty() || t.empty()) continue;
      ++(s == t ? horizontal : vertical)[unit];
    }
    for (std::int64_t unit : {a, b}) {
      INFO("replicate " << r << ", unit " << unit);
      CHECK(null.vertical.samples[r][unit] == static_cast<std::uint32_t>(vertical[unit]));
      CHECK(null.horizontal.samples[r][unit] == static_cast<std::uint32_t>(horizontal[unit]));
    }
    distinct.insert({null.vertical.samples[r][a], null.horizontal.samples[r][a], null.samples[r][a]});
  }
  CHECK(distinct.size() > 2);  // the chain moves the counts
}

namespace {

// C chains of AR(1) series x_t = phi x_{t-1} + e_t, interleaved as the park test stores them
// (sample r belongs to chain r % C). Their effective sample size is R (1 - phi) / (1 + phi).
std::vector<double> interleaved_ar1(int chains, int per_chain, double phi, std::uint64_t seed) {
  std::vector<double> samples(static_cast<std::size_t>(chains) * per_chain);
  for (int c = 0; c < chains; ++c) {
    Rng rng(derive_seed(seed, static_cast<std::uint64_t>(c)));
    double x = rng.normal() / std::sqrt(1 - phi * phi);  // stationary start
    for (int t = 0; t < per_chain; ++t) {
      samples[static_cast<std::size_t>(t) * chains + c] = x;
      x = phi * x + rng.normal();
    }
  }
  return samples;
}

}  // namespace

TEST_CASE("effective sample size matches a hand count and AR(1) chains", "[nulls]") {
  // One chain 1, 2, 3, 4: mean 2.5, variance 1.25, rho_1 = 1.25 / 3.75 = 1/3, rho_2 = -0.6,
  // rho_3 = -1.8; the first pair sum 1 + 1/3 is positive, the second (-2.4) is not, so
  // tau = -1 + 2 (4/3) = 5/3 and ESS = 4 / (5/3) = 2.4.
  CHECK(effective_sample_size({1, 2, 3, 4}, 1) == Approx(2.4));
  // No variance, or one sample per chain: nothing to estimate, R.
  CHECK(effective_sample_size({5, 5, 5, 5, 5, 5}, 2) == Approx(6));
  CHECK(effective_sample_size({1, 2, 3}, 3) == Approx(3));

  // Independent draws are worth about R (capped at R; the truncated sum of noisy
  // autocorrelations costs some).
  for (std::uint64_t seed : {11, 21, 31}) {
    const double iid = effective_sample_size(interleaved_ar1(8, 500, 0.0, seed), 8);
    CHECK(iid <= 4000);
    CHECK(iid > 0.6 * 4000);
  }

  // AR(1) chains with phi = 0.8: R (1 - phi) / (1 + phi) = 4000 / 9.
  const std::vector<double> correlated = interleaved_ar1(8, 500, 0.8, 12);
  CHECK(effective_sample_size(correlated, 8) == Approx(4000.0 / 9).epsilon(0.25));

  CHECK(effective_sample_size(interleaved_ar1(2, 2000, 0.9, 13), 2) == Approx(4000.0 / 19).epsilon(0.3));

  // The chain layout matters: two chains stuck at different levels (+3 and -3, noise around
  // them) are worth a handful of draws; read as one chain they would alternate and look
  // nearly independent.
  std::vector<double> stuck = interleaved_ar1(2, 2000, 0.0, 14);
  for (std::size_t r = 0; r < stuck.size(); ++r) stuck[r] += r % 2 == 0 ? 3 : -3;
  CHECK(effective_sample_size(stuck, 2) < 0.05 * 4000);
  CHECK(effective_sample_size(stuck, 1) > 0.5 * 4000);
}

TEST_CASE("the null's spacing shrinks past ten million links and its burn-in is shared", "[nulls]") {
  CHECK(automatic_spacing(0) == 1.0);
  CHECK(automatic_spacing(1'000'000) == 1.0);
  CHECK(automatic_spacing(10'000'000) == 1.0);
  CHECK(automatic_spacing(20'000'000) == Approx(0.5));
  CHECK(automatic_spacing(38'600'000) == Approx(10.0 / 38.6));
  CHECK(automatic_spacing(100'000'000) == kMinimumSpacing);

  // Two parks of four firms with a ring of links each and links between them.
  std::vector<NodeSpec> nodes;
  for (int i = 0; i < 12; ++i) nodes.push_back({i < 4 ? "A" : i < 8 ? "B" : "", "s1"});
  std::vector<EdgeSpec> edges;
  for (NodeId i = 0; i < 12; ++i) {
    edges.push_back({i, static_cast<NodeId>((i + 1) % 12)});
    edges.push_back({i, static_cast<NodeId>((i + 5) % 12)});
  }
  const Graph g = build(nodes, edges);
  const SpatialUnits parks = units_from_column(g, g.nodes.park, "park");
  NullOptions options = quick(NullKind::degree, 30);
  options.chains = 5;
  options.burn_in_swaps = 4;
  const NullDistribution null = sample_null(GraphView(g), parks.unit_of, parks.count(), options);
  CHECK(null.chains == 5);
  CHECK(null.burn_in_chains == 2);
  CHECK(null.spacing_swaps == 1.0);  // 0 = automatic, and 24 links are far below 10M
  // 2 burn-in chains of 4 m attempts, then 1 m attempts before each of the 30 replicates.
  CHECK(null.attempts == Approx((2 * 4 + 30) * 24.0));
  for (const NullStatistic* s : {static_cast<const NullStatistic*>(&null), &null.vertical, &null.horizontal})
    for (std::size_t u = 0; u < parks.count(); ++u) {
      CHECK(s->effective[u] > 0);
      CHECK(s->effective[u] <= 30);
    }
  // One chain: no burn-in chain to share, and a replay of any replicate gives its counts.
  options.chains = 1;
  const NullDistribution single = sample_null(GraphView(g), parks.unit_of, parks.count(), options);
  CHECK(single.burn_in_chains == 1);
  for (int r : {0, 7, 29}) {
    std::vector<std::uint32_t> internal(parks.count(), 0);
    for (const RewiredEdge& e : rewired_edges(GraphView(g), parks.unit_of, options, r))
      if (parks.unit_of[e.source] >= 0 && parks.unit_of[e.source] == parks.unit_of[e.target])
        ++internal[parks.unit_of[e.source]];
    for (std::size_t u = 0; u < parks.count(); ++u) CHECK(single.samples[r][u] == internal[u]);
  }
  options.spacing_swaps = -1;
  CHECK_THROWS_AS(sample_null(GraphView(g), parks.unit_of, parks.count(), options), UsageError);
}

// Park-versus-cluster test: worked examples, null-model invariants, planted verdicts and
// calibration.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "algorithms/spatial/linkage_null.hpp"
#include "algorithms/spatial/multiple_testing.hpp"
#include "algorithms/spatial/park_verdicts.hpp"
#include "algorithms/spatial/spatial_units.hpp"
#include "graph/errors.hpp"
#include "io/csv_import.hpp"
#include "test_support.hpp"

using namespace firmnet;
using namespace firmnet::spatial;

namespace {

Graph handmade() {
  return import_csv(test::source_file("datasets/handmade/nodes.csv"), test::source_file("datasets/handmade/edges.csv"),
                    {})
      .graph;
}

// A region of parks: `linked` parks whose firms trade along a 4-stage chain, `colocated`
// parks whose firms trade only with background firms, and a background of firms trading at
// random. Every park has `size` firms.
Graph planted_region(int linked, int colocated, int size, int background, unsigned seed) {
  std::mt19937_64 rng(seed);
  NodeTable t;
  StringColumnBuilder park, stage, region;
  std::vector<int> park_of;
  const int parks = linked + colocated;
  const int n = parks * size + background;
  for (int i = 0; i < n; ++i) {
    const int p = i < parks * size ? i / size : -1;
    park_of.push_back(p);
    t.id.push_back("f" + std::to_string(i));
    t.name.push_back("");
    t.kind.push_back(NodeKind::firm);
    park.push_back(p >= 0 ? "park-" + std::to_string(p) : "");
    stage.push_back("s" + std::to_string(i % 4));
    region.push_back("R");
    t.lat.push_back(30.0 + (p >= 0 ? p * 0.5 : 5.0) + (i % 7) * 0.001);
    t.lon.push_back(120.0 + (i % 5) * 0.001);
    t.employees.push_back(10);
    t.revenue.push_back(1);
    t.founded.push_back(2000);
    t.closed.push_back(0);
  }
  t.park = std::move(park).finish();
  t.stage = std::move(stage).finish();
  t.region = std::move(region).finish();
  t.industry.codes.assign(n, kMissingCode);
  t.ownership.codes.assign(n, kMissingCode);
  GraphBuilder b(std::move(t));
  auto uniform = [&](int lo, int hi) { return lo + static_cast<int>(rng() % static_cast<std::uint64_t>(hi - lo)); };
  for (int p = 0; p < parks; ++p) {
    const int first = p * size;
    for (int k = 0; k < size; ++k) {
      const int u = first + k;
      if (p < linked) {
        // Three links to firms of the next stage in the same park.
        for (int e = 0; e < 3; ++e) {
          int v = first + uniform(0, size);
          while ((v % 4) != (u + 1) % 4) v = first + uniform(0, size);
          b.add_edge(u, v, RelationType::supply, 1.0);
        }
      }
      // Background trade for everyone.
      for (int e = 0; e < 2; ++e) b.add_edge(u, parks * size + uniform(0, background), RelationType::supply, 1.0);
      b.add_edge(parks * size + uniform(0, background), u, RelationType::supply, 1.0);
    }
  }
  for (int i = 0; i < background * 3; ++i)
    b.add_edge(parks * size + uniform(0, background), parks * size + uniform(0, background), RelationType::supply, 1.0);
  return std::move(b).finish();
}

ParkRequest quick_options(std::uint64_t seed, int replicates = 99) {
  ParkRequest options;
  options.null.replicates = replicates;
  options.null.seed = seed;
  options.null.burn_in_swaps = 5;
  return options;
}

}  // namespace

TEST_CASE("Benjamini-Hochberg and empirical p-values on a worked example", "[parks]") {
  // Sorted p: 0.005 (k=1), 0.01 (2), 0.03 (3), 0.04 (4); m = 4.
  // k=4: 0.04*4/4 = 0.04; k=3: min(0.04, 0.03*4/3 = 0.04) = 0.04; k=2: min(0.04, 0.01*4/2 = 0.02)
  // = 0.02; k=1: min(0.02, 0.005*4/1 = 0.02) = 0.02.
  const auto q = benjamini_hochberg({0.01, 0.04, std::nan(""), 0.03, 0.005});
  CHECK(q[0] == Approx(0.02).epsilon(1e-12));
  CHECK(q[1] == Approx(0.04).epsilon(1e-12));
  CHECK(std::isnan(q[2]));
  CHECK(q[3] == Approx(0.04).epsilon(1e-12));
  CHECK(q[4] == Approx(0.02).epsilon(1e-12));
  CHECK(benjamini_hochberg({0.9, 0.8})[0] == Approx(0.9));  // capped by the step-up minimum
  CHECK(empirical_p_value(0, 199) == Approx(1.0 / 200).epsilon(1e-15));
  CHECK(empirical_p_value(199, 199) == 1.0);
}

TEST_CASE("haversine distance and radius units", "[parks]") {
  // Beijing to Shanghai: 2 R asin(sqrt(hav)) with R = 6371.0088 km.
  const double to_rad = 3.14159265358979323846 / 180;
  const double a = std::pow(std::sin((31.2304 - 39.9042) * to_rad / 2), 2) +
                   std::cos(39.9042 * to_rad) * std::cos(31.2304 * to_rad) * std::pow(std::sin((121.4737 - 116.4074) * to_rad / 2), 2);
  CHECK(haversine_km(39.9042, 116.4074, 31.2304, 121.4737) == Approx(2 * 6371.0088 * std::asin(std::sqrt(a))).epsilon(1e-12));
  CHECK(haversine_km(39.9042, 116.4074, 31.2304, 121.4737) == Approx(1067.3).margin(1.0));

  const Graph g = handmade();
  // The automotive park firms sit within ~2 km of each other, the textile park ~1.5 km, and
  // the outside firms far away: two groups at 3 km with at least 4 firms each.
  const SpatialUnits units = units_by_radius(g, 3.0, 4);
  REQUIRE(units.count() == 2);
  const auto a01 = g.find_node("A01"), t01 = g.find_node("T01"), x01 = g.find_node("X01"), u01 = g.find_node("U01");
  CHECK(units.unit_of[a01] >= 0);
  CHECK(units.unit_of[t01] >= 0);
  CHECK(units.unit_of[a01] != units.unit_of[t01]);
  CHECK(units.unit_of[x01] == -1);  // Shanghai buyer: noise
  CHECK(units.unit_of[u01] == -1);  // institutions are not grouped
  std::uint64_t in_group0 = std::count(units.unit_of.begin(), units.unit_of.end(), units.unit_of[a01]);
  CHECK(in_group0 == 15);  // the 15 automotive park firms (A10 is an intermediary)
  CHECK_THROWS_AS(units_by_radius(g, 0.0, 3), UsageError);
}

TEST_CASE("evidence per park on the handmade network", "[parks]") {
  const Graph g = handmade();
  ParkRequest options = quick_options(3);
  const ParkOutcome report = run_parks(GraphView(g), options, nullptr);
  REQUIRE(report.reports.size() == 2);
  const auto& autos = report.reports[g.nodes.park.code_of("苏州汽车零部件产业园")];
  const auto& textile = report.reports[g.nodes.park.code_of("新河纺织工业园")];
  // Values computed independently from the CSV (see the comment in docs/METHODS.md's example).
  CHECK(autos.members == 19);
  CHECK(autos.firms == 15);
  CHECK(autos.internal_links == 35);
  CHECK(autos.link_ends == 84);
  CHECK(autos.share_internal == Approx(70.0 / 84).epsilon(1e-12));
  CHECK(autos.share_region == Approx(11.0 / 84).epsilon(1e-12));
  CHECK(autos.share_external == Approx(3.0 / 84).epsilon(1e-12));
  CHECK(autos.vertical_links == 23);
  CHECK(autos.horizontal_links == 3);
  CHECK(autos.institution_links_unit == 7);
  CHECK(autos.institution_links_region == 11);
  CHECK(autos.expected_analytic == Approx(28.236559139784944).epsilon(1e-12));
  CHECK(g.nodes.id[autos.hub] == "A01");
  CHECK(textile.internal_links == 1);
  CHECK(textile.horizontal_links == 1);
  CHECK(textile.share_external == Approx(4.0 / 12).epsilon(1e-12));
  CHECK(textile.expected_analytic == Approx(1.0 / 3).epsilon(1e-12));
  CHECK(report.nodes_without_unit == 9);
  CHECK(report.firms_without_unit == 4);
}

TEST_CASE("stratified nulls preserve what they stratify on", "[parks]") {
  const Graph g = planted_region(2, 2, 24, 200, 5);
  const GraphView view(g);
  // Units = regions of source and target are the same region code here, so use industry-free
  // check: with the region null and units equal to regions, internal counts cannot change.
  SpatialUnits regions = units_from_column(g, g.nodes.region, "region");
  NullOptions options;
  options.kind = NullKind::region;
  options.replicates = 20;
  options.burn_in_swaps = 2;
  const NullDistribution same = sample_null(view, regions.unit_of, regions.count(), options);
  for (const auto& sample : same.samples) CHECK(sample[0] == same.observed[0]);
  // With stages as units and a stage-pair stratified null (the industry null on the stage
  // codes), the counts are fixed too.
  Graph staged = g;
  staged.nodes.industry = staged.nodes.stage;
  SpatialUnits stages = units_from_column(staged, staged.nodes.stage, "stage");
  options.kind = NullKind::industry;
  const NullDistribution fixed = sample_null(GraphView(staged), stages.unit_of, stages.count(), options);
  for (const auto& sample : fixed.samples)
    for (std::size_t s = 0; s < stages.count(); ++s) CHECK(sample[s] == fixed.observed[s]);
  CHECK(fixed.acceptance > 0.5);
}

TEST_CASE("the degree null agrees with the configuration-model expectation", "[parks]") {
  const Graph g = planted_region(0, 4, 30, 300, 9);
  const SpatialUnits parks = units_from_column(g, g.nodes.park, "park");
  NullOptions options;
  options.replicates = 400;
  options.seed = 17;
  const NullDistribution null = sample_null(GraphView(g), parks.unit_of, parks.count(), options);
  const auto analytic = configuration_expectation(GraphView(g), parks.unit_of, parks.count());
  for (std::size_t u = 0; u < parks.count(); ++u) {
    INFO("unit " << u);
    // Mean of 400 samples: standard error sd/20; allow 4 standard errors plus the multi-edge bias.
    CHECK(std::fabs(null.mean[u] - analytic[u]) < 4 * null.sd[u] / 20 + 0.05 * analytic[u] + 0.05);
  }
}

TEST_CASE("the same seed and thread count give the same null replicates", "[parks]") {
  const Graph g = planted_region(1, 1, 20, 100, 2);
  const SpatialUnits parks = units_from_column(g, g.nodes.park, "park");
  NullOptions options;
  options.replicates = 16;
  options.chains = 2;
  const auto a = sample_null(GraphView(g), parks.unit_of, parks.count(), options);
  const auto b = sample_null(GraphView(g), parks.unit_of, parks.count(), options);
  CHECK(a.samples == b.samples);
  options.seed = 99;
  const auto c = sample_null(GraphView(g), parks.unit_of, parks.count(), options);
  CHECK(a.samples != c.samples);
}

TEST_CASE("planted linked and co-located parks get their verdicts", "[parks]") {
  for (unsigned seed : {1u, 2u, 3u, 4u, 5u}) {
    const Graph g = planted_region(3, 3, 30, 400, seed);
    const ParkOutcome report = run_parks(GraphView(g), quick_options(seed), nullptr);
    for (std::size_t p = 0; p < 6; ++p) {
      const auto& r = report.reports[g.nodes.park.code_of("park-" + std::to_string(p))];
      INFO("seed " << seed << " " << r.name << ": " << r.verdict << " (" << r.reason << ")");
      CHECK(r.verdict == (p < 3 ? kVerdictLinked : kVerdictColocation));
      if (p < 3) CHECK(r.vertical_share == 1.0);
    }
  }
}

TEST_CASE("calibration: co-location parks are rarely called linked clusters", "[parks]") {
  int units = 0, false_positives = 0;
  for (unsigned seed = 100; seed < 110; ++seed) {
    const Graph g = planted_region(0, 10, 20, 300, seed);
    const ParkOutcome report = run_parks(GraphView(g), quick_options(seed), nullptr);
    for (const auto& r : report.reports) {
      ++units;
      false_positives += r.verdict == kVerdictLinked;
    }
  }
  CHECK(units == 100);
  CHECK(false_positives <= 5);
}

TEST_CASE("verdict rule thresholds and order", "[parks]") {
  VerdictRules rules;
  UnitReport r;
  r.firms = 3;
  r.link_ends = 50;
  decide_verdict(r, rules, false, "distance");
  CHECK(r.verdict == kVerdictTooSmall);
  // Externally oriented comes right after too small, whatever the linkage.
  r.firms = 10;
  r.tested = true;
  r.internal_links = 40;
  r.expected_analytic = 4;
  r.degree_ratio = 10;
  r.q = 0.01;
  r.ratio = 3;
  r.vertical_share = 0.9;
  r.vertical_q = 0.01;
  r.share_external = 0.9;
  decide_verdict(r, rules, false, "distance");
  CHECK(r.verdict == kVerdictExternal);
  CHECK_THAT(r.reason, Catch::Contains("0.90 of member link ends leave the region"));
  r.share_external = 0.2;
  decide_verdict(r, rules, false, "distance");
  CHECK(r.verdict == kVerdictLinked);
  CHECK_THAT(r.reason, Catch::Contains("x3.00") && Catch::Contains("vertical share 0.90"));
  // Significant but horizontal: same-stage piling.
  r.vertical_share = 0.2;
  decide_verdict(r, rules, false, "distance");
  CHECK(r.verdict == kVerdictColocation);
  CHECK_THAT(r.reason, Catch::Contains("same-stage piling"));
  // Vertical share high but the vertical links not above their own null, the total is.
  r.vertical_share = 0.9;
  r.vertical_q = 0.3;
  decide_verdict(r, rules, false, "distance");
  CHECK(r.verdict == kVerdictColocation);
  CHECK_THAT(r.reason, Catch::Contains("same-stage piling"));
  // Neither the total nor the vertical links above the distance null: what proximity gives.
  r.q = 0.4;
  decide_verdict(r, rules, false, "distance");
  CHECK(r.verdict == kVerdictColocation);
  CHECK_THAT(r.reason, Catch::Contains("proximity"));
  // Vertical links above their null suffice when the total is not (an isolated park).
  r.vertical_q = 0.01;
  decide_verdict(r, rules, false, "distance");
  CHECK(r.verdict == kVerdictLinked);
  r.q = 0.01;
  // Not even above the degree expectation.
  r.degree_ratio = 1.1;
  decide_verdict(r, rules, false, "distance");
  CHECK(r.verdict == kVerdictColocation);
  CHECK_THAT(r.reason, Catch::Contains("no significant linkage"));
  // A community shared with other units counts only through value-chain links.
  r.degree_ratio = 10;
  r.ratio = 3;
  r.dominant_share = 0.8;
  r.dominant_units_reached = 3;
  r.community_link_share = 0.7;
  r.community_chain_share = 0.1;  // a town community: links beyond the unit are not the chain's
  r.internal_community_share = 0.9;
  decide_verdict(r, rules, true, "distance");
  CHECK(r.verdict == kVerdictLinked);
  r.community_chain_share = 0.8;
  decide_verdict(r, rules, true, "distance");
  CHECK(r.verdict == kVerdictWider);
  CHECK_THAT(r.reason, Catch::Contains("0.80 of those beyond the unit are value-chain links"));
  r.dominant_units_reached = 1;  // the community stays inside this unit
  decide_verdict(r, rules, true, "distance");
  CHECK(r.verdict == kVerdictLinked);
  r.internal_community_share = 0.3;  // significant, but the internal links scatter over communities
  decide_verdict(r, rules, true, "distance");
  CHECK(r.verdict == kVerdictColocation);
  CHECK_THAT(r.reason, Catch::Contains("scattered"));
  decide_verdict(r, rules, false, "distance");  // without a partition there is no community evidence
  CHECK(r.verdict == kVerdictLinked);
  r.ratio = 1.2;  // under the degree null the effect-size bar applies to its own mean too
  decide_verdict(r, rules, false, "degree");
  CHECK(r.verdict == kVerdictColocation);
  CHECK_THAT(r.reason, Catch::Contains("no significant linkage") && Catch::Contains("under the degree null"));
  r.ratio = 3;
  rules.alpha = 0.001;
  decide_verdict(r, rules, false, "degree");
  CHECK(r.verdict == kVerdictColocation);
  CHECK_THAT(r.reason, Catch::Contains("not significantly above the null"));
}

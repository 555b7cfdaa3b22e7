// firmnet clusters (algorithms/clusters/) on the planted world of datasets/generators/cluster_world.hpp.
#include <omp.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <map>

#include "algorithms/clusters/cluster_identification.hpp"
#include "algorithms/clusters/cluster_identification_verifier.hpp"
#include "algorithms/clusters/cluster_categories.hpp"
#include "algorithms/clusters/cluster_growth.hpp"
#include "algorithms/clusters/cluster_localisation.hpp"
#include "datasets/generators/generated.hpp"
#include "algorithms/clusters/markusen_typology.hpp"
#include "algorithms/community/partition_comparison.hpp"
#include "datasets/generators/cluster_world.hpp"
#include "graph/errors.hpp"

using namespace firmnet;
using namespace firmnet::clusters;

namespace {

struct WorldRun {
  generators::GeneratedNetwork world;
  ClusterOutcome outcome;
};

WorldRun run_world(std::uint64_t seed) {
  generators::ClusterWorldParameters parameters;
  parameters.seed = seed;
  WorldRun run{generators::generate_cluster_world(parameters), {}};
  ClusterRequest request;
  request.communities.seed = seed;
  request.null.seed = seed;
  request.localisation.seed = seed;
  run.outcome = run_clusters(GraphView(run.world.graph, value_chain_layers()), request);
  return run;
}

const std::vector<std::int64_t>& planted_of(const generators::GeneratedNetwork& world) {
  return std::get<Int64Column>(world.truth_table("nodes").column("planted_cluster").values);
}

}  // namespace

TEST_CASE("cluster world: planted clusters of each type, one across the border, truth that agrees") {
  generators::ClusterWorldParameters parameters;
  parameters.seed = 3;
  const generators::GeneratedNetwork world = generators::generate_cluster_world(parameters);
  CHECK(generators::verify_cluster_world(world, parameters).empty());
  const auto& regions = world.truth_table("clusters").column("regions");
  CHECK(std::get<StringColumn>(regions.values).value(generators::kCrossBorderCluster - 1) == "east;west");
  CHECK(std::get<StringColumn>(regions.values).value(0).find(';') == std::string_view::npos);
  // The same seed gives the same world.
  const generators::GeneratedNetwork again = generators::generate_cluster_world(parameters);
  CHECK(again.graph.out_target == world.graph.out_target);
  parameters.cluster_firms = 5;
  CHECK_THROWS_AS(generators::generate_cluster_world(parameters), UsageError);
}

TEST_CASE("markusen typology: hand-computed scores, the weakest criterion decides, runner-up when close") {
  ClusterSignature hub;
  hub.top_firm_share = 0.3;
  hub.hub_share = 0.45;           // margin 0.45 / 0.25 = 1.8
  hub.anchor_size_ratio = 80;     // capped at 2
  hub.dependent_share = 0.3;      // 0.3 / 0.25 = 1.2: decides
  hub.median_employees = 40;
  hub.vertical_share = 0.9;
  hub.horizontal_share = 0.1;
  hub.institution_reach = 0;
  hub.outside_owned_share = 0.5;  // 1.0
  hub.external_orientation = 0.44;  // 1.1: satellite scores 1.0
  hub.public_share = 0;
  const TypeDecision d = classify_cluster(hub, TypologyRules{});
  CHECK(d.type == "hub_and_spoke");
  CHECK(d.score == Approx(1.2));
  CHECK(d.scores[2].score == Approx(1.0));
  CHECK(d.runner_up == "satellite");  // 1.0 >= 0.8 x 1.2
  TypologyRules strict;
  strict.close_margin = 0.1;  // 1.0 < 0.9 x 1.2
  CHECK(classify_cluster(hub, strict).runner_up.empty());
  // Marshallian margins: 0.12 / 0.06 = 2 (cap), 50 / 12.5 = 4 -> 2, min(0.6, 0.4) / 0.15 = 2.67 -> 2, 0.3 / 0.25 = 1.2.
  ClusterSignature district{0.06, 0.1, 3, 12.5, 0.1, 0.6, 0.4, 0.3, 0, 0.2, 0};
  const TypeDecision m = classify_cluster(district, TypologyRules{});
  CHECK(m.type == "marshallian");
  CHECK(m.score == Approx(1.2));
  district.institution_reach = 0.2;  // 0.8: no type qualifies
  CHECK(classify_cluster(district, TypologyRules{}).type == kUnclassified);
  TypologyRules bad;
  bad.hub_anchors = 0;
  CHECK_THROWS_AS(classify_cluster(district, bad), UsageError);
}

TEST_CASE("clusters: planted clusters recovered and typed over 5 seeds, co-location rejected, the border crossed") {
  int typed = 0, planted_total = 0;
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const WorldRun run = run_world(seed);
    const Graph& g = run.world.graph;
    const auto& planted = planted_of(run.world);
    const auto& roles = std::get<StringColumn>(run.world.truth_table("nodes").column("role").values);
    const ClusterOutcome& out = run.outcome;
    INFO("seed " << seed);
    ClusterRequest request;
    CHECK(verify_clusters(GraphView(g, value_chain_layers()), request, out).ok());
    // NMI over the nodes of the region: planted cluster (0 = none) against found cluster (0 = none).
    std::vector<std::int64_t> truth, found;
    std::uint64_t colocated = 0, colocated_in_cluster = 0;
    for (NodeId v = 0; v < g.node_count(); ++v) {
      if (g.nodes.region.value(v) == "outside") continue;
      truth.push_back(planted[v]);
      found.push_back(out.membership[v] + 1);
      if (roles.value(v) == "colocated") {
        ++colocated;
        colocated_in_cluster += out.membership[v] >= 0;
      }
    }
    const double nmi = community::normalized_mutual_information(truth, found);
    CHECK(nmi >= 0.8);
    CHECK(colocated_in_cluster * 5 <= colocated);
    // Each planted cluster's type: that of the found cluster holding most of its members.
    for (int p = 1; p <= generators::kPlantedClusters; ++p) {
      std::map<std::int64_t, int> hits;
      for (NodeId v = 0; v < g.node_count(); ++v)
        if (planted[v] == p && out.membership[v] >= 0) ++hits[out.membership[v]];
      ++planted_total;
      if (hits.empty()) continue;
      const auto best = std::max_element(hits.begin(), hits.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
      const CandidateCluster& c = out.candidates[out.clusters[static_cast<std::size_t>(best->first)]];
      typed += c.type.type == generators::kPlantedClusterTypes[p - 1];
      if (p == generators::kCrossBorderCluster) {
        const auto& borders = c.footprint.border_regions;
        CHECK(c.footprint.crosses_border());
        CHECK(std::find(borders.begin(), borders.end(), "west") != borders.end());
        CHECK(std::find(borders.begin(), borders.end(), "east") != borders.end());
      }
    }
  }
  CHECK(typed * 10 >= planted_total * 9);
}

TEST_CASE("clusters: the same clusters, tests and types on 1 and 2 threads") {
  const int threads = omp_get_max_threads();
  omp_set_num_threads(1);
  const WorldRun one = run_world(2);
  omp_set_num_threads(2);
  const WorldRun two = run_world(2);
  omp_set_num_threads(threads);
  CHECK(one.outcome.membership == two.outcome.membership);
  REQUIRE(one.outcome.candidates.size() == two.outcome.candidates.size());
  for (std::size_t c = 0; c < one.outcome.candidates.size(); ++c) {
    const CandidateCluster& a = one.outcome.candidates[c];
    const CandidateCluster& b = two.outcome.candidates[c];
    CHECK(a.members == b.members);
    CHECK(a.localised.statistic == b.localised.statistic);
    CHECK(a.localised.p == b.localised.p);
    CHECK(a.null_mean == b.null_mean);
    CHECK(a.linked.p == b.linked.p);
    CHECK(a.type.type == b.type.type);
    CHECK(a.type.score == b.type.score);
  }
}

TEST_CASE("clusters: the verifier catches a corrupted outcome; bad settings are usage errors") {
  WorldRun run = run_world(1);
  const GraphView view(run.world.graph, value_chain_layers());
  const ClusterRequest request;
  REQUIRE(verify_clusters(view, request, run.outcome).ok());
  REQUIRE(!run.outcome.clusters.empty());
  ClusterOutcome moved = run.outcome;
  const NodeId member = moved.candidates[moved.clusters[0]].members.front();
  moved.membership[member] = -1;  // a member left out of its cluster
  CHECK_FALSE(verify_clusters(view, request, moved).ok());
  ClusterOutcome recount = run.outcome;
  recount.candidates[0].internal_links += 1;
  CHECK_FALSE(verify_clusters(view, request, recount).ok());
  ClusterOutcome kept = run.outcome;
  kept.candidates[kept.clusters[0]].linked.q = 0.5;  // kept although (b) fails
  CHECK_FALSE(verify_clusters(view, request, kept).ok());
  ClusterRequest bad;
  bad.alpha = 0;
  CHECK_THROWS_AS(run_clusters(view, bad), UsageError);
  bad = ClusterRequest{};
  bad.localisation.simulations = 5;
  CHECK_THROWS_AS(run_clusters(view, bad), UsageError);
}

TEST_CASE("cluster footprint: hand-counted shares, the border crossed, the hull around the members") {
  generators::NodeTableBuilder table;
  auto add = [&](const char* region, const char* park, double lat, double lon) {
    generators::NodeRow row;
    row.id = "n" + std::to_string(table.size());
    row.region = region;
    row.park = park;
    row.lat = lat;
    row.lon = lon;
    return table.add(row);
  };
  add("west", "P1", 0, 0);
  add("west", "P1", 0, 1);
  add("west", "", 1, 1);
  add("west", "P2", 1, 0);
  add("east", "P2", 0.5, 0.5);  // inside the square
  add("east", "", std::nan(""), std::nan(""));
  add("", "", 2, 2);  // not a member
  const NodeTable nodes = std::move(table).finish();
  const ClusterFootprint f = cluster_footprint(nodes, {0, 1, 2, 3, 4, 5}, 0.3);
  REQUIRE(f.regions.size() == 2);
  CHECK(f.regions[0] == ValueShare{"west", 4.0 / 6});
  CHECK(f.regions[1] == ValueShare{"east", 2.0 / 6});
  CHECK(f.parks == std::vector<ValueShare>{{"P1", 2.0 / 6}, {"P2", 2.0 / 6}});
  CHECK(f.border_regions == std::vector<std::string>{"west", "east"});
  CHECK(f.crosses_border());
  CHECK(cluster_footprint(nodes, {0, 1, 2, 3, 4, 5}, 0.4).border_regions == std::vector<std::string>{"west"});
  CHECK(f.hull == std::vector<spatial::PlanePoint>{{0, 0}, {1, 0}, {1, 1}, {0, 1}});  // (lon, lat), counter-clockwise
}

TEST_CASE("cluster localisation: members at one spot among spread sites are localised near 0 km; a random draw is not") {
  // 200 sites on a 0.5-degree lattice line, and 10 members within 100 m of each other.
  generators::NodeTableBuilder table;
  for (int i = 0; i < 200; ++i) {
    generators::NodeRow row;
    row.id = "s" + std::to_string(i);
    row.industry = "1";
    row.lat = 30 + (i < 10 ? 0.0001 * i : 0.005 * i);
    row.lon = 120;
    table.add(row);
  }
  const NodeTable nodes = std::move(table).finish();
  const spatial::DistanceSites sites = spatial::build_distance_sites(nodes, 0, false);
  const spatial::DistanceGrid grid = spatial::make_distance_grid(sites, 0, 50, 1);
  LocalisationOptions options;
  options.simulations = 99;
  std::vector<std::uint32_t> members;
  for (std::uint32_t i = 0; i < 10; ++i) members.push_back(i);
  const Localisation near = localisation_test(sites, grid, members, options);
  CHECK(near.located == 10);
  CHECK(near.gamma > 0);
  CHECK(near.p == Approx(0.01));  // beyond every one of the 99 draws
  CHECK(near.peak_km < 2 * grid.step_km);
  CHECK(near.from_km == 0);
  std::vector<std::uint32_t> spread;
  for (std::uint32_t i = 10; i < 200; i += 19) spread.push_back(i);
  const Localisation far = localisation_test(sites, grid, spread, options);
  CHECK(far.gamma == 0);
  CHECK(far.p == 1);
  CHECK(std::isnan(far.peak_km));
  CHECK(std::isnan(localisation_test(sites, grid, {0, 1}, options).gamma));
}

TEST_CASE("cluster growth: hand-counted firms alive and dated internal links over two windows") {
  generators::NodeTableBuilder table;
  auto add = [&](std::int32_t founded, std::int32_t closed) {
    generators::NodeRow row;
    row.id = "n" + std::to_string(table.size());
    row.founded = founded;
    row.closed = closed;
    return table.add(row);
  };
  add(2010, 0);     // 0: alive in 2015 and 2020
  add(2016, 0);     // 1: alive in 2020 only
  add(2012, 2017);  // 2: alive in 2015 only
  add(0, 0);        // 3: founding year unknown: counted in neither
  add(2019, 0);     // 4: not a member
  GraphBuilder builder(std::move(table).finish());
  builder.add_edge(0, 1, RelationType::supply, 1, 2019);  // recent (2015, 2020]
  builder.add_edge(1, 2, RelationType::supply, 1, 2016);  // recent
  builder.add_edge(2, 0, RelationType::supply, 1, 2012);  // before (2010, 2015]
  builder.add_edge(0, 3, RelationType::supply, 1);        // undated: in neither
  builder.add_edge(0, 4, RelationType::supply, 1, 2020);  // not internal
  builder.add_edge(3, 1, RelationType::supply, 1, 2009);  // before 2010: in neither window
  const Graph g = std::move(builder).finish();
  const GraphView view(g);
  CHECK(last_link_year(view) == 2020);
  const ClusterGrowth growth = cluster_growth(view, {0, 1, 2, 3}, 2020, 5);
  CHECK(growth.firms_now == 2);     // 0 and 1
  CHECK(growth.firms_before == 2);  // 0 and 2
  CHECK(growth.firm_growth == Approx(0.0));
  CHECK(growth.links_recent == 2);
  CHECK(growth.links_before == 1);
  CHECK(growth.link_growth == Approx(1.0));
  // A window of 3: alive in 2017 are 0, 1 and 2; links dated in (2014, 2017] and (2011, 2014].
  const ClusterGrowth three = cluster_growth(view, {0, 1, 2, 3}, 2020, 3);
  CHECK(three.firms_before == 3);
  CHECK(three.firm_growth == Approx(2.0 / 3 - 1));
  CHECK(three.links_recent == 1);  // 2019
  CHECK(three.links_before == 1);  // 2016
  CHECK(three.link_growth == Approx(0.0));
  // No base: NaN, not an infinite growth; no years at all: NaN.
  CHECK(std::isnan(cluster_growth(view, {1}, 2020, 5).firm_growth));
  CHECK(std::isnan(cluster_growth(view, {0, 1, 2}, 0, 5).link_growth));
  CHECK_THROWS_AS(cluster_growth(view, {0}, 2020, 0), UsageError);
}

TEST_CASE("cluster categories: longest prefix wins and the planted clusters match a benchmark table") {
  // Longest prefix, codes compared without '.', ' ' and '-'.
  generators::NodeTableBuilder table;
  for (const char* industry : {"C29.10", "C29.20", "C26", "C13-92", "", "C99"}) {
    generators::NodeRow row;
    row.id = "n" + std::to_string(table.size());
    row.industry = industry;
    table.add(row);
  }
  const NodeTable nodes = std::move(table).finish();
  IndustryCategories categories;
  categories.rows = {{"C29", "automotive"}, {"C2910", "motor vehicles"}, {"C 26", "electronics"}, {"C13", "textiles"}};
  const CategoryComparison small = compare_with_categories(nodes, {0, 0, 1, 1, 1, -1}, 2, categories);
  CHECK(small.category_of == std::vector<std::int64_t>{1, 0, 2, 3, -1, -1});
  REQUIRE(small.clusters.size() == 2);
  CHECK(small.clusters[0].firms_with_category == 2);
  CHECK(small.clusters[0].share == Approx(0.5));  // one motor-vehicle firm, one automotive
  CHECK(small.clusters[1].firms_with_category == 2);
  CHECK(small.firms_compared == 4);
  CHECK_THROWS_AS(compare_with_categories(nodes, {0, 0, 1, 1, 1, -1}, 2, IndustryCategories{}), UsageError);

  // The cluster world: a table naming each planted cluster's dominant industry as its category.
  const WorldRun run = run_world(4);
  const auto& planted = planted_of(run.world);
  const NodeTable& t = run.world.graph.nodes;
  std::map<std::int64_t, std::map<std::string, int>> industries;
  for (NodeId v = 0; v < t.size(); ++v)
    if (planted[v] > 0 && !t.industry.missing(v)) ++industries[planted[v]][std::string(t.industry.value(v))];
  IndustryCategories benchmark;
  for (const auto& [cluster, counts] : industries) {
    const auto top = std::max_element(counts.begin(), counts.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    benchmark.rows.push_back({top->first, "planted " + std::to_string(cluster)});
  }
  const CategoryComparison world =
      compare_with_categories(t, run.outcome.membership, run.outcome.clusters.size(), benchmark);
  CHECK(world.firms_compared > 100);
  CHECK(world.nmi >= 0.9);
  for (const CategoryFit& fit : world.clusters) CHECK(fit.share >= 0.9);
}

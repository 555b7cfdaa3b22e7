// firmnet evolution around park establishment: establishment years from the node column, the
// planted before/after effect of the generated panel (datasets/generators/panel.hpp) recovered by
// the difference in differences, the park test's verdict per year on the planted trajectories,
// and the succession after the planted anchor leaves.
#include <catch2/catch.hpp>
#include <cmath>
#include <map>

#include "algorithms/evolution/anchor_succession_verifier.hpp"
#include "algorithms/evolution/event_study_verifier.hpp"
#include "algorithms/evolution/evolution.hpp"
#include "datasets/generators/panel.hpp"
#include "io/csv_import.hpp"
#include "test_support.hpp"

using namespace firmnet;
using firmnet::test::TempDir;
using firmnet::test::write_file;

namespace {

evolution::EvolutionRequest establishment_request(int replicates) {
  evolution::EvolutionRequest request;
  request.null.replicates = replicates;
  request.communities = false;
  request.event_study.bootstrap = 199;
  return request;
}

const evolution::DidEstimate& estimate_of(const evolution::EventStudy& study, const std::string& outcome,
                                          const std::string& period) {
  for (const auto& e : study.estimates)
    if (e.outcome == outcome && e.period == period) return e;
  FAIL("no estimate " << outcome << " " << period);
  return study.estimates.front();
}

std::map<int, std::string> verdicts_of(const evolution::EvolutionOutcome& outcome, const std::string& unit) {
  std::map<int, std::string> out;
  for (const auto& row : outcome.unit_years)
    if (outcome.units.names[row.unit] == unit) out[row.year] = row.verdict;
  return out;
}

}  // namespace

TEST_CASE("Park establishment years come from the node column and must agree with the parks table", "[evolution][establishment]") {
  TempDir dir;
  const std::string edges = write_file(dir.file("edges.csv"), "source,target,year\nA,B,2010\nC,D,2011\n");
  const auto load = [&](const std::string& rows) {
    return import_csv(write_file(dir.file("nodes.csv"), "id,park,park_established\n" + rows), edges, {}).graph;
  };
  const Graph g = load("A,P,2012\nB,P,\nC,Q,\nD,,2001\n");
  const spatial::SpatialUnits units = spatial::units_from_column(g, g.nodes.park, "park");
  evolution::Establishment e = evolution::establishment_years(g, units, {}, "");
  CHECK(e.column == "park_established");
  CHECK(e.year == std::vector<int>{2012, 0});  // D is in no park: its year names none
  const std::vector<evolution::ParkRecord> table = {{"Q", 2015, 3.5, 2}, {"R", 2016, NAN, 3}, {"P", 2012, NAN, 4}};
  e = evolution::establishment_years(g, units, table, "parks.csv");
  CHECK(e.year == std::vector<int>{2012, 2015});
  CHECK(e.area_km2[1] == 3.5);
  CHECK(std::isnan(e.area_km2[0]));
  CHECK(e.table_rows_unmatched == 1);
  CHECK_THROWS_WITH(evolution::establishment_years(g, units, {{"P", 2013, NAN, 7}}, "parks.csv"),
                    "parks.csv:7: park 'P' established 2013, but the node column park_established says 2012");
  CHECK(evolution::establishment_years(load("A,P,\nB,P,\nC,Q,\nD,,\n"), units, {}, "").column.empty());
  CHECK_THROWS_WITH(evolution::establishment_years(load("A,P,soon\nB,P,\nC,Q,\nD,,\n"), units, {}, ""),
                    "node column 'park_established' must hold years (whole numbers 1800-2100)");
  const Graph split = load("A,P,2012\nB,P,2014\nC,Q,\nD,,\n");
  CHECK_THROWS_WITH(evolution::establishment_years(split, units, {}, ""),
                    "park 'P': park_established is 2012 on node 'A' but 2014 on node 'B'");
}

TEST_CASE("The planted before-after effect is recovered with the right sign and within its interval", "[evolution][establishment][planted]") {
  // A 95% percentile interval from a bootstrap over 8 parks is rough (docs/METHODS.md): the
  // planted value must lie inside in at least 5 of 6 seeds, the sign must be right in all.
  int covered = 0, placebo_covered = 0, ratio_above_zero = 0;
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    const generators::GeneratedNetwork world = generators::generate_panel({.seed = seed});
    const auto outcome = evolution::run_evolution(GraphView(world.graph), establishment_request(0));
    const auto& truth = world.truth_table("establishment");
    const double planted = static_cast<double>(std::get<Int64Column>(truth.column("planted_effect").values).front());
    INFO("seed " << seed);
    const auto& links = estimate_of(outcome.event_study, "internal_links", evolution::kDidAfter);
    CHECK(links.treated_parks == 3);  // estate-1..3; growing has no year before its establishment in the panel
    CHECK(links.comparison_parks >= 4);
    CHECK(links.cells == 24);         // 10 + 8 + 6 years from establishment to 2023
    CHECK(links.estimate > 0);
    CHECK(std::abs(links.estimate - planted) < 1.5);
    covered += links.lower <= planted && planted <= links.upper;
    const auto& ratio = estimate_of(outcome.event_study, "ratio", evolution::kDidAfter);
    CHECK(ratio.estimate > 0);
    ratio_above_zero += ratio.lower > 0;
    const auto& vertical = estimate_of(outcome.event_study, "vertical_share", evolution::kDidAfter);
    CHECK(vertical.lower > 0);  // all 12 planted links are vertical, the links before were not
    // Before establishment the parks trend like their comparisons: the placebo holds 0.
    const auto& placebo = estimate_of(outcome.event_study, "internal_links", evolution::kDidBefore);
    placebo_covered += placebo.lower <= 0 && 0 <= placebo.upper;
    // The event-study rows of estate-1 (established 2014): years 2010-2023, no effect in the base year.
    std::map<int, double> effect;
    for (const auto& row : outcome.event_study.rows)
      if (outcome.units.names[row.unit] == "estate-1") effect[row.relative_year] = row.did_internal_links;
    CHECK(effect.begin()->first == -4);
    CHECK(effect.rbegin()->first == 9);
    CHECK(std::isnan(effect.at(-1)));
    CHECK(std::abs(effect.at(0) - planted) < 4);
    CHECK(evolution::verify_event_study(outcome.unit_years, outcome.establishment.year, outcome.event_study).ok());
    if (seed == 1) {
      auto corrupted = outcome.event_study;
      for (auto& row : corrupted.rows)
        if (std::isfinite(row.did_internal_links)) row.did_internal_links += 0.5;
      CHECK_FALSE(evolution::verify_event_study(outcome.unit_years, outcome.establishment.year, corrupted).ok());
    }
  }
  CHECK(covered >= 5);
  CHECK(placebo_covered >= 4);
  CHECK(ratio_above_zero >= 4);
}

TEST_CASE("The park test's verdict per year follows the planted trajectories", "[evolution][establishment][planted]") {
  const generators::GeneratedNetwork world = generators::generate_panel({.seed = 2});
  const auto outcome = evolution::run_evolution(GraphView(world.graph), establishment_request(99));
  const auto declining = verdicts_of(outcome, "declining");
  for (int year = 2010; year <= 2015; ++year) CHECK(declining.at(year) == spatial::kVerdictLinked);
  CHECK(declining.at(2023) != spatial::kVerdictLinked);
  for (const auto& [year, verdict] : verdicts_of(outcome, "never-linked")) CHECK(verdict != spatial::kVerdictLinked);
  const auto estate = verdicts_of(outcome, "estate-2");  // established 2016
  for (int year = 2010; year <= 2015; ++year) CHECK(estate.at(year) != spatial::kVerdictLinked);
  for (int year = 2016; year <= 2023; ++year) CHECK(estate.at(year) == spatial::kVerdictLinked);
  // The growing park's relations are drawn among all its firms, most of one stage: its internal
  // links are significant but fewer than half are vertical, and the rule says so.
  CHECK(verdicts_of(outcome, "growing").at(2012) != spatial::kVerdictLinked);
  for (const auto& row : outcome.unit_years)
    if (outcome.units.names[row.unit] == "growing" && row.year == 2020) {
      CHECK(row.verdict == spatial::kVerdictColocation);
      CHECK(row.verdict_reason.starts_with("same-stage piling"));
      CHECK(row.q <= 0.05);
    }
  std::string line;
  for (const auto& [unit, trajectory] : evolution::verdict_trajectories(outcome))
    if (unit == "estate-2") line = trajectory;
  CHECK(line.ends_with("2016 linked cluster"));
  const auto untested = evolution::run_evolution(GraphView(world.graph), establishment_request(0));
  CHECK(untested.unit_years.front().verdict == evolution::kVerdictUntested);
}

TEST_CASE("Anchor succession finds the planted anchor leaving and a successor entering", "[evolution][establishment][planted]") {
  const generators::GeneratedNetwork world = generators::generate_panel({.seed = 4});
  const auto outcome = evolution::run_evolution(GraphView(world.graph), establishment_request(0));
  const auto id = [&](NodeId u) { return std::string(world.graph.nodes.id[u]); };
  for (const auto& rank : outcome.anchors.ranks)
    if (outcome.units.names[rank.unit] == "declining" && rank.year <= 2015 && rank.rank == 1) {
      CHECK(id(rank.node) == "declining-1");
      CHECK(rank.score >= 12);  // its 12 midstream suppliers
    }
  bool left = false, entered = false;
  for (const auto& e : outcome.anchors.events) {
    if (outcome.units.names[e.unit] != "declining") continue;
    CHECK(e.year >= 2011);  // no events in the unit's first snapshot
    if (e.year == 2016 && id(e.node) == "declining-1") {
      CHECK(e.event == evolution::kAnchorLeave);
      CHECK(e.rank_before == 1);
      CHECK_FALSE(e.alive);  // it closed after 2015
      left = true;
    }
    entered = entered || (e.year == 2016 && e.event == evolution::kAnchorEnter);
  }
  CHECK(left);
  CHECK(entered);
  CHECK(evolution::verify_anchor_succession(world.graph, outcome.plan, outcome.units, 3, outcome.anchors).ok());
  auto corrupted = outcome.anchors;
  corrupted.events.pop_back();
  CHECK_FALSE(evolution::verify_anchor_succession(world.graph, outcome.plan, outcome.units, 3, corrupted).ok());
  corrupted = outcome.anchors;
  corrupted.ranks.front().score += 1;
  CHECK_FALSE(evolution::verify_anchor_succession(world.graph, outcome.plan, outcome.units, 3, corrupted).ok());
  // Hand count on a star: the hub of 4 internal links ranks first, then the leaves by node order.
  TempDir dir;
  const Graph star = import_csv(write_file(dir.file("n.csv"), "id,park\nH,P\nA,P\nB,P\nC,P\nD,P\n"),
                                write_file(dir.file("e.csv"), "source,target,year\nA,H,2010\nB,H,2010\nC,H,2010\nH,D,2010\n"),
                                {}).graph;
  const auto plan = evolution::plan_snapshots(GraphView(star), {});
  const auto units = spatial::units_from_column(star, star.nodes.park, "park");
  const auto succession = evolution::anchor_succession(star, plan, units, 2);
  REQUIRE(succession.ranks.size() == 2);
  CHECK(succession.ranks[0].node == 0);
  CHECK(succession.ranks[0].score == 4);
  CHECK(succession.ranks[1].node == 1);
  CHECK(succession.ranks[1].score == 1);
  CHECK_THROWS_AS(evolution::anchor_succession(star, plan, units, 0), UsageError);
}

TEST_CASE("Evolution follows radius groups as the park test forms them", "[evolution][establishment]") {
  TempDir dir;
  // Five firms within 500 metres, five more 50 km away, one firm alone.
  std::string nodes = "id,lat,lon,stage\n";
  for (int i = 0; i < 5; ++i) nodes += "N" + std::to_string(i) + ",30.00" + std::to_string(i) + ",120.0,s" + std::to_string(i % 2) + "\n";
  for (int i = 0; i < 5; ++i) nodes += "F" + std::to_string(i) + ",30.50" + std::to_string(i) + ",120.0,s" + std::to_string(i % 2) + "\n";
  nodes += "L,31.5,121.0,s0\n";
  const Graph g = import_csv(write_file(dir.file("n.csv"), nodes),
                             write_file(dir.file("e.csv"), "source,target,year\nN0,N1,2010\nN1,N2,2011\nN2,N3,2011\nF0,L,2010\nF1,F2,2011\n"),
                             {}).graph;
  evolution::EvolutionRequest request = establishment_request(0);
  request.unit = "radius";
  request.radius_km = 2.0;
  const auto outcome = evolution::run_evolution(GraphView(g), request);
  const auto groups = spatial::units_by_radius(g, 2.0, request.verdicts.min_firms);
  CHECK(outcome.units.names == groups.names);
  CHECK(outcome.units.unit_of == groups.unit_of);
  REQUIRE(outcome.units.count() == 2);
  std::map<std::pair<std::string, int>, std::uint64_t> internal;
  for (const auto& row : outcome.unit_years) internal[{outcome.units.names[row.unit], row.year}] = row.internal_links;
  const std::string north = outcome.units.names[static_cast<std::size_t>(outcome.units.unit_of[0])];
  const std::string far = outcome.units.names[static_cast<std::size_t>(outcome.units.unit_of[5])];
  CHECK(internal.at({north, 2010}) == 1);
  CHECK(internal.at({north, 2011}) == 2);
  CHECK(internal.at({far, 2010}) == 0);  // F0 -> L leaves the group
  CHECK(internal.at({far, 2011}) == 1);
  CHECK(outcome.event_study.rows.empty());  // no parks: no establishment
}

// firmnet evolution: snapshots counted by hand on a handmade panel, the planted life-cycle
// stages and community merge of the generated panel (datasets/generators/panel.hpp), the
// verifiers, and independence of the thread count.
#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <set>

#include "algorithms/evolution/dynamic_communities_verifier.hpp"
#include "algorithms/evolution/evolution.hpp"
#include "algorithms/evolution/unit_dynamics_verifier.hpp"
#include "datasets/generators/panel.hpp"
#include "io/csv_import.hpp"
#include "io/record_validation.hpp"
#include "test_support.hpp"

using namespace firmnet;
using firmnet::test::on_threads;
using firmnet::test::TempDir;
using firmnet::test::write_file;

namespace {

// B closes after 2011, C enters in 2011; E has no founding year (alive throughout).
Graph handmade_panel(const TempDir& dir) {
  const std::string nodes = write_file(dir.file("nodes.csv"),
                                       "id,kind,stage,park,founded,exit_year\n"
                                       "A,firm,up,P,2000,\nB,firm,down,P,2000,2011\nC,firm,up,P,2011,\n"
                                       "D,firm,down,Q,2000,\nE,firm,up,Q,,\n");
  const std::string edges = write_file(dir.file("edges.csv"),
                                       "source,target,type,weight,year\n"
                                       "A,B,supply,1,2010\nA,B,supply,1,2011\nC,A,supply,1,2011\nA,D,supply,1,2011\n"
                                       "C,B,supply,1,2012\nA,C,supply,1,2012\nE,D,supply,1,2012\nD,E,cooperation,1,\n");
  return import_csv(nodes, edges, {}).graph;
}

const evolution::UnitYear& row_of(const evolution::EvolutionOutcome& outcome, const std::string& unit, int year) {
  for (const auto& row : outcome.unit_years)
    if (outcome.units.names[row.unit] == unit && row.year == year) return row;
  FAIL("no row " << unit << " " << year);
  return outcome.unit_years.front();
}

evolution::EvolutionRequest quick_request(bool communities) {
  evolution::EvolutionRequest request;
  request.null.replicates = 0;
  request.communities = communities;
  return request;
}

}  // namespace

TEST_CASE("The closed column imports under its aliases and must not precede founded", "[evolution][csv]") {
  TempDir dir;
  const Graph g = handmade_panel(dir);
  CHECK(g.nodes.closed == std::vector<std::int32_t>{0, 2011, 0, 0, 0});
  const std::string edges = write_file(dir.file("e.csv"), "source,target\nA,B\n");
  const std::string chinese = write_file(dir.file("n1.csv"), "id,成立年份,注销年份\nA,2001,2009\nB,,\n");
  CHECK(import_csv(chinese, edges, {}).graph.nodes.closed == std::vector<std::int32_t>{2009, 0});
  NodeValues values;
  const auto rejection = [&](std::string_view founded, std::string_view closed) {
    const auto r = parse_node_values({.founded = founded, .closed = closed}, values);
    return r ? r->detail : std::string();
  };
  CHECK(rejection("2005", "2003") == "closed '2003' is before founded '2005'");
  CHECK(rejection("", "1750") == "closed '1750' is outside the years 1800-2100");
  CHECK(rejection("2005", "2005").empty());
  CHECK(values.closed == 2005);
}

TEST_CASE("Snapshots and unit signatures equal a hand count on a small panel", "[evolution]") {
  TempDir dir;
  const Graph g = handmade_panel(dir);
  const GraphView view(g);
  evolution::SnapshotPlan plan = evolution::plan_snapshots(view, {});
  REQUIRE(plan.snapshots.size() == 3);
  CHECK(plan.undated_links == 1);
  std::vector<std::uint64_t> links;
  for (const auto& s : plan.snapshots) links.push_back(s.links);
  CHECK(links == std::vector<std::uint64_t>{1, 3, 2});  // C->B of 2012 is dropped: B closed after 2011
  evolution::SnapshotRequest keep;
  keep.keep_undated = true;
  links.clear();
  for (const auto& s : evolution::plan_snapshots(view, keep).snapshots) links.push_back(s.links);
  CHECK(links == std::vector<std::uint64_t>{2, 4, 3});
  evolution::SnapshotRequest pooled;
  pooled.window = 2;
  links.clear();
  std::vector<int> years;
  for (const auto& s : evolution::plan_snapshots(view, pooled).snapshots) links.push_back(s.links), years.push_back(s.year);
  CHECK(years == std::vector<int>{2011, 2012});
  CHECK(links == std::vector<std::uint64_t>{4, 4});
  CHECK_THROWS_AS(evolution::plan_snapshots(view, {.window = 0}), UsageError);

  const evolution::EvolutionOutcome outcome = evolution::run_evolution(view, quick_request(false));
  const auto& p2010 = row_of(outcome, "P", 2010);
  CHECK(p2010.firms == 2);
  CHECK(p2010.internal_links == 1);
  CHECK(p2010.vertical_links == 1);
  CHECK(std::isnan(p2010.jaccard));
  const auto& p2011 = row_of(outcome, "P", 2011);
  CHECK(p2011.firms == 3);
  CHECK(p2011.entries == 1);
  CHECK(p2011.internal_links == 2);
  CHECK(p2011.horizontal_links == 1);
  CHECK(p2011.jaccard == 0.5);
  CHECK(p2011.persistence == 1.0);
  CHECK(p2011.new_links_one_new == 1);
  CHECK(p2011.density == Approx(2.0 / 6));
  const auto& p2012 = row_of(outcome, "P", 2012);
  CHECK(p2012.exits == 1);
  CHECK(p2012.firms == 2);
  CHECK(p2012.jaccard == 0.0);
  CHECK(p2012.lost_links == 2);
  const auto& q2011 = row_of(outcome, "Q", 2011);
  CHECK(q2011.internal_links == 0);
  CHECK(q2011.external_share == 1.0);  // A->D: D's end leads outside Q
  CHECK(row_of(outcome, "Q", 2012).vertical_links == 1);
  CHECK(evolution::verify_unit_dynamics(g, outcome.plan, outcome.units, outcome.unit_years).ok());
  auto corrupted = outcome.unit_years;
  corrupted[1].internal_links += 1;
  CHECK_FALSE(evolution::verify_unit_dynamics(g, outcome.plan, outcome.units, corrupted).ok());
}

TEST_CASE("The planted life-cycle stage is recovered in at least 90% of park-years over 5 seeds", "[evolution][planted]") {
  std::uint64_t right = 0, total = 0;
  std::map<std::string, std::uint64_t> wrong_by_park;
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const generators::GeneratedNetwork world = generators::generate_panel({.seed = seed});
    const evolution::EvolutionOutcome outcome = evolution::run_evolution(GraphView(world.graph), quick_request(false));
    const auto& truth = world.truth_table("park_years");
    const auto& parks = std::get<StringColumn>(truth.column("park").values);
    const auto& years = std::get<Int64Column>(truth.column("year").values);
    const auto& stages = std::get<StringColumn>(truth.column("planted_stage").values);
    for (std::size_t i = 0; i < years.size(); ++i) {
      const auto& row = row_of(outcome, std::string(parks.value(i)), static_cast<int>(years[i]));
      ++total;
      if (row.stage == stages.value(i))
        ++right;
      else
        ++wrong_by_park[std::string(parks.value(i))];
    }
  }
  INFO("right " << right << " of " << total);
  for (const auto& [park, wrong] : wrong_by_park) INFO(park << ": " << wrong << " wrong");
  CHECK(static_cast<double>(right) / total >= 0.9);
}

TEST_CASE("The planted merge of two parks' chains is found as a merge event", "[evolution][planted]") {
  int merges_found = 0;
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    const generators::GeneratedNetwork world = generators::generate_panel({.seed = seed});
    const evolution::EvolutionRequest request = quick_request(true);
    const evolution::EvolutionOutcome outcome = evolution::run_evolution(GraphView(world.graph), request);
    std::vector<int> years;
    for (const auto& s : outcome.plan.snapshots) years.push_back(s.year);
    CHECK(evolution::verify_tracking(outcome.memberships, years, request.tracking, outcome.dynamic).ok());
    const auto dominant_park = [&](std::int64_t dynamic, int year) {
      std::map<std::string, int> count;
      for (const auto& step : outcome.dynamic.steps)
        if (step.dynamic == dynamic && step.year == year)
          for (auto u : step.nodes) ++count[std::string(world.graph.nodes.park.value(u))];
      std::string best;
      for (const auto& [park, c] : count)
        if (best.empty() || c > count[best]) best = park;
      return best;
    };
    bool found = false;
    for (const auto& event : outcome.dynamic.events)
      if (event.event == evolution::kMerge && event.year == 2017) {
        const std::set<std::string> parks{dominant_park(event.dynamic, 2016), dominant_park(event.other, 2016)};
        found = found || parks == std::set<std::string>{"merging-a", "merging-b"};
      }
    merges_found += found;
  }
  // Leiden on one year of links sometimes keeps the two chains apart after they start trading
  // (seed 2); the tracking must find the merge whenever the snapshot communities show it.
  CHECK(merges_found >= 2);
}

TEST_CASE("Evolution is deterministic by seed and the same on 1 and 2 threads", "[evolution][threads]") {
  const generators::GeneratedNetwork world = generators::generate_panel({.seed = 7});
  evolution::EvolutionRequest request = quick_request(true);
  request.null.replicates = 9;
  const auto run = [&] { return evolution::run_evolution(GraphView(world.graph), request); };
  const auto one = on_threads(1, run), two = on_threads(2, run);
  REQUIRE(one.unit_years.size() == two.unit_years.size());
  for (std::size_t i = 0; i < one.unit_years.size(); ++i) {
    CHECK(one.unit_years[i].stage == two.unit_years[i].stage);
    CHECK(one.unit_years[i].internal_links == two.unit_years[i].internal_links);
    CHECK(one.unit_years[i].null_mean == two.unit_years[i].null_mean);
    CHECK(one.unit_years[i].p == two.unit_years[i].p);
    CHECK(one.unit_years[i].verdict == two.unit_years[i].verdict);
  }
  CHECK(one.anchors.ranks.size() == two.anchors.ranks.size());
  CHECK(one.anchors.events.size() == two.anchors.events.size());
  REQUIRE(one.event_study.estimates.size() == two.event_study.estimates.size());
  for (std::size_t i = 0; i < one.event_study.estimates.size(); ++i) {
    CHECK(one.event_study.estimates[i].estimate == two.event_study.estimates[i].estimate);
    CHECK(one.event_study.estimates[i].lower == two.event_study.estimates[i].lower);
  }
  CHECK(one.memberships == two.memberships);
  REQUIRE(one.dynamic.events.size() == two.dynamic.events.size());
  for (std::size_t i = 0; i < one.dynamic.events.size(); ++i) CHECK(one.dynamic.events[i].event == two.dynamic.events[i].event);
}

TEST_CASE("Greene et al. matching finds births, a merge, a split and deaths on handmade steps", "[evolution]") {
  using M = std::vector<std::int64_t>;
  const std::vector<M> steps = {
      {0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2},          // two communities, and a pair too small to track
      {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1},        // they merge
      {0, 0, 0, 0, 0, 1, 1, 1, 1, 1, -1, -1},        // and split again
      {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 0}};  // nothing of 3 nodes is left
  const std::vector<int> years = {2000, 2001, 2002, 2003};
  const evolution::TrackingRules rules;
  const evolution::DynamicCommunities tracked = evolution::track_communities(steps, years, rules);
  std::vector<std::string> events;
  for (const auto& e : tracked.events)
    events.push_back(std::to_string(e.year) + " " + e.event + " " + std::to_string(e.dynamic) + " " + std::to_string(e.other));
  CHECK(events == std::vector<std::string>{"2000 birth 0 -1", "2000 birth 1 -1", "2001 growth 0 -1", "2001 merge 1 0",
                                           "2002 contraction 0 -1", "2002 split 2 0", "2003 death 0 -1",
                                           "2003 death 2 -1"});
  CHECK(tracked.count == 3);
  CHECK(tracked.events[3].jaccard == 0.5);
  CHECK(evolution::verify_tracking(steps, years, rules, tracked).ok());
  evolution::DynamicCommunities corrupted = tracked;
  corrupted.events.erase(corrupted.events.begin());  // dynamic community 0 without its birth
  CHECK_FALSE(evolution::verify_tracking(steps, years, rules, corrupted).ok());
  CHECK_THROWS_AS(evolution::track_communities(steps, years, {.threshold = 0}), UsageError);
}

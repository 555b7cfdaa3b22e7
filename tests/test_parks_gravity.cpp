// Validation of the park-versus-cluster test where trade decays with distance
// (datasets/generators/gravity.hpp): verdict accuracy against the planted verdicts over seeds
// and decay lengths, and the false-linked rate of co-location parks.
#include <catch2/catch.hpp>

#include <map>
#include <tuple>

#include "algorithms/community/leiden.hpp"
#include "algorithms/spatial/park_verdicts.hpp"
#include "algorithms/spatial/linkage_null_verifier.hpp"
#include "datasets/generators/gravity.hpp"
#include "test_support.hpp"

using namespace firmnet;

namespace {

// spacing: swap attempts per link between replicates; 0 = automatic (1 on these worlds).
spatial::ParkOutcome parks_of(const Graph& g, std::uint64_t seed, double spacing = 0) {
  community::LeidenOptions leiden;
  leiden.seed = seed;
  const auto membership = community::leiden(undirected_projection(GraphView(g)), leiden).membership;
  spatial::ParkRequest request;
  request.null.replicates = 99;
  request.null.seed = seed;
  request.null.spacing_swaps = spacing;
  return spatial::run_parks(GraphView(g), request, &membership);
}

}  // namespace

TEST_CASE("park verdicts match the planted ones when trade decays with distance", "[parks][validation]") {
  for (double decay_km : {2.0, 5.0, 10.0}) {
    int units = 0, matched = 0;
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
      generators::GravityParameters p;
      p.seed = seed;
      p.decay_km = decay_km;
      const auto net = generators::generate_gravity(p);
      const auto planted = test::planted_verdicts(net);
      const spatial::ParkOutcome outcome = parks_of(net.graph, seed);
      CHECK(outcome.null_options.kind == spatial::NullKind::distance);
      for (const auto& r : outcome.reports) {
        ++units;
        const bool ok = planted.at(r.name) == r.verdict;
        matched += ok;
        if (!ok) WARN("lambda " << decay_km << " seed " << seed << " " << r.name << ": planted '" << planted.at(r.name)
                                << "', found '" << r.verdict << "': " << r.reason);
      }
    }
    INFO("lambda " << decay_km << " km: " << matched << " of " << units);
    CHECK(units == 50);
    CHECK(static_cast<double>(matched) / units >= 0.95);
  }
}

TEST_CASE("the thinnest spacing of national-scale runs still recovers the planted verdicts", "[parks][validation]") {
  // Past 40M links the replicates are 0.25 attempts per link apart (kMinimumSpacing): more
  // correlated, fewer effective replicates, and the verdicts must hold all the same.
  int units = 0, matched = 0;
  double effective = 0;
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    generators::GravityParameters p;
    p.seed = seed;
    p.decay_km = 5.0;
    const auto net = generators::generate_gravity(p);
    const auto planted = test::planted_verdicts(net);
    const spatial::ParkOutcome outcome = parks_of(net.graph, seed, spatial::kMinimumSpacing);
    CHECK(outcome.null.spacing_swaps == spatial::kMinimumSpacing);
    for (const auto& r : outcome.reports) {
      ++units;
      matched += planted.at(r.name) == r.verdict;
      effective += r.vertical_null_effective;
      if (planted.at(r.name) != r.verdict)
        WARN("seed " << seed << " " << r.name << ": planted '" << planted.at(r.name) << "', found '" << r.verdict << "'");
    }
  }
  CHECK(units == 50);
  CHECK(static_cast<double>(matched) / units >= 0.95);
  // Correlated replicates are worth fewer than 99, but not nothing.
  INFO("mean effective replicates " << effective / units);
  CHECK(effective / units < 99);
  CHECK(effective / units > 5);
}

TEST_CASE("co-location parks under distance decay are rarely called linked clusters", "[parks][validation]") {
  // 10 worlds of 12 co-location parks each (4 towns x 3 parks), decay 2, 5 and 10 km in turn.
  int parks = 0, linked = 0;
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    generators::GravityParameters p;
    p.seed = 100 + seed;
    p.decay_km = seed % 3 == 0 ? 2.0 : seed % 3 == 1 ? 5.0 : 10.0;
    p.linked_clusters = p.spanning_clusters = p.export_parks = p.small_parks = 0;
    p.colocation_parks = 12;
    p.towns = 4;
    p.firms_per_park = 60;
    p.town_firms = 1600;
    p.outside_buyers = 0;
    const auto net = generators::generate_gravity(p);
    for (const auto& r : parks_of(net.graph, seed).reports) {
      ++parks;
      linked += r.verdict == spatial::kVerdictLinked;
      if (r.verdict == spatial::kVerdictLinked) WARN("seed " << p.seed << " " << r.name << ": " << r.reason);
    }
  }
  CHECK(parks == 120);
  CHECK(linked <= 6);  // at most 5%
}

TEST_CASE("the distance null keeps every degree and the link-length bands on a gravity world", "[parks][nulls]") {
  generators::GravityParameters p;
  p.decay_km = 3;
  const auto net = generators::generate_gravity(p);
  const GraphView view(net.graph);
  const spatial::SpatialUnits units = spatial::units_from_column(net.graph, net.graph.nodes.park, "park");
  spatial::NullOptions options;
  options.kind = spatial::NullKind::distance;
  options.replicates = 4;
  options.burn_in_swaps = 3;
  options.chains = 2;
  const spatial::NullDistribution null = spatial::sample_null(view, units.unit_of, units.count(), options);
  REQUIRE(null.bands.count() == 10);
  CHECK(null.bands.links.back() > 0);  // firms without coordinates: the unlocated band
  CHECK(null.acceptance > 0.05);
  for (int r : {0, 3}) {
    const auto edges = spatial::rewired_edges(view, units.unit_of, options, r);
    const Verification v = spatial::verify_null_replicate(view, units.unit_of, options, null, r, edges);
    INFO("replicate " << r << ": " << (v.ok() ? "" : v.violations.front()));
    CHECK(v.ok());
  }
  // A target moved to a firm at another distance keeps in-degrees per type only if another
  // target moves back; the band histogram catches what the degree check does not.
  auto edges = spatial::rewired_edges(view, units.unit_of, options, 1);
  std::size_t near = edges.size(), far = edges.size();
  const auto band_of = [&](std::size_t i) { return null.bands.band_of(net.graph, edges[i].source, edges[i].target); };
  const auto type_of = [&](std::size_t i) { return net.graph.edges.type[edges[i].edge]; };
  for (std::size_t i = 0; i < edges.size() && near == edges.size(); ++i)
    if (band_of(i) == 0) near = i;
  for (std::size_t i = 0; i < edges.size() && far == edges.size(); ++i)
    if (near < edges.size() && band_of(i) >= 5 && band_of(i) < null.bands.count() && type_of(i) == type_of(near) &&
        edges[i].source != edges[near].target && edges[near].source != edges[i].target)
      far = i;
  REQUIRE(near < edges.size());
  REQUIRE(far < edges.size());
  std::swap(edges[near].target, edges[far].target);
  const Verification broken = spatial::verify_null_replicate(view, units.unit_of, options, null, 1, edges);
  CHECK_FALSE(broken.ok());
  bool band_problem = false;
  for (const auto& problem : broken.violations) band_problem = band_problem || problem.find("length band") != std::string::npos;
  CHECK(band_problem);
}

TEST_CASE("park verdicts and null replicates are the same on 1 and 2 threads", "[parks][nulls]") {
  generators::GravityParameters p;
  p.seed = 7;
  const auto net = generators::generate_gravity(p);
  auto run = [&] {
    const spatial::ParkOutcome outcome = parks_of(net.graph, 7);
    std::vector<std::string> verdicts;
    for (const auto& r : outcome.reports) verdicts.push_back(r.verdict + ": " + r.reason);
    return std::make_tuple(outcome.null.samples, outcome.null.vertical.samples, verdicts);
  };
  CHECK(test::on_threads(1, run) == test::on_threads(2, run));
}

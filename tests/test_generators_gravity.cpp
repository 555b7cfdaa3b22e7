// Tests of the `gravity` generator and its distance-decay sampler: the sampler's draws against
// the exact law computed by direct summation, the decay length recovered by maximum likelihood
// from the background links, the proximity effect in co-location parks against the vertical
// structure of chain clusters, the towns, missing coordinates, the panel, truth consistency and
// determinism on 1 and 2 threads.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "graph/geo_distance.hpp"
#include "datasets/generators/distance_decay_sampler.hpp"
#include "datasets/generators/gravity.hpp"
#include "graph/errors.hpp"
#include "graph/random.hpp"
#include "test_support.hpp"

using namespace firmnet;
using namespace firmnet::generators;

namespace {

const StringColumn& text(const TruthTable& t, const std::string& name) {
  return std::get<StringColumn>(t.column(name).values);
}

// Points in three clumps plus scattered ones around (31.5, 120.3), with log-normal masses,
// then a heavy point far away with one light neighbour 10 km off, then a lone point.
struct PointSet {
  std::vector<double> lat, lon, mass;
  void add(double la, double lo, double m) { lat.push_back(la), lon.push_back(lo), mass.push_back(m); }
};

PointSet test_points() {
  PointSet s;
  Rng rng(11);
  const double clumps[3][2] = {{31.50, 120.30}, {31.53, 120.33}, {31.45, 120.36}};
  for (int i = 0; i < 450; ++i) {
    const auto& c = clumps[i % 3];
    s.add(c[0] + rng.normal(0, 0.004), c[1] + rng.normal(0, 0.004), rng.lognormal(0, 1));
  }
  for (int i = 0; i < 150; ++i) s.add(rng.uniform(31.35, 31.65), rng.uniform(120.15, 120.45), rng.lognormal(0, 1));
  s.add(32.50, 121.50, 1e6);   // 600: heavy, its only partner 10 km north
  s.add(32.59, 121.50, 1e-3);  // 601
  s.add(33.50, 122.50, 1.0);   // 602: nobody within the cutoff
  return s;
}

// Chi-square statistic of observed partner counts against the exact law, pooling categories
// with expected count below 5; returns {statistic, degrees of freedom}.
std::pair<double, int> chi_square(const std::vector<std::uint64_t>& observed, const std::vector<double>& p,
                                  std::uint64_t draws) {
  double statistic = 0, pooled_expected = 0, pooled_observed = 0;
  int cells = 0;
  for (std::size_t j = 0; j < p.size(); ++j) {
    const double expected = p[j] * static_cast<double>(draws);
    if (expected < 5) {
      pooled_expected += expected;
      pooled_observed += static_cast<double>(observed[j]);
      if (p[j] == 0 && observed[j] > 0) statistic += 1e9;  // drawn although impossible
      continue;
    }
    statistic += std::pow(static_cast<double>(observed[j]) - expected, 2) / expected;
    ++cells;
  }
  if (pooled_expected > 0) {
    statistic += std::pow(pooled_observed - pooled_expected, 2) / pooled_expected;
    ++cells;
  }
  return {statistic, cells - 1};
}

// Conditional maximum-likelihood decay length from background draws with known drawers:
// maximises sum_k log P_lambda(partner_k | drawer_k) with P_lambda(j | i) ~ m_j exp(-d_ij /
// lambda) over j != i within the cutoff, by bisection on the score equation
// sum_k d_k = sum_k E_lambda[d | drawer_k]. Distances by brute force over all pairs.
double fit_decay(const GravityWorld& world, double activity_exponent, double cutoff_km) {
  const Graph& g = world.network.graph;
  const std::int32_t study = g.nodes.region.code_of("study-region");
  std::vector<NodeId> firms;
  for (NodeId u = 0; u < g.node_count(); ++u)
    if (g.nodes.kind[u] == NodeKind::firm && g.nodes.region.codes[u] == study) firms.push_back(u);
  std::map<NodeId, std::uint64_t> draws_by;
  double observed_sum = 0;
  for (std::size_t k = 0; k < world.background_drawer.size(); ++k) {
    const NodeId i = world.background_drawer[k], j = world.background_partner[k];
    ++draws_by[i];
    observed_sum += haversine_km(world.lat[i], world.lon[i], world.lat[j], world.lon[j]);
  }
  // Per drawer: (distance, mass) of every candidate within the cutoff.
  std::vector<std::pair<std::uint64_t, std::vector<std::pair<float, float>>>> candidates;
  for (const auto& [i, count] : draws_by) {
    std::vector<std::pair<float, float>> list;
    for (NodeId j : firms) {
      if (j == i) continue;
      const double d = haversine_km(world.lat[i], world.lon[i], world.lat[j], world.lon[j]);
      if (d <= cutoff_km)
        list.emplace_back(static_cast<float>(d), static_cast<float>(std::pow(g.nodes.employees[j], activity_exponent)));
    }
    candidates.emplace_back(count, std::move(list));
  }
  auto expected_sum = [&](double lambda) {
    double sum = 0;
    for (const auto& [count, list] : candidates) {
      double z = 0, zd = 0;
      for (const auto& [d, m] : list) {
        const double w = m * std::exp(-d / lambda);
        z += w;
        zd += w * d;
      }
      sum += static_cast<double>(count) * zd / z;
    }
    return sum;
  };
  double lo = 0.05, hi = 200;
  for (int step = 0; step < 30; ++step) {
    const double mid = std::sqrt(lo * hi);
    (expected_sum(mid) < observed_sum ? lo : hi) = mid;
  }
  return std::sqrt(lo * hi);
}

// Evidence of METHODS.md per park: internal firm->firm links and how many join different stages.
struct ParkLinks {
  std::uint64_t internal = 0, vertical = 0, staged = 0;
};

std::map<std::string, ParkLinks> park_links(const Graph& g) {
  std::map<std::string, ParkLinks> out;
  for (NodeId u = 0; u < g.node_count(); ++u)
    for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e) {
      const NodeId v = g.out_target[e];
      if (g.nodes.park.missing(u) || g.nodes.park.codes[u] != g.nodes.park.codes[v]) continue;
      if (g.nodes.kind[u] != NodeKind::firm || g.nodes.kind[v] != NodeKind::firm) continue;
      ParkLinks& p = out[std::string(g.nodes.park.value(u))];
      ++p.internal;
      if (g.nodes.stage.missing(u) || g.nodes.stage.missing(v)) continue;
      ++p.staged;
      p.vertical += g.nodes.stage.codes[u] != g.nodes.stage.codes[v];
    }
  return out;
}

std::map<std::string, std::string> park_verdicts(const GeneratedNetwork& net) {
  const TruthTable& parks = net.truth_table("parks");
  std::map<std::string, std::string> out;
  for (std::size_t r = 0; r < text(parks, "park").size(); ++r)
    out[std::string(text(parks, "park").value(r))] = std::string(text(parks, "verdict").value(r));
  return out;
}

}  // namespace

TEST_CASE("distance decay sampler: draws follow the exact law on any thread count", "[generators]") {
  const PointSet s = test_points();
  const DistanceDecayKernel kernel{2.0, 16.0};
  std::vector<std::uint32_t> counts(s.lat.size(), 0);
  const std::uint32_t many = 60000;
  counts[0] = counts[1] = counts[500] = many;  // a clump firm of each clump's region, a scattered firm
  counts[600] = 50;
  counts[601] = 50;
  counts[602] = 5;
  for (std::size_t i = 2; i < 450; i += 7) counts[i] = 3;

  auto draw = [&] { return draw_distance_decay_partners(s.lat, s.lon, s.mass, counts, kernel, 99); };
  const PartnerDraws one = test::on_threads(1, draw), two = test::on_threads(2, draw);
  CHECK(one.drawer == two.drawer);
  CHECK(one.partner == two.partner);
  CHECK(verify_distance_decay_draws(s.lat, s.lon, s.mass, counts, kernel, one).empty());

  std::map<std::uint32_t, std::vector<std::uint64_t>> observed;
  for (std::uint32_t i : {0u, 1u, 500u, 600u, 601u, 602u}) observed[i].assign(s.lat.size(), 0);
  for (std::size_t k = 0; k < one.drawer.size(); ++k)
    if (observed.count(one.drawer[k])) ++observed[one.drawer[k]][one.partner[k]];
  for (std::uint32_t i : {0u, 1u, 500u}) {
    const std::vector<double> p = distance_decay_probabilities(s.lat, s.lon, s.mass, kernel, i);
    const auto [statistic, dof] = chi_square(observed[i], p, many);
    INFO("drawer " << i << ": chi-square " << statistic << " on " << dof << " degrees of freedom");
    REQUIRE(dof > 20);
    CHECK(statistic < dof + 6 * std::sqrt(2.0 * dof));
  }
  // The heavy point outweighs its neighbourhood a billion times: the exact fallback gives its
  // one partner every draw; the light point's only partner is the heavy one; the lone point
  // gets none.
  CHECK(observed[600][601] == 50);
  CHECK(observed[601][600] == 50);
  CHECK(std::count(one.drawer.begin(), one.drawer.end(), 602u) == 0);

  // A biased draw is caught: the verifier flags a partner beyond the cutoff and a missing draw.
  PartnerDraws wrong = one;
  wrong.partner[0] = 602;
  CHECK(verify_distance_decay_draws(s.lat, s.lon, s.mass, counts, kernel, wrong).size() == 1);
  wrong = one;
  wrong.drawer.pop_back();
  wrong.partner.pop_back();
  CHECK(!verify_distance_decay_draws(s.lat, s.lon, s.mass, counts, kernel, wrong).empty());
  CHECK_THROWS_AS(draw_distance_decay_partners(s.lat, s.lon, s.mass, counts, {0.0, 1.0}, 1), UsageError);

  // Points over much of the globe: the planar bound degenerates and the grid covers everything.
  PointSet world;
  Rng rng(5);
  for (int i = 0; i < 80; ++i) world.add(rng.uniform(-60, 60), rng.uniform(-170, 170), rng.lognormal(0, 1));
  const DistanceDecayKernel wide{2000.0, 9000.0};
  std::vector<std::uint32_t> world_counts(world.lat.size(), 0);
  world_counts[0] = 40000;
  const PartnerDraws far = draw_distance_decay_partners(world.lat, world.lon, world.mass, world_counts, wide, 3);
  CHECK(verify_distance_decay_draws(world.lat, world.lon, world.mass, world_counts, wide, far).empty());
  std::vector<std::uint64_t> far_observed(world.lat.size(), 0);
  for (std::uint32_t j : far.partner) ++far_observed[j];
  const auto [far_statistic, far_dof] =
      chi_square(far_observed, distance_decay_probabilities(world.lat, world.lon, world.mass, wide, 0), 40000);
  REQUIRE(far_dof > 10);
  CHECK(far_statistic < far_dof + 6 * std::sqrt(2.0 * far_dof));
}

TEST_CASE("gravity: maximum likelihood recovers the decay length of background trade", "[generators]") {
  for (double lambda : {2.0, 5.0, 10.0}) {
    GravityParameters p;
    p.firms_per_park = 60;
    p.town_firms = 1200;
    p.decay_km = lambda;
    p.seed = 3;
    const GravityWorld world = generate_gravity_world(p);
    REQUIRE(world.background_drawer.size() > 2000);
    const double fitted = fit_decay(world, p.activity_exponent, kGravityCutoffDecays * lambda);
    INFO("lambda " << lambda << " km, fitted " << fitted << " km");
    CHECK(std::abs(fitted - lambda) < 0.25 * lambda);  // the brief's tolerance
    CHECK(std::abs(fitted - lambda) < 0.10 * lambda);  // what 2,500 draws actually give
    CHECK(std::get<Float64Column>(world.network.truth_table("world").column("decay_km").values)[0] == lambda);
  }
}

TEST_CASE("gravity: co-location parks trade internally by proximity and chain clusters vertically", "[generators]") {
  const GravityParameters p;
  const GravityWorld world = generate_gravity_world(p);
  const Graph& g = world.network.graph;
  const auto verdict = park_verdicts(world.network);
  const std::int32_t study = g.nodes.region.code_of("study-region");
  std::uint64_t region_firms = 0;
  for (NodeId u = 0; u < g.node_count(); ++u) region_firms += g.nodes.kind[u] == NodeKind::firm && g.nodes.region.codes[u] == study;

  // Background draws made by each park's firms, and those landing in the same park.
  std::map<std::string, std::uint64_t> drawn, drawn_inside;
  for (std::size_t k = 0; k < world.background_drawer.size(); ++k) {
    const NodeId i = world.background_drawer[k], j = world.background_partner[k];
    if (g.nodes.park.missing(i)) continue;
    const std::string park(g.nodes.park.value(i));
    ++drawn[park];
    drawn_inside[park] += g.nodes.park.codes[j] == g.nodes.park.codes[i];
  }
  // The degree null of METHODS.md, analytically: E[e_U] = sum_t (kout_U^t kin_U^t - sum_i kout_i^t kin_i^t) / m_t.
  std::map<std::string, std::map<RelationType, double>> out_t, in_t, self_t;
  std::map<RelationType, double> m_t;
  std::vector<std::map<RelationType, double>> kout(g.node_count()), kin(g.node_count());
  for (NodeId u = 0; u < g.node_count(); ++u)
    for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e) {
      ++kout[u][g.edges.type[e]];
      ++kin[g.out_target[e]][g.edges.type[e]];
      ++m_t[g.edges.type[e]];
    }
  for (NodeId u = 0; u < g.node_count(); ++u) {
    if (g.nodes.park.missing(u)) continue;
    const std::string park(g.nodes.park.value(u));
    for (auto [t, k] : kout[u]) out_t[park][t] += k, self_t[park][t] += k * kin[u][t];
    for (auto [t, k] : kin[u]) in_t[park][t] += k;
  }
  const auto links = park_links(g);

  int colocation = 0, chains = 0;
  std::uint64_t colocation_vertical = 0, colocation_staged = 0;
  for (const auto& [park, kind] : verdict) {
    const ParkLinks& l = links.count(park) ? links.at(park) : ParkLinks{};
    INFO(park << " (" << kind << "): " << l.internal << " internal links, " << l.vertical << " of " << l.staged
              << " vertical");
    if (kind == "co-location only") {
      ++colocation;
      const double uniform = static_cast<double>(drawn[park]) * (p.firms_per_park - 1) / (region_firms - 1);
      double degree_null = 0;
      for (auto [t, m] : m_t) degree_null += (out_t[park][t] * in_t[park][t] - self_t[park][t]) / m;
      INFO("draws " << drawn[park] << ", inside " << drawn_inside[park] << ", uniform expectation " << uniform
                    << ", degree-null expectation " << degree_null);
      CHECK(drawn_inside[park] >= 5 * uniform);
      CHECK(l.internal >= 5 * degree_null);
      colocation_vertical += l.vertical;
      colocation_staged += l.staged;
    } else if (kind == "linked cluster" || kind == "part of a wider cluster") {
      ++chains;
      REQUIRE(l.staged > 50);
      CHECK(static_cast<double>(l.vertical) / l.staged > 0.75);
    }
  }
  CHECK(colocation == p.colocation_parks);
  CHECK(chains == p.linked_clusters + p.spanning_clusters * p.parks_per_spanning);
  REQUIRE(colocation_staged > 60);
  CHECK(static_cast<double>(colocation_vertical) / colocation_staged < 0.4);
}

TEST_CASE("gravity: towns host several compact parks and export parks trade outside", "[generators]") {
  const GravityParameters p;
  const GravityWorld world = generate_gravity_world(p);
  const Graph& g = world.network.graph;
  CHECK(verify_gravity_world(world, p).empty());
  const TruthTable& parks = world.network.truth_table("parks");
  std::map<std::string, std::set<std::string>> kinds_in_town;
  for (std::size_t r = 0; r < text(parks, "park").size(); ++r)
    kinds_in_town[std::string(text(parks, "town").value(r))].insert(std::string(text(parks, "verdict").value(r)));
  std::map<std::string, int> parks_in_town;
  for (std::size_t r = 0; r < text(parks, "park").size(); ++r) ++parks_in_town[std::string(text(parks, "town").value(r))];
  CHECK(std::count_if(parks_in_town.begin(), parks_in_town.end(), [](const auto& t) { return t.second >= 2; }) >= 3);
  // The hard case: a co-location park in a town that also hosts a cluster park.
  CHECK(std::any_of(kinds_in_town.begin(), kinds_in_town.end(), [](const auto& t) {
    return t.second.count("co-location only") && (t.second.count("linked cluster") || t.second.count("part of a wider cluster"));
  }));

  // Parks are a few hundred metres across; parks of one town 1.5-6 km apart, towns farther.
  std::map<std::string, std::vector<NodeId>> members;
  for (NodeId u = 0; u < g.node_count(); ++u)
    if (!g.nodes.park.missing(u)) members[std::string(g.nodes.park.value(u))].push_back(u);
  std::map<std::string, std::pair<double, double>> centre;
  for (const auto& [park, nodes] : members) {
    double lat = 0, lon = 0;
    for (NodeId u : nodes) lat += world.lat[u], lon += world.lon[u];
    centre[park] = {lat / nodes.size(), lon / nodes.size()};
    std::vector<double> d;
    for (NodeId u : nodes) d.push_back(haversine_km(centre[park].first, centre[park].second, world.lat[u], world.lon[u]));
    std::sort(d.begin(), d.end());
    if (nodes.size() >= 10) CHECK(d[d.size() / 2] < 0.3);
    CHECK(d.back() < 1.0);
  }
  const auto town = [&](const std::string& park) {
    return std::string(std::get<StringColumn>(g.nodes.extra[0].values).value(members.at(park).front()));
  };
  for (const auto& [a, ca] : centre)
    for (const auto& [b, cb] : centre) {
      if (a >= b) continue;
      const double d = haversine_km(ca.first, ca.second, cb.first, cb.second);
      INFO(a << " " << b << " " << d << " km");
      if (town(a) == town(b)) {
        CHECK(d > 1.2);
        CHECK(d < 6.5);
      } else {
        CHECK(d > p.town_spacing_km - 2 * 3.3);
      }
    }

  // Export parks: most link ends leave the region; other parks' rarely do.
  const auto verdict = park_verdicts(world.network);
  const std::int32_t outside = g.nodes.region.code_of("outside");
  std::map<std::string, std::uint64_t> ends, leaving;
  for (NodeId u = 0; u < g.node_count(); ++u)
    for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e)
      for (auto [w, other] : {std::pair{u, g.out_target[e]}, std::pair{g.out_target[e], u}}) {
        if (g.nodes.park.missing(w)) continue;
        const std::string& kind = verdict.at(std::string(g.nodes.park.value(w)));
        ++ends[kind];
        leaving[kind] += g.nodes.region.codes[other] == outside;
      }
  CHECK(static_cast<double>(leaving["externally oriented"]) / ends["externally oriented"] > 0.6);
  CHECK(leaving["co-location only"] == 0);
  CHECK(leaving["linked cluster"] == 0);

  // Heavy tails, and background activity proportional to size^beta.
  std::vector<double> employees;
  for (NodeId u = 0; u < g.node_count(); ++u)
    if (g.nodes.kind[u] == NodeKind::firm) employees.push_back(g.nodes.employees[u]);
  std::sort(employees.begin(), employees.end());
  CHECK(employees.back() / employees[employees.size() / 2] > 20);
}

TEST_CASE("gravity: missing coordinates and panel years and truth agree with the parameters", "[generators]") {
  GravityParameters p;
  p.firms_per_park = 40;
  p.town_firms = 600;
  p.missing_coordinates = 0.2;
  p.first_year = 2018;
  p.last_year = 2022;
  const GravityWorld world = generate_gravity_world(p);
  const Graph& g = world.network.graph;
  CHECK(verify_gravity_world(world, p).empty());
  std::int64_t region_firms = 0, without = 0;
  for (NodeId u = 0; u < g.node_count(); ++u) {
    if (g.nodes.kind[u] != NodeKind::firm || g.nodes.region.value(u) != "study-region") continue;
    ++region_firms;
    without += std::isnan(g.nodes.lat[u]);
  }
  CHECK(without == std::llround(0.2 * region_firms));
  CHECK(std::get<Int64Column>(world.network.truth_table("world").column("firms_without_coordinates").values)[0] == without);
  std::set<int> years;
  for (NodeId u = 0; u < g.node_count(); ++u)
    for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e) {
      const int year = g.edges.year[e];
      years.insert(year);
      CHECK(year >= std::max(g.nodes.founded[u], g.nodes.founded[g.out_target[e]]));
    }
  CHECK(years == std::set<int>{2018, 2019, 2020, 2021, 2022});
  for (NodeId u = 0; u < g.node_count(); ++u) CHECK(g.nodes.founded[u] <= 2022);

  // The verifier catches a link dated before the panel.
  GravityWorld broken = world;
  broken.links[0].year = 2017;
  CHECK(verify_gravity_world(broken, p).size() == 1);

  // Default: undated links, 3% of the region's firms without coordinates.
  const GravityParameters defaults;
  const GravityWorld plain = generate_gravity_world(defaults);
  CHECK(verify_gravity_world(plain, defaults).empty());
  CHECK(std::all_of(plain.network.graph.edges.year.begin(), plain.network.graph.edges.year.end(),
                    [](std::int16_t y) { return y == kNoYear; }));
  const auto& role = text(plain.network.truth_table("nodes"), "role");
  std::int64_t firms = 0, hidden = 0;
  for (NodeId u = 0; u < plain.network.graph.node_count(); ++u) {
    if (role.value(u) == "institution" || role.value(u) == "outside_buyer") continue;
    ++firms;
    hidden += std::isnan(plain.network.graph.nodes.lon[u]);
  }
  CHECK(hidden == std::llround(0.03 * firms));
}

TEST_CASE("gravity: same seed gives the same world on 1 and 2 threads and bad parameters are refused", "[generators]") {
  GravityParameters p;
  p.seed = 7;
  p.firms_per_park = 50;
  p.town_firms = 800;
  const GravityWorld one = test::on_threads(1, [&] { return generate_gravity_world(p); });
  const GravityWorld two = test::on_threads(2, [&] { return generate_gravity_world(p); });
  CHECK(one.network.graph.fingerprint() == two.network.graph.fingerprint());
  CHECK(one.lat == two.lat);
  CHECK(one.background_partner == two.background_partner);
  CHECK(one.network.graph.nodes.employees == two.network.graph.nodes.employees);
  CHECK(std::get<StringColumn>(one.network.truth_table("nodes").column("role").values).codes ==
        std::get<StringColumn>(two.network.truth_table("nodes").column("role").values).codes);
  p.seed = 8;
  CHECK(generate_gravity(p).graph.fingerprint() != one.network.graph.fingerprint());

  for (auto change : std::vector<void (*)(GravityParameters&)>{
           [](GravityParameters& b) { b.decay_km = 0; },
           [](GravityParameters& b) { b.towns = 2; },  // 10 parks do not fit in 2 towns
           [](GravityParameters& b) { b.missing_coordinates = 1; },
           [](GravityParameters& b) { b.first_year = 2018; },  // no last year
           [](GravityParameters& b) { b.unrelated_share = -0.1; },
           [](GravityParameters& b) { b.firms_per_park = 5; },
       }) {
    GravityParameters bad;
    change(bad);
    CHECK_THROWS_AS(generate_gravity(bad), UsageError);
  }
}

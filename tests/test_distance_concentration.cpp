// Distance-based concentration (Duranton-Overman K-density, Marcon-Puech M, the simulation
// envelope) and Ellison-Glaeser against external unit totals: hand-computed examples with the
// arithmetic in comments, the kernels' verifiers, planted localisation in a generated world,
// thread-count invariance, and the totals file reader's errors.
#include <catch2/catch.hpp>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#include "algorithms/spatial/concentration.hpp"
#include "algorithms/spatial/concentration_data.hpp"
#include "algorithms/spatial/concentration_verifier.hpp"
#include "algorithms/spatial/distance_concentration_verifier.hpp"
#include "algorithms/spatial/distance_sites.hpp"
#include "algorithms/spatial/duranton_overman.hpp"
#include "algorithms/spatial/duranton_overman_verifier.hpp"
#include "algorithms/spatial/ellison_glaeser.hpp"
#include "algorithms/spatial/location_quotient.hpp"
#include "algorithms/spatial/marcon_puech.hpp"
#include "algorithms/spatial/marcon_puech_verifier.hpp"
#include "algorithms/spatial/simulation_envelope.hpp"
#include "algorithms/spatial/simulation_envelope_verifier.hpp"
#include "graph/errors.hpp"
#include "graph/geo_distance.hpp"
#include "graph/random.hpp"
#include "io/unit_totals.hpp"
#include "results/concentration_result.hpp"
#include "test_support.hpp"

using namespace firmnet;
using namespace firmnet::spatial;

namespace {

struct Firm {
  std::string industry;
  double lat = NAN, lon = NAN, employees = NAN;
  std::string region = "";
};

NodeTable node_table(const std::vector<Firm>& firms) {
  NodeTable nodes;
  StringColumnBuilder industry, region, blank;
  for (std::size_t v = 0; v < firms.size(); ++v) {
    nodes.id.push_back("f" + std::to_string(v));
    nodes.name.push_back("");
    nodes.kind.push_back(NodeKind::firm);
    if (firms[v].industry.empty())
      industry.push_missing();
    else
      industry.push_back(firms[v].industry);
    if (firms[v].region.empty())
      region.push_missing();
    else
      region.push_back(firms[v].region);
    blank.push_missing();
    nodes.lat.push_back(firms[v].lat);
    nodes.lon.push_back(firms[v].lon);
    nodes.employees.push_back(firms[v].employees);
  }
  const std::size_t n = firms.size();
  nodes.industry = std::move(industry).finish();
  nodes.region = std::move(region).finish();
  StringColumn none = std::move(blank).finish();
  nodes.park = nodes.stage = nodes.ownership = none;
  nodes.revenue.assign(n, NAN);
  nodes.founded.assign(n, 0);
  nodes.closed.assign(n, 0);
  return nodes;
}

// A firm on the equator `km` kilometres east of longitude 0: the great-circle distance
// between two such firms is exactly the difference of their km.
Firm on_equator(std::string industry, double km, double employees = NAN) {
  return {std::move(industry), 0.0, km / kEarthRadiusKm * 180.0 / std::numbers::pi, employees};
}

double phi(double u) { return std::exp(-u * u / 2) / std::sqrt(2 * std::numbers::pi); }

DistanceGrid grid_of(double max_km, std::size_t points) {
  DistanceGrid grid;
  grid.max_km = max_km;
  grid.points = points;
  grid.step_km = max_km / static_cast<double>(points - 1);
  return grid;
}

}  // namespace

TEST_CASE("Silverman bandwidth by hand", "[concentration][distance]") {
  // {1, 2, 3}: sd = 1; quartiles at positions 0.5 and 1.5: 1.5 and 2.5, IQR / 1.34 = 0.74627;
  // h = 0.9 * 0.74627 * 3^(-1/5).
  const std::vector<double> three{3, 1, 2};
  CHECK(silverman_bandwidth(three) == Approx(0.9 * (1.0 / 1.34) * std::pow(3.0, -0.2)).epsilon(1e-14));
  // {1, 1, 1, 4}: mean 1.75, sum of squares 3 * 0.5625 + 5.0625 = 6.75, sd = sqrt(6.75 / 3) = 1.5;
  // quartiles at positions 0.75 and 2.25: 1 and 1 + 0.25 * 3 = 1.75, IQR / 1.34 = 0.55970.
  const std::vector<double> four{1, 4, 1, 1};
  CHECK(silverman_bandwidth(four) == Approx(0.9 * (0.75 / 1.34) * std::pow(4.0, -0.2)).epsilon(1e-14));
  // {2, 2, 2, 2, 6}: quartiles at positions 1 and 3 are both 2, IQR 0, so sd is used: mean 2.8,
  // squares 4 * 0.64 + 10.24 = 12.8, sd = sqrt(12.8 / 4) = 1.78885.
  const std::vector<double> flat{2, 2, 2, 2, 6};
  CHECK(silverman_bandwidth(flat) == Approx(0.9 * std::sqrt(3.2) * std::pow(5.0, -0.2)).epsilon(1e-14));
  const std::vector<double> equal{5, 5, 5}, one{5};
  CHECK(silverman_bandwidth(equal) == 0.0);
  CHECK(silverman_bandwidth(one) == 0.0);
}

TEST_CASE("K-density of three distances by hand", "[concentration][distance]") {
  // Pairs at 1, 2 and 3 km, h = 1, grid 0..4 km at 1 km. With the reflection,
  //   K(d) = 1 / (3 h) * sum_p [phi(d - d_p) + phi(d + d_p)].
  const std::vector<double> distances{1, 2, 3};
  const DistanceGrid grid = grid_of(4, 5);
  std::vector<double> k(5);
  k_density(distances, {}, 1.0, grid, k);
  // K(0) = (2/3) (phi(1) + phi(2) + phi(3)) = (2/3)(0.2419707 + 0.0539910 + 0.0044318) = 0.2002624
  CHECK(k[0] == Approx(2.0 / 3.0 * (phi(1) + phi(2) + phi(3))).epsilon(1e-12));
  CHECK(k[0] == Approx(0.2002623596).epsilon(1e-9));
  // K(2) = (1/3)(phi(1) + phi(0) + phi(1) + phi(3) + phi(4) + phi(5))
  CHECK(k[2] == Approx((2 * phi(1) + phi(0) + phi(3) + phi(4) + phi(5)) / 3).epsilon(1e-12));
  // K(4) = (1/3)(phi(3) + phi(2) + phi(1) + phi(5) + phi(6) + phi(7))
  CHECK(k[4] == Approx((phi(3) + phi(2) + phi(1) + phi(5) + phi(6) + phi(7)) / 3).epsilon(1e-12));
  CHECK(verify_k_density(distances, {}, 1.0, grid, k).ok());

  // DO's employment-weighted K: firms of 1, 2 and 3 employees at 0, 1 and 3 km give pairs
  // (1 km, 1*2), (3 km, 1*3), (2 km, 2*3): weights 2, 3, 6, total 11.
  const std::vector<double> weighted_distances{1, 3, 2}, weights{2, 3, 6};
  k_density(weighted_distances, weights, 1.0, grid, k);
  CHECK(k[0] == Approx((2 * 2 * phi(1) + 3 * 2 * phi(3) + 6 * 2 * phi(2)) / 11).epsilon(1e-12));
  CHECK(k[1] == Approx((2 * (phi(0) + phi(2)) + 3 * (phi(2) + phi(4)) + 6 * (phi(1) + phi(3))) / 11).epsilon(1e-12));
  CHECK(verify_k_density(weighted_distances, weights, 1.0, grid, k).ok());

  // The verifier notices a wrong value.
  k[3] *= 1.01;
  CHECK(verify_k_density(weighted_distances, weights, 1.0, grid, k).violations.size() == 1);
}

TEST_CASE("K-density of four firms from coordinates", "[concentration][distance]") {
  // Firms at 0, 1, 3 and 6 km along the equator: distances 1, 3, 6, 2, 5, 3.
  // Sorted 1 2 3 3 5 6: mean 10/3, squares 49/9 + 16/9 + 1/9 + 1/9 + 25/9 + 64/9 = 156/9, sd =
  // sqrt(156 / 45) = 1.86190; quartiles at positions 1.25 and 3.75: 2.25 and 3 + 0.75 * 2 = 4.5,
  // IQR / 1.34 = 1.67910 < sd, so h = 0.9 * 1.67910 * 6^(-1/5) = 1.05606.
  const NodeTable nodes = node_table({on_equator("A", 0), on_equator("A", 1), on_equator("A", 3), on_equator("A", 6)});
  const DistanceSites sites = build_distance_sites(nodes, 0, false);
  REQUIRE(sites.size() == 4);
  CHECK(sites.distance_km(0, 3) == Approx(6).epsilon(1e-12));
  CHECK(sites.distance_km(1, 2) == Approx(haversine_km(sites.lat[1], sites.lon[1], sites.lat[2], sites.lon[2])).epsilon(1e-12));
  const DistanceGrid grid = make_distance_grid(sites, 6, 7, 1);
  DurantonOvermanRequest request;
  request.min_firms = 4;
  request.simulations = 0;
  const DurantonOvermanOutcome out = run_duranton_overman(sites, grid, request);
  REQUIRE(out.industries.size() == 1);
  const DurantonOvermanCurve& curve = out.industries[0];
  const double h = 0.9 * (2.25 / 1.34) * std::pow(6.0, -0.2);
  CHECK(curve.bandwidth_km == Approx(h).epsilon(1e-9));
  const std::vector<double> d{1, 3, 6, 2, 5, 3};
  for (std::size_t g = 0; g < grid.points; ++g) {
    const double at = static_cast<double>(g);
    double sum = 0;
    for (double x : d) sum += phi((at - x) / h) + phi((at + x) / h);
    CHECK(curve.k[g] == Approx(sum / (6 * h)).epsilon(1e-9));
  }
  CHECK(std::isnan(curve.localisation));  // no simulations, no bands
  CHECK(std::isnan(curve.envelope.global_upper[0]));

  // Default grid: the median of the six distances, (3 + 3) / 2 = 3 km.
  CHECK(make_distance_grid(sites, 0, 4, 1).max_km == Approx(3).epsilon(1e-12));
}

TEST_CASE("K-density integrates to 1 on random distances", "[concentration][distance]") {
  Rng rng(11);
  std::vector<double> distances(300), weights(300);
  for (std::size_t p = 0; p < distances.size(); ++p) {
    distances[p] = rng.uniform() < 0.3 ? rng.uniform(0, 2) : rng.uniform(0, 80);
    weights[p] = rng.uniform(0.5, 20);
  }
  const double h = silverman_bandwidth(distances);
  const DistanceGrid grid = grid_of(100, 201);
  std::vector<double> k(grid.points);
  k_density(distances, weights, h, grid, k);
  CHECK(verify_k_density(distances, weights, h, grid, k).ok());
  k_density(distances, {}, h, grid, k);
  CHECK(verify_k_density(distances, {}, h, grid, k).ok());
}

TEST_CASE("Simulation envelope by hand", "[concentration][distance]") {
  // Six simulations over two points, alpha 1/3: at most floor(6/3) = 2 may hit a global band.
  //   s0 (6, 6)  s1 (5, 5)  s2 (1, 4)  s3 (4, 1)  s4 (3, 2)  s5 (2, 3)
  // From the top, point 0: 6 5 4 3 2 1 (s0 s1 s3 s4 s5 s2); point 1: 6 5 4 3 2 1 (s0 s1 s2 s5 s4 s3).
  // Local bands (rank 2 from each end): upper (4, 4), lower (3, 3).
  // Global upper: rank 0, band (6, 6), hit by s0; rank 1, band (5, 5), hit by s0 and s1 (2, allowed);
  //   rank 2, band (4, 4), hit by s0, s1, s3 (point 0) and s2 (point 1): 4. So rank 1.
  // Global lower: rank 0, band (1, 1), hit by s2 and s3 (2); rank 1, band (2, 2), hit by s2, s5, s3
  //   and s4: 4. So rank 0.
  const std::vector<double> curves{6, 6, 5, 5, 1, 4, 4, 1, 3, 2, 2, 3};
  const Envelope e = simulation_envelope(curves, 6, 2, 1.0 / 3.0);
  CHECK(e.local_upper == std::vector<double>{4, 4});
  CHECK(e.local_lower == std::vector<double>{3, 3});
  CHECK(e.global_upper == std::vector<double>{5, 5});
  CHECK(e.global_lower == std::vector<double>{1, 1});
  CHECK(e.upper_rank == 1);
  CHECK(e.lower_rank == 0);
  CHECK(e.upper_hits == 2);
  CHECK(e.lower_hits == 2);
  CHECK(e.upper_level == Approx(5.0 / 6.0));
  CHECK(e.lower_level == 0.0);
  CHECK(verify_envelope(curves, 6, 2, 1.0 / 3.0, e).ok());

  // With alpha 1/6 (at most 1 hit) the lower extreme (1, 1), hit by s2 and s3, is too narrow
  // already: the band stays at the extreme and says how many hit it.
  const Envelope few = simulation_envelope(curves, 6, 2, 1.0 / 6.0);
  CHECK(few.lower_rank == 0);
  CHECK(few.lower_hits == 2);
  CHECK(few.upper_rank == 0);
  CHECK(few.upper_hits == 1);
  CHECK(verify_envelope(curves, 6, 2, 1.0 / 6.0, few).ok());

  // On smooth random curves (like K, correlated from one distance to the next) the verifier's
  // recount agrees, and it notices a wrong band.
  Rng rng(5);
  std::vector<double> random_curves(200 * 30);
  for (std::size_t s = 0; s < 200; ++s) {
    const double level = rng.normal(), slope = rng.normal();
    for (std::size_t d = 0; d < 30; ++d)
      random_curves[s * 30 + d] = level + slope * static_cast<double>(d) / 30 + 0.05 * rng.normal();
  }
  Envelope r = simulation_envelope(random_curves, 200, 30, 0.05);
  CHECK(verify_envelope(random_curves, 200, 30, 0.05, r).ok());
  CHECK(r.upper_hits <= 10);
  CHECK(r.upper_rank > 0);
  CHECK(r.upper_level > 0.95);  // the global band lies beyond the local 95th percentile
  r.global_upper[7] = r.local_upper[7];
  CHECK_FALSE(verify_envelope(random_curves, 200, 30, 0.05, r).ok());
}

TEST_CASE("Marcon-Puech M by hand", "[concentration][distance]") {
  // Along the equator: A at 0 and 0.6 km, B at 1.7 and 9.4 km; radii 1..10 km.
  // Distances: a0-a1 0.6, a0-b0 1.7, a0-b1 9.4, a1-b0 1.1, a1-b1 8.8, b0-b1 7.7.
  // Unweighted, each centre's global share is (2 - 1) / (4 - 1) = 1/3.
  // A: a0's A-share within r: 1 (r = 1), 1/2 (r = 2..9: a1, b0), 1/3 (r = 10);
  //    a1's: 1 (r = 1), 1/2 (r = 2..8), 1/3 (r = 9, 10: b1 at 8.8).
  //    M = (sum of shares) / (2/3): 3, 1.5 (r = 2..8), (1/2 + 1/3) * 3/2 = 1.25 (r = 9), 1 (r = 10).
  // B: b0 has no neighbour within 1 km (left out), then A-only neighbours: share 0 (r = 2..7),
  //    1/3 (r >= 8: b1 at 7.7); b1 has no neighbour below 7.7 km, then 1 (r = 8), 1/2 (r = 9),
  //    1/3 (r = 10). M: NaN (r = 1), 0 / (1/3) = 0 (r = 2..7), (1/3 + 1) * 3/2 = 2 (r = 8),
  //    (1/3 + 1/2) * 3/2 = 1.25 (r = 9), 1 (r = 10).
  const NodeTable nodes = node_table({on_equator("A", 0, 1), on_equator("A", 0.6, 3), on_equator("B", 1.7, 2),
                                      on_equator("B", 9.4, 4)});
  const DistanceGrid grid = grid_of(10, 11);
  std::vector<double> radii;
  for (std::size_t k = 1; k < grid.points; ++k) radii.push_back(grid.at(k));
  const std::vector<std::uint32_t> a{0, 1}, b{2, 3};
  std::vector<double> bins, m(radii.size());

  const DistanceSites counts = build_distance_sites(nodes, 0, false);
  const NeighbourTable table = neighbour_table(counts, {0, 1, 2, 3}, radii);
  m_function(counts, table, a, a, bins, m);
  const std::vector<double> expected_a{3, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.25, 1};
  for (std::size_t k = 0; k < radii.size(); ++k) CHECK(m[k] == Approx(expected_a[k]).epsilon(1e-12));
  CHECK(verify_m_function(counts, table, a, a, m).ok());
  m_function(counts, table, b, b, bins, m);
  CHECK(std::isnan(m[0]));
  const std::vector<double> expected_b{NAN, 0, 0, 0, 0, 0, 0, 2, 1.25, 1};
  for (std::size_t k = 1; k < radii.size(); ++k) CHECK(m[k] == Approx(expected_b[k]).margin(1e-12));
  CHECK(verify_m_function(counts, table, b, b, m).ok());
  m[4] = 0.5;
  CHECK(verify_m_function(counts, table, b, b, m).violations.size() == 1);

  // Weighted (a0 1, a1 3, b0 2, b1 4 employees; W = 10, W_A = 4). Global shares: a0 (4-1)/(10-1)
  // = 1/3, a1 (4-3)/(10-3) = 1/7. r = 1: both see only each other, shares 3/3 and 1/1, M =
  // 2 / (1/3 + 1/7) = 4.2. r = 2: a0 sees a1 (3) and b0 (2): 3/5; a1 sees a0 (1) and b0 (2): 1/3;
  // M = (3/5 + 1/3) / (10/21) = 1.96.
  const DistanceSites weighted = build_distance_sites(nodes, 0, true);
  const NeighbourTable weighted_table = neighbour_table(weighted, {0, 1, 2, 3}, radii);
  m_function(weighted, weighted_table, a, a, bins, m);
  CHECK(m[0] == Approx(4.2).epsilon(1e-12));
  CHECK(m[1] == Approx(1.96).epsilon(1e-12));
  CHECK(verify_m_function(weighted, weighted_table, a, a, m).ok());

  // The whole pipeline gives the same curve.
  MarconPuechRequest request;
  request.min_firms = 2;
  request.simulations = 0;
  const MarconPuechOutcome out = run_marcon_puech(counts, grid, request);
  REQUIRE(out.industries.size() == 2);
  CHECK(out.radii == radii);
  for (std::size_t k = 0; k < radii.size(); ++k) CHECK(out.industries[0].m[k] == Approx(expected_a[k]).epsilon(1e-12));
}

namespace {

// A world of firms in a 60 x 60 km square near (31 N, 121 E): 300 filler firms (industry F) and
// 30 firms of UNI placed uniformly, and 30 firms of LOC within about 1 km of one point.
NodeTable planted_world(std::uint64_t seed) {
  Rng rng(seed);
  const double km_lat = 1 / 111.195, km_lon = 1 / (111.195 * std::cos(31.0 * std::numbers::pi / 180));
  auto uniform_firm = [&](std::string industry) {
    return Firm{std::move(industry), 31.0 + rng.uniform(0, 60) * km_lat, 121.0 + rng.uniform(0, 60) * km_lon,
                rng.uniform(5, 200)};
  };
  std::vector<Firm> firms;
  for (int k = 0; k < 300; ++k) firms.push_back(uniform_firm("F"));
  for (int k = 0; k < 30; ++k) firms.push_back(uniform_firm("UNI"));
  for (int k = 0; k < 30; ++k)
    firms.push_back({"LOC", 31.0 + (20 + rng.uniform(-0.7, 0.7)) * km_lat, 121.0 + (35 + rng.uniform(-0.7, 0.7)) * km_lon,
                     rng.uniform(5, 200)});
  return node_table(firms);
}

}  // namespace

TEST_CASE("Planted localisation: a clustered industry is localised, a uniform one is not",
          "[concentration][distance]") {
  const NodeTable nodes = planted_world(3);
  for (const bool weighted : {false, true}) {
    const DistanceSites sites = build_distance_sites(nodes, 0, weighted);
    const DistanceGrid grid = make_distance_grid(sites, 20, 41, 9);  // 0..20 km at 0.5 km
    DurantonOvermanRequest k_request;
    k_request.simulations = 199;
    k_request.max_firms = 40;  // F (300 firms) is represented by 40, LOC and UNI are whole
    k_request.seed = 21;
    const DurantonOvermanOutcome k = run_duranton_overman(sites, grid, k_request);
    REQUIRE(k.industries.size() == 3);  // F, LOC, UNI
    CHECK(k.industries[*sites.find_industry("F")].firms_used == 40);
    const DurantonOvermanCurve& loc = k.industries[*sites.find_industry("LOC")];
    const DurantonOvermanCurve& uni = k.industries[*sites.find_industry("UNI")];
    // LOC's pairs lie within 2 km: localised from 0 to at least 1 km, Gamma > 0, never dispersed.
    for (std::size_t g = 0; g <= 2; ++g) CHECK(loc.status[g] == DistanceStatus::localised);
    CHECK(loc.localisation > 0);
    CHECK(loc.dispersion == 0);
    CHECK(uni.localisation == 0);
    for (DistanceStatus s : uni.status) CHECK(s != DistanceStatus::localised);

    MarconPuechRequest m_request;
    m_request.simulations = 199;
    m_request.max_centres = 40;
    m_request.seed = 21;
    const MarconPuechOutcome m = run_marcon_puech(sites, grid, m_request);
    REQUIRE(m.industries.size() == 3);
    const MarconPuechCurve& m_loc = m.industries[*sites.find_industry("LOC")];
    const MarconPuechCurve& m_uni = m.industries[*sites.find_industry("UNI")];
    // From 1 km on (at 0.5 km some relabellings leave every centre without a neighbour: NaN bands).
    for (std::size_t r = 1; r < 4; ++r) CHECK(m_loc.status[r] == DistanceStatus::localised);
    CHECK(m_loc.m[1] > 5);  // within 1 km almost every neighbour of a LOC firm is LOC
    for (std::size_t r = 0; r < m_uni.m.size(); ++r) CHECK(m_uni.status[r] != DistanceStatus::localised);
  }
}

TEST_CASE("The distance verifier passes real curves and names corrupted ones", "[concentration][distance][verifiers]") {
  DistanceOutcome d;
  d.sites = build_distance_sites(planted_world(5), 0, true);
  d.grid = make_distance_grid(d.sites, 20, 41, 9);
  DurantonOvermanRequest k_request;
  k_request.simulations = 39;
  k_request.max_firms = 40;  // F is represented by 40 firms: its K is not summed directly
  k_request.seed = 3;
  d.duranton_overman = run_duranton_overman(d.sites, d.grid, k_request);
  MarconPuechRequest m_request;
  m_request.simulations = 39;
  m_request.max_centres = 40;
  m_request.seed = 3;
  d.marcon_puech = run_marcon_puech(d.sites, d.grid, m_request);
  const Verification v = verify_distance_concentration(d);
  INFO((v.violations.empty() ? std::string() : v.violations.front()));
  CHECK(v.ok());
  CHECK(v.notes.size() == 2);  // F's K (subset) and M (40 of 300 centres)
  auto mentions = [](const Verification& checked, const std::string& text) {
    for (const auto& violation : checked.violations)
      if (violation.find(text) != std::string::npos) return true;
    return false;
  };
  const std::uint32_t loc = *d.sites.find_industry("LOC");
  {
    DistanceOutcome wrong = d;
    wrong.duranton_overman.industries[loc].k[3] *= 1.01;
    CHECK(mentions(verify_distance_concentration(wrong), "K at 1.5"));
  }
  {
    DistanceOutcome wrong = d;
    wrong.duranton_overman.industries[loc].localisation += 0.01;
    CHECK(mentions(verify_distance_concentration(wrong), "K-density of LOC Gamma"));
  }
  {
    DistanceOutcome wrong = d;
    wrong.duranton_overman.industries[loc].status[0] = DistanceStatus::neither;
    CHECK(mentions(verify_distance_concentration(wrong), "status at grid point 0"));
  }
  {
    DistanceOutcome wrong = d;
    wrong.marcon_puech.industries[loc].m[5] *= 1.01;
    CHECK(mentions(verify_distance_concentration(wrong), "M of LOC: M at 3"));
  }
}

TEST_CASE("Distance measures do not depend on the thread count", "[concentration][distance]") {
  const NodeTable nodes = planted_world(4);
  const DistanceSites sites = build_distance_sites(nodes, 0, true);
  const DistanceGrid grid = make_distance_grid(sites, 0, 31, 9);
  DurantonOvermanRequest k_request;
  k_request.simulations = 60;
  k_request.max_firms = 20;  // LOC and UNI subsampled
  k_request.seed = 8;
  MarconPuechRequest m_request;
  m_request.simulations = 60;
  m_request.max_sites = 200;  // thinned pattern
  m_request.max_centres = 15;
  m_request.min_firms = 5;
  m_request.seed = 8;
  const int threads = omp_get_max_threads();
  omp_set_num_threads(1);
  const DurantonOvermanOutcome k1 = run_duranton_overman(sites, grid, k_request);
  const MarconPuechOutcome m1 = run_marcon_puech(sites, grid, m_request);
  omp_set_num_threads(2);
  const DurantonOvermanOutcome k2 = run_duranton_overman(sites, grid, k_request);
  const MarconPuechOutcome m2 = run_marcon_puech(sites, grid, m_request);
  omp_set_num_threads(threads);
  REQUIRE(k1.industries.size() == k2.industries.size());
  for (std::size_t i = 0; i < k1.industries.size(); ++i) {
    CHECK(k1.industries[i].k == k2.industries[i].k);
    CHECK(k1.industries[i].envelope.global_upper == k2.industries[i].envelope.global_upper);
    CHECK(k1.industries[i].envelope.local_lower == k2.industries[i].envelope.local_lower);
    CHECK(k1.industries[i].firms_used == 20);
  }
  CHECK(m1.thinned);
  CHECK(m1.pattern_sites == 200);
  REQUIRE(m1.industries.size() == m2.industries.size());
  for (std::size_t i = 0; i < m1.industries.size(); ++i) {
    CHECK(m1.industries[i].centres <= 15);
    for (std::size_t r = 0; r < m1.radii.size(); ++r) {
      // NaN (radii where no centre has a neighbour) must match NaN.
      const double x = m1.industries[i].envelope.global_upper[r], y = m2.industries[i].envelope.global_upper[r];
      CHECK((x == y || (std::isnan(x) && std::isnan(y))));
      const double a = m1.industries[i].m[r], b = m2.industries[i].m[r];
      CHECK((a == b || (std::isnan(a) && std::isnan(b))));
    }
  }
}

TEST_CASE("M of a random label is about 1, of every firm exactly 1", "[concentration][distance]") {
  const NodeTable nodes = planted_world(6);
  const DistanceSites sites = build_distance_sites(nodes, 0, true);
  const DistanceGrid grid = make_distance_grid(sites, 30, 16, 1);
  std::vector<double> radii;
  for (std::size_t k = 1; k < grid.points; ++k) radii.push_back(grid.at(k));
  std::vector<std::uint32_t> pattern(sites.size());
  for (std::size_t p = 0; p < pattern.size(); ++p) pattern[p] = static_cast<std::uint32_t>(p);
  const NeighbourTable table = neighbour_table(sites, pattern, radii);
  std::vector<double> bins, m(radii.size());
  m_function(sites, table, pattern, pattern, bins, m);
  for (std::size_t k = 1; k < radii.size(); ++k) CHECK(m[k] == Approx(1).epsilon(1e-12));

  // Mean of M over 200 random labels of 40 firms: 1 within sampling error at 10 km.
  Rng rng(17);
  SiteSampler sampler(pattern.size());
  double sum = 0;
  for (int s = 0; s < 200; ++s) {
    const std::vector<std::uint32_t>& label = sampler.draw(rng, 40);
    m_function(sites, table, label, label, bins, m);
    sum += m[4];  // r = 10 km
  }
  CHECK(sum / 200 == Approx(1).margin(0.03));

  // A draw depends on the Rng only (the sampler returns to its state): same seed, same label.
  Rng a(99), b(99);
  std::vector<std::uint32_t> first = sampler.draw(a, 40);
  sampler.draw(rng, 300);
  CHECK(sampler.draw(b, 40) == first);
  std::sort(first.begin(), first.end());
  CHECK(std::adjacent_find(first.begin(), first.end()) == first.end());  // distinct
}

TEST_CASE("Distance sites: scope counts and errors", "[concentration][distance]") {
  std::vector<Firm> firms{on_equator("A", 0, 10), on_equator("A", 2, NAN), {"A", NAN, 1.0, 5}, {"", 0.0, 0.0, 5}};
  const NodeTable nodes = node_table(firms);
  const DistanceSites unweighted = build_distance_sites(nodes, 0, false);
  CHECK(unweighted.scope.firms == 4);
  CHECK(unweighted.scope.in_scope == 2);
  CHECK(unweighted.scope.missing_coordinates == 1);
  CHECK(unweighted.scope.missing_industry == 1);
  const DistanceSites weighted = build_distance_sites(nodes, 0, true);
  CHECK(weighted.scope.in_scope == 1);
  CHECK(weighted.scope.missing_employees == 1);
  CHECK_THROWS_AS(make_distance_grid(weighted, 0, 10, 1), DataError);  // one site: no median
  CHECK_THROWS_AS(make_distance_grid(unweighted, 5, 1, 1), UsageError);
  CHECK_THROWS_AS(make_distance_grid(unweighted, -1, 10, 1), UsageError);
  const DistanceSites same_point = build_distance_sites(node_table({on_equator("A", 1), on_equator("A", 1)}), 0, false);
  CHECK_THROWS_AS(make_distance_grid(same_point, 0, 10, 1), DataError);  // median 0
}

TEST_CASE("Ellison-Glaeser and LQ against external region totals", "[concentration][totals]") {
  // Sample: A 10 + 10 in R1; B 20 in R1, 40 + 20 in R2; C 5 in R9 (no total).
  // Totals R1 100, R2 200, R3 700: e = 1000, x = (0.1, 0.2, 0.7), sum x^2 = 0.54.
  // A: s = (1, 0, 0), G = 0.81 + 0.04 + 0.49 = 1.34, H = 0.5,
  //    gamma = (1.34 - 0.46 * 0.5) / (0.46 * 0.5) = 1.11 / 0.23 = 4.8260870.
  //    LQ(R1) = (20 / 100) / (20 / 1000) = 10.
  // B: s = (0.25, 0.75, 0), G = 0.0225 + 0.3025 + 0.49 = 0.815, H = (400 + 1600 + 400) / 6400 = 0.375,
  //    gamma = (0.815 - 0.1725) / 0.2875 = 2.2347826. LQ(R2) = (60 / 200) / (80 / 1000) = 3.75.
  std::vector<Firm> firms{{"A", NAN, NAN, 10, "R1"}, {"A", NAN, NAN, 10, "R1"}, {"B", NAN, NAN, 20, "R1"},
                          {"B", NAN, NAN, 40, "R2"}, {"B", NAN, NAN, 20, "R2"}, {"C", NAN, NAN, 5, "R9"}};
  const NodeTable nodes = node_table(firms);
  const UnitTotals totals{{"R2", 200}, {"R1", 100}, {"R3", 700}};
  const ConcentrationData data = build_concentration_data(nodes, SpatialUnit::region, 0, SizeMeasure::automatic, &totals);
  CHECK(data.measure == SizeMeasure::employees);
  CHECK(data.unit_names == std::vector<std::string>{"R1", "R2", "R3"});
  CHECK(data.total_size == 1000);
  CHECK(data.sum_x_squared == Approx(0.54).epsilon(1e-14));
  CHECK(data.scope.missing_total == 1);
  CHECK(data.scope.in_scope == 5);
  REQUIRE(data.units_without_total.size() == 1);
  CHECK(data.units_without_total[0].name == "R9");
  CHECK(data.units_without_total[0].firms == 1);
  CHECK(data.units_without_total[0].size == 5);
  CHECK(data.units_above_total.empty());
  const auto eg = ellison_glaeser(data);
  CHECK(eg[*data.find_industry("A")].gamma == Approx(1.11 / 0.23).epsilon(1e-12));
  CHECK(eg[*data.find_industry("B")].G == Approx(0.815).epsilon(1e-12));
  CHECK(eg[*data.find_industry("B")].gamma == Approx(0.6425 / 0.2875).epsilon(1e-12));
  const auto lq = location_quotients(data);
  CHECK(lq[data.cell_offsets[*data.find_industry("A")]] == Approx(10).epsilon(1e-12));
  CHECK(lq[data.cell_offsets[*data.find_industry("B")] + 1] == Approx(3.75).epsilon(1e-12));

  // A total below the sampled employment (R2: 60 sampled, 50 official) is flagged.
  const UnitTotals small{{"R1", 100}, {"R2", 50}};
  const ConcentrationData flagged = build_concentration_data(nodes, SpatialUnit::region, 0, SizeMeasure::employees, &small);
  CHECK(flagged.units_above_total == std::vector<std::uint32_t>{1});
  // Totals are employment: a firm-count run is refused; a bad table is bad data.
  CHECK_THROWS_AS(build_concentration_data(nodes, SpatialUnit::region, 0, SizeMeasure::firm_count, &totals), UsageError);
  const UnitTotals twice{{"R1", 100}, {"R1", 5}};
  CHECK_THROWS_AS(build_concentration_data(nodes, SpatialUnit::region, 0, SizeMeasure::employees, &twice), DataError);

  // The whole run against the totals: the verifier recomputes LQ and gamma with them, and the
  // stored result lists the unit left out and names the totals' source.
  const Graph graph = GraphBuilder(node_table(firms)).finish();
  ConcentrationRequest request;
  request.min_firms = 1;
  request.totals = "regions.csv";
  const ConcentrationOutcome outcome = run_concentration(GraphView(graph), request, &totals);
  CHECK_THROWS_AS(run_concentration(GraphView(graph), request), UsageError);  // a source without totals
  ConcentrationRequest unnamed = request;
  unnamed.totals.clear();
  CHECK_THROWS_AS(run_concentration(GraphView(graph), unnamed, &totals), UsageError);
  CHECK(outcome.ellison_glaeser[*outcome.data.find_industry("A")].gamma == Approx(1.11 / 0.23).epsilon(1e-12));
  const Verification v = verify_concentration(graph.nodes, outcome, &totals);
  INFO((v.violations.empty() ? std::string() : v.violations.front()));
  CHECK(v.ok());
  CHECK_FALSE(verify_concentration(graph.nodes, outcome).ok());  // the sample's own sizes give other indices
  const Result result = concentration_result("totals", outcome, request, 1);
  CHECK(std::get<std::string>(result.parameter("totals")) == "regions.csv");
  CHECK(std::get<std::int64_t>(result.scalar("firms_missing_total")) == 1);
  const ResultTable* without = result.find_table(stored::concentration::units_without_total);
  REQUIRE(without);
  CHECK(std::get<StringColumn>(without->column(stored::concentration::unit).values).value(0) == "R9");
}

TEST_CASE("Unit totals file: rows read, bad rows named by line", "[concentration][totals]") {
  test::TempDir dir;
  const std::string good = test::write_file(dir.file("totals.csv"), "Region,Year,Employment\nR1,2023,100\n\"R 2\",2023, 2.5e3 \n");
  const auto totals = read_unit_totals(good, "region");
  REQUIRE(totals.size() == 2);
  CHECK(totals[0] == std::pair<std::string, double>{"R1", 100});
  CHECK(totals[1] == std::pair<std::string, double>{"R 2", 2500});
  CHECK(read_unit_totals(test::write_file(dir.file("tab.tsv"), "park\temployees\nP1\t7\n"), "park").size() == 1);

  auto error_of = [&](const std::string& name, const std::string& text) {
    try {
      read_unit_totals(test::write_file(dir.file(name), text), "region");
    } catch (const DataError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(error_of("a.csv", "region,employment\nR1,100\nR2,lots\n"),
             Catch::Contains("a.csv:3:") && Catch::Contains("'lots'") && Catch::Contains("not a finite number"));
  CHECK_THAT(error_of("b.csv", "region,employment\nR1,-4\n"), Catch::Contains("b.csv:2:") && Catch::Contains(">= 0"));
  CHECK_THAT(error_of("c.csv", "region,employment\nR1,1\nR2,2\nR1,3\n"),
             Catch::Contains("c.csv:4:") && Catch::Contains("already given on line 2"));
  CHECK_THAT(error_of("d.csv", "name,employment\nR1,1\n"), Catch::Contains("d.csv:1:") && Catch::Contains("region"));
  CHECK_THAT(error_of("e.csv", "region,employment\n,5\n"), Catch::Contains("e.csv:2:") && Catch::Contains("empty region"));
  CHECK_THAT(error_of("f.csv", "region,employment\nR1\n"), Catch::Contains("f.csv:2:") && Catch::Contains("fields"));
  CHECK_THAT(error_of("g.csv", ""), Catch::Contains("g.csv: empty file"));
  CHECK_THAT(error_of("h.csv", "region,employment\nR1,inf\n"), Catch::Contains("h.csv:2:"));
}

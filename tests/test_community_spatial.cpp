// The spatial null (Expert et al. 2011): the deterrence fit against brute force and hand values,
// the spatial modularity against an O(n^2) evaluation, Leiden's guarantees with it, and planted
// cross-town groups that it recovers where modularity finds towns.
#include <omp.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <iostream>
#include <limits>

#include "algorithms/community/deterrence_function.hpp"
#include "algorithms/community/leiden.hpp"
#include "algorithms/community/modularity.hpp"
#include "algorithms/community/partition_comparison.hpp"
#include "algorithms/spatial/spatial_units.hpp"
#include "graph/errors.hpp"
#include "graph/random.hpp"
#include "test_community_graphs.hpp"
#include "test_support.hpp"

using namespace firmnet;
using namespace firmnet::community;
using namespace firmnet::community::testing;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct SpatialGraph {
  EdgeListGraph graph;
  std::vector<double> lat, lon;
  Membership town, group;
  Coordinates coordinates() const { return {lat, lon}; }
};

std::vector<double> strengths(const WeightedCsr& csr) {
  std::vector<double> k(csr.node_count(), 0.0);
  for (NodeId u = 0; u < csr.node_count(); ++u)
    for (EdgeId e = csr.offsets[u]; e < csr.offsets[u + 1]; ++e) k[u] += csr.weights[e];
  return k;
}

/// Q_spa by brute force over all ordered node pairs with haversine distances: written apart
/// from the site histograms of modularity.cpp.
double brute_force_spatial_modularity(const WeightedCsr& csr, const Membership& m, Coordinates c,
                                      const DeterrenceFunction& f, double gamma) {
  const NodeId n = csr.node_count();
  const std::vector<double> k = strengths(csr);
  double two_m = 0, sum = 0;
  for (double x : k) two_m += x;
  for (NodeId i = 0; i < n; ++i)
    for (EdgeId e = csr.offsets[i]; e < csr.offsets[i + 1]; ++e)
      if (m[i] == m[csr.targets[e]]) sum += csr.weights[e];
  for (NodeId i = 0; i < n; ++i)
    for (NodeId j = 0; j < n; ++j) {
      if (m[i] != m[j]) continue;
      const bool located = std::isfinite(c.lat[i]) && std::isfinite(c.lat[j]);
      const double fij =
          located ? f.at(haversine_km(c.lat[i], c.lon[i], c.lat[j], c.lon[j])) : f.unlocated_value;
      sum -= gamma * k[i] * k[j] * fij;
    }
  return sum / two_m;
}

/// Towns on a line of longitudes (about 96 km apart at 30 N), nodes scattered around their
/// town (sd 0.02 degrees, about 2 km), alternating between two groups. Inside a town, pairs link
/// with the gravity probability p_town / (1 + (d / 1 km)^2), weight 1, whatever their groups;
/// members of the same group in different towns link with probability p_chain and weight
/// chain_weight (the planted cross-town supply chains). Project RNG: the same world everywhere.
SpatialGraph towns_and_groups(int towns, NodeId per_town, double p_town, double p_chain, double chain_weight,
                              std::uint64_t seed) {
  SpatialGraph w;
  Rng rng(seed);
  const NodeId n = static_cast<NodeId>(towns) * per_town;
  w.graph.n = n;
  for (NodeId u = 0; u < n; ++u) {
    const int t = static_cast<int>(u / per_town);
    w.town.push_back(t);
    w.group.push_back(u % 2);
    w.lat.push_back(30.0 + rng.normal(0, 0.02));
    w.lon.push_back(110.0 + 1.0 * t + rng.normal(0, 0.02));
  }
  auto link = [&](NodeId u, NodeId v, double weight) {
    w.graph.edges.emplace_back(u, v);
    w.graph.weights.push_back(weight);
  };
  for (NodeId u = 0; u < n; ++u)
    for (NodeId v = u + 1; v < n; ++v) {
      if (w.town[u] == w.town[v]) {
        const double d = haversine_km(w.lat[u], w.lon[u], w.lat[v], w.lon[v]);
        if (rng.bernoulli(p_town / (1 + d * d))) link(u, v, 1.0);
      } else if (w.group[u] == w.group[v] && rng.bernoulli(p_chain)) {
        link(u, v, chain_weight);
      }
    }
  return w;
}

/// A random graph over three towns with some nodes unlocated, for the brute-force comparisons.
SpatialGraph scattered(NodeId n, double unlocated_share, std::uint64_t seed) {
  SpatialGraph w = towns_and_groups(3, n / 3, 0.9, 0.01, 2.0, seed);
  Rng rng(derive_seed(seed, 1));
  for (NodeId u = 0; u < w.graph.n; ++u)
    if (rng.bernoulli(unlocated_share)) w.lat[u] = w.lon[u] = kNaN;
  // Links that ignore distance, so that every distance bin and the unlocated class hold some.
  for (int i = 0; i < static_cast<int>(n); ++i) {
    w.graph.edges.emplace_back(static_cast<NodeId>(rng.below(w.graph.n)), static_cast<NodeId>(rng.below(w.graph.n)));
    w.graph.weights.push_back(0.5);
  }
  return w;
}

Membership random_labels(NodeId n, std::int64_t k, std::uint64_t seed) {
  Rng rng(seed);
  Membership m(n);
  for (auto& c : m) c = static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(k)));
  return m;
}

}  // namespace

TEST_CASE("Spatial modularity of two towns matches a hand computation", "[community][spatial]") {
  // Town A: nodes 0, 1, 2 around (0, 0); town B: nodes 3, 4, 5 around (0, 1), 111 km east.
  // Links: triangles 0-1-2 and 3-4-5 and the bridge 2-3, all of weight 1, so 2m = 14 and the
  // strengths are k = (2, 2, 3, 3, 2, 2), 7 per town.
  SpatialGraph w;
  w.graph.n = 6;
  w.graph.edges = {{0, 1}, {1, 2}, {0, 2}, {3, 4}, {4, 5}, {3, 5}, {2, 3}};
  w.lat = {0.0, 0.001, 0.0, 0.0, 0.001, 0.0};
  w.lon = {0.0, 0.0, 0.001, 1.0, 1.0, 1.001};
  const WeightedCsr csr = symmetric_csr(w.graph);
  // Two log-spaced bins between the shortest link (0-1, 0.111 km) and the longest (2-3,
  // 111 km): the edge is their geometric mean, 3.5 km, so bin 0 holds the pairs inside a town
  // (self-pairs included) and bin 1 the pairs across.
  //   bin 0: M_0 = 7^2 + 7^2 = 98, A_0 = 12 (six links, both directions): f_0 = 12/98;
  //   bin 1: M_1 = 2 * 7 * 7 = 98, A_1 = 2:                                 f_1 = 2/98.
  // The null expects f_0 M_0 + f_1 M_1 = 14 = 2m.
  DeterrenceOptions options;
  options.bins = 2;
  const DeterrenceFunction f = fit_deterrence(csr, w.coordinates(), options);
  REQUIRE(f.bin_count() == 2);
  CHECK(f.cell_km == 0.0);
  CHECK(f.lower_km[1] == Approx(std::sqrt(0.001 * 111.19508 * 1.0 * 111.0841)).epsilon(1e-3));
  CHECK(f.pair_mass[0] == Approx(98.0).epsilon(1e-12));
  CHECK(f.pair_mass[1] == Approx(98.0).epsilon(1e-12));
  CHECK(f.observed[0] == 12.0);
  CHECK(f.observed[1] == 2.0);
  CHECK(f.links[0] == 12);
  CHECK(f.links[1] == 2);
  CHECK(f.value[0] == Approx(12.0 / 98).epsilon(1e-12));
  CHECK(f.value[1] == Approx(2.0 / 98).epsilon(1e-12));
  const std::vector<double> k = strengths(csr);
  CHECK(verify_deterrence(csr, w.coordinates(), k, k, f).empty());

  // Partition {0,1}, {2,3}, {4,5}: inside weights (both directions) 2 + 2 + 2 = 6; nulls
  //   {0,1}: (2 + 2)^2 f_0 = 16 * 12/98 = 192/98;
  //   {2,3}: (3^2 + 3^2) f_0 + 2 * 3 * 3 f_1 = 216/98 + 36/98 = 252/98;
  //   {4,5}: 192/98.
  // Q_spa = (6 - gamma * 636/98) / 14: -48/1372 at gamma = 1, (6 - 318/98) / 14 at gamma = 1/2.
  const Membership pairs = {0, 0, 1, 1, 2, 2};
  CHECK(spatial_modularity(csr, pairs, w.coordinates(), f) == Approx(-48.0 / 1372).margin(1e-14));
  CHECK(spatial_modularity(csr, pairs, w.coordinates(), f, 0.5) == Approx((6 - 318.0 / 98) / 14).margin(1e-14));
  // The towns: inside 12, nulls 49 f_0 = 6 each: Q_spa = (12 - 12) / 14 = 0, while modularity
  // calls them communities (6/7 - 2 (1/2)^2 = 0.357). All in one: 0 by the normalisation.
  const Membership towns = {0, 0, 0, 1, 1, 1}, whole(6, 0);
  CHECK(spatial_modularity(csr, towns, w.coordinates(), f) == Approx(0.0).margin(1e-14));
  CHECK(modularity(csr, towns) == Approx(12.0 / 14 - 0.5).margin(1e-14));
  CHECK(spatial_modularity(csr, whole, w.coordinates(), f) == Approx(0.0).margin(1e-14));
  for (const Membership& m : {pairs, towns, whole})
    CHECK(spatial_modularity(csr, m, w.coordinates(), f) ==
          Approx(brute_force_spatial_modularity(csr, m, w.coordinates(), f, 1.0)).margin(1e-14));
}

TEST_CASE("One distance bin, or no coordinates, give Newman's modularity", "[community][spatial]") {
  const SpatialGraph w = scattered(300, 0.0, 5);
  const WeightedCsr csr = symmetric_csr(w.graph);
  DeterrenceOptions one;
  one.bins = 1;
  const DeterrenceFunction f1 = fit_deterrence(csr, w.coordinates(), one);
  CHECK(f1.value[0] == Approx(1.0 / csr.total_weight()).epsilon(1e-12));  // 2m / (2m)^2
  const std::vector<double> none(w.graph.n, kNaN);
  const Coordinates nowhere{none, none};
  const DeterrenceFunction f0 = fit_deterrence(csr, nowhere);
  CHECK(f0.unlocated_nodes == w.graph.n);
  CHECK(f0.unlocated_value == Approx(1.0 / csr.total_weight()).epsilon(1e-12));
  for (std::int64_t k : {1, 3, 20}) {
    const Membership m = random_labels(w.graph.n, k, 40 + k);
    for (double gamma : {1.0, 0.5}) {
      CHECK(spatial_modularity(csr, m, w.coordinates(), f1, gamma) == Approx(modularity(csr, m, gamma)).margin(1e-12));
      CHECK(spatial_modularity(csr, m, nowhere, f0, gamma) == Approx(modularity(csr, m, gamma)).margin(1e-12));
    }
  }
}

TEST_CASE("The deterrence fit equals brute force over node pairs and expects the observed weight",
          "[community][spatial]") {
  const SpatialGraph w = scattered(900, 0.1, 17);
  const WeightedCsr sym = symmetric_csr(w.graph), dir = directed_csr_of(w.graph);
  const std::vector<double> k = strengths(sym);
  for (DistanceBinning binning : {DistanceBinning::log_spaced, DistanceBinning::equal_count}) {
    DeterrenceOptions options;
    options.binning = binning;
    const DeterrenceFunction f = fit_deterrence(sym, w.coordinates(), options);
    INFO(binning_name(binning));
    CHECK(f.cell_km == 0.0);
    CHECK(f.unlocated_nodes > 50);
    // Sturges: L located link entries give ceil(log2 L) + 1 bins.
    std::uint64_t located_links = 0;
    for (std::uint64_t c : f.links) located_links += c;
    const auto sturges = static_cast<std::size_t>(std::ceil(std::log2(static_cast<double>(located_links)))) + 1;
    if (binning == DistanceBinning::log_spaced) CHECK(f.bin_count() == sturges);
    if (binning == DistanceBinning::equal_count) {
      // Equal counts up to ties at the edges (each pair is listed from both ends).
      CHECK(f.bin_count() <= sturges);
      for (std::uint64_t c : f.links)
        CHECK(std::abs(static_cast<double>(c) - double(located_links) / f.bin_count()) <= 2.0);
    }
    CHECK(verify_deterrence(sym, w.coordinates(), k, k, f).empty());
  }
  // Directed: out- and in-strengths, and expected weights between node sets by brute force.
  std::vector<double> out(w.graph.n, 0.0), in(w.graph.n, 0.0);
  for (NodeId u = 0; u < dir.node_count(); ++u)
    for (EdgeId e = dir.offsets[u]; e < dir.offsets[u + 1]; ++e) {
      out[u] += dir.weights[e];
      in[dir.targets[e]] += dir.weights[e];
    }
  const DeterrenceFunction fd = fit_deterrence(dir, w.coordinates(), out, in);
  CHECK(verify_deterrence(dir, w.coordinates(), out, in, fd).empty());
  const SpatialNull null(w.coordinates(), fd);
  std::vector<NodeId> a, b, all;
  for (NodeId u = 0; u < w.graph.n; ++u) {
    all.push_back(u);
    if (w.town[u] == 0) a.push_back(u);
    if (w.town[u] != 2) b.push_back(u);
  }
  double expected = 0;
  for (NodeId i : a)
    for (NodeId j : b) {
      const bool located = std::isfinite(w.lat[i]) && std::isfinite(w.lat[j]);
      expected += out[i] * in[j] *
                  (located ? fd.at(haversine_km(w.lat[i], w.lon[i], w.lat[j], w.lon[j])) : fd.unlocated_value);
    }
  CHECK(null.expected_weight_between(a, out, b, in) == Approx(expected).epsilon(1e-12));
  CHECK(null.expected_weight_between(all, out, all, in) == Approx(dir.total_weight()).epsilon(1e-12));
}

TEST_CASE("Grid sites stay within the documented bound of the exact fit", "[community][spatial]") {
  const SpatialGraph w = scattered(1500, 0.0, 23);
  const WeightedCsr csr = symmetric_csr(w.graph);
  const std::vector<double> k = strengths(csr);
  DeterrenceOptions exact_options;
  exact_options.bins = 12;
  const DeterrenceFunction exact = fit_deterrence(csr, w.coordinates(), exact_options);
  CHECK(exact.sites == 1500);
  const double q_exact = spatial_modularity(csr, w.group, w.coordinates(), exact);
  // The grid with the exact fit's bins, so that the two compare bin by bin.
  DeterrenceOptions grid_options;
  grid_options.lower_km = exact.lower_km;
  grid_options.max_sites = 150;
  const DeterrenceFunction grid = fit_deterrence(csr, w.coordinates(), grid_options);
  CHECK(grid.cell_km > 0);
  CHECK(grid.sites <= 150);
  CHECK(grid.max_site_offset_km > 0);
  CHECK(grid.max_site_offset_km <= grid.cell_km * 1.5);  // inside its cell: under the diagonal
  // verify_deterrence checks every bin against the band mass within 2 delta of its edges, and
  // the normalisation, which the grid keeps exactly.
  CHECK(verify_deterrence(csr, w.coordinates(), k, k, grid).empty());
  // Measured: the share of pair mass the grid moves to another bin, and Q_spa of the planted
  // groups.
  double moved = 0, total = 0;
  for (std::size_t b = 0; b < grid.bin_count(); ++b) {
    moved += std::abs(grid.pair_mass[b] - exact.pair_mass[b]) / 2;
    total += exact.pair_mass[b];
  }
  const double q_grid = spatial_modularity(csr, w.group, w.coordinates(), grid);
  INFO("grid cell " << grid.cell_km << " km, offset " << grid.max_site_offset_km << " km, moved share " << moved / total
                    << "; Q_spa exact " << q_exact << ", grid " << q_grid);
  CHECK(moved / total < 0.06);                          // measured 0.049
  CHECK(std::abs(q_grid - q_exact) <= 0.05 * q_exact);  // measured 0.037
  // The sites of a SpatialNull are rebuilt from the fit's cell side.
  CHECK(SpatialNull(w.coordinates(), grid).sites().size() == grid.sites);
  // Bad explicit bins.
  grid_options.lower_km = {1.0, 2.0};
  CHECK_THROWS_AS(fit_deterrence(csr, w.coordinates(), grid_options), UsageError);
}

TEST_CASE("Spatial modularity and Leiden's reported quality equal the brute-force O(n^2) evaluation",
          "[community][spatial]") {
  const SpatialGraph w = scattered(600, 0.15, 31);
  const WeightedCsr csr = symmetric_csr(w.graph);
  const DeterrenceFunction f = fit_deterrence(csr, w.coordinates());
  for (std::int64_t k : {1, 2, 7, 60}) {
    const Membership m = random_labels(w.graph.n, k, 90 + k);
    for (double gamma : {1.0, 0.3})
      CHECK(spatial_modularity(csr, m, w.coordinates(), f, gamma) ==
            Approx(brute_force_spatial_modularity(csr, m, w.coordinates(), f, gamma)).margin(1e-12));
  }
  // The null between node sets four ways: pairwise() (the dense matrix of Leiden's coarse
  // levels), between() of histograms with and without the bin table, and pair by pair.
  {
    const SpatialNull null(w.coordinates(), f);
    SpatialNull tabulated(w.coordinates(), f);
    tabulated.tabulate();
    const std::vector<double> k = strengths(csr);
    const Membership m = random_labels(w.graph.n, 5, 7);
    std::vector<std::vector<NodeId>> sets(5);
    for (NodeId u = 0; u < w.graph.n; ++u) sets[m[u]].push_back(u);
    std::vector<std::size_t> begin{0};
    std::vector<SiteMass> entries;
    std::vector<SiteHistogram> histograms;
    for (const auto& set : sets) {
      histograms.push_back(null.histogram(set, k));
      entries.insert(entries.end(), histograms.back().begin(), histograms.back().end());
      begin.push_back(entries.size());
    }
    const std::vector<double> matrix = null.pairwise(begin, entries);
    CHECK(tabulated.pairwise(begin, entries) == matrix);
    for (std::size_t x = 0; x < 5; ++x)
      for (std::size_t y = 0; y < 5; ++y) {
        double pairs = 0;
        for (NodeId i : sets[x])
          for (NodeId j : sets[y]) {
            const bool located = std::isfinite(w.lat[i]) && std::isfinite(w.lat[j]);
            pairs +=
                k[i] * k[j] *
                (located ? f.at(haversine_km(w.lat[i], w.lon[i], w.lat[j], w.lon[j])) : f.unlocated_value);
          }
        CHECK(matrix[x * 5 + y] == Approx(pairs).epsilon(1e-12));
        CHECK(null.between(histograms[x], histograms[y]) == Approx(pairs).epsilon(1e-12));
        CHECK(tabulated.between(histograms[x], histograms[y]) == null.between(histograms[x], histograms[y]));
      }
  }
  LeidenOptions options;
  options.objective = Objective::spatial_modularity;
  options.coordinates = w.coordinates();
  options.deterrence = &f;
  for (double gamma : {1.0, 2.0}) {
    options.resolution = gamma;
    for (bool refine : {true, false}) {
      options.refine = refine;
      const LeidenResult r = leiden(csr, options);
      INFO("gamma " << gamma << (refine ? " leiden" : " louvain"));
      CHECK(r.quality ==
            Approx(brute_force_spatial_modularity(csr, r.membership, w.coordinates(), f, gamma)).margin(1e-12));
      CHECK(r.quality > 0);
      if (refine) CHECK(communities_connected(csr, r.membership));
      // No worse than the towns or the planted groups.
      CHECK(r.quality >= spatial_modularity(csr, w.town, w.coordinates(), f, gamma) - 1e-12);
      CHECK(r.quality >= spatial_modularity(csr, w.group, w.coordinates(), f, gamma) - 1e-12);
    }
  }
  options.deterrence = nullptr;
  CHECK_THROWS(leiden(csr, options));

  // Edge cases: no links (every node alone, quality 0) and no nodes.
  EdgeListGraph lonely;
  lonely.n = 4;
  const WeightedCsr empty_rows = symmetric_csr(lonely);
  const std::vector<double> lat = {30.0, 30.1, kNaN, 30.2}, lon = {110.0, 110.1, kNaN, 110.2};
  const DeterrenceFunction none = fit_deterrence(empty_rows, {lat, lon});
  CHECK(none.bin_count() == 1);
  CHECK(none.value[0] == 0.0);
  options.coordinates = {lat, lon};
  options.deterrence = &none;
  const LeidenResult alone = leiden(empty_rows, options);
  CHECK(alone.community_count == 4);
  CHECK(alone.quality == 0.0);
  const WeightedCsr nothing;
  const DeterrenceFunction nothing_fit = fit_deterrence(nothing, Coordinates{});
  options.coordinates = {};
  options.deterrence = &nothing_fit;
  CHECK(leiden(nothing, options).membership.empty());
}

TEST_CASE("Spatial Leiden is deterministic across 1 and 2 threads and keeps communities connected",
          "[community][spatial]") {
  // Above 2048 nodes, so that level 0 sums histograms and the coarse levels use the matrix.
  const SpatialGraph w = towns_and_groups(4, 550, 0.2, 0.002, 2.0, 77);
  const WeightedCsr csr = symmetric_csr(w.graph);
  const int threads = omp_get_max_threads();
  // Exact sites, and grid sites, with which aggregate histograms hold many entries.
  for (std::size_t max_sites : {std::size_t{8192}, std::size_t{400}}) {
    DeterrenceOptions fit_options;
    fit_options.max_sites = max_sites;
    const DeterrenceFunction f = fit_deterrence(csr, w.coordinates(), fit_options);
    LeidenOptions options;
    options.objective = Objective::spatial_modularity;
    options.coordinates = w.coordinates();
    options.deterrence = &f;
    options.seed = 11;
    options.sequential_below = 256;  // parallel sub-rounds on this small graph
    omp_set_num_threads(2);
    const LeidenResult a = leiden(csr, options);
    const LeidenResult lv2 = louvain(csr, options);
    omp_set_num_threads(1);
    const LeidenResult b = leiden(csr, options);
    const LeidenResult lv1 = louvain(csr, options);
    omp_set_num_threads(threads);
    INFO("max sites " << max_sites << ", quality " << a.quality << ", communities " << a.community_count);
    CHECK(a.membership == b.membership);
    CHECK(a.quality == b.quality);
    CHECK(lv1.membership == lv2.membership);
    CHECK(communities_connected(csr, a.membership));
    CHECK(a.quality == Approx(spatial_modularity(csr, a.membership, w.coordinates(), f)).margin(1e-12));
    options.refine_lightest_first = true;  // the spatial refinement in that order
    const LeidenResult light2 = test::on_threads(2, [&] { return leiden(csr, options); });
    const LeidenResult light1 = test::on_threads(1, [&] { return leiden(csr, options); });
    CHECK(light2.membership == light1.membership);
    CHECK(light2.membership != a.membership);
    CHECK(communities_connected(csr, light2.membership));
    CHECK(light2.quality == Approx(spatial_modularity(csr, light2.membership, w.coordinates(), f)).margin(1e-12));
    // One workspace through spatial, modularity and spatial runs: its level graphs keep the
    // spatial histograms between calls, which a modularity run must not read or keep.
    LeidenWorkspace workspace;
    workspace.reserve(csr);
    LeidenOptions plain;
    plain.seed = 11;
    const LeidenResult spatial_reused = leiden(csr, options, {}, workspace);
    const LeidenResult plain_reused = leiden(csr, plain, {}, workspace);
    const LeidenResult spatial_again = leiden(csr, options, {}, workspace);
    CHECK(spatial_reused.membership == light1.membership);
    CHECK(plain_reused.membership == leiden(csr, plain).membership);
    CHECK(spatial_again.membership == light1.membership);
    CHECK(spatial_again.quality == light1.quality);
  }
}

TEST_CASE("Spatial modularity recovers planted cross-town groups where modularity finds towns",
          "[community][spatial]") {
  // Four towns of 150 firms, two groups alternating inside each; gravity links inside towns
  // (about 64 per firm), same-group links of weight 2 between towns (about 18 per firm).
  const SpatialGraph w = towns_and_groups(4, 150, 4.0, 0.08, 2.0, 2024);
  const WeightedCsr csr = symmetric_csr(w.graph);
  const DeterrenceFunction f = fit_deterrence(csr, w.coordinates());
  double nmi_modularity_group = 0, nmi_modularity_town = 0, nmi_spatial_group = 0, nmi_spatial_town = 0;
  const int seeds = 3;
  for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
    LeidenOptions options;
    options.seed = seed;
    const Membership plain = leiden(csr, options).membership;
    options.objective = Objective::spatial_modularity;
    options.coordinates = w.coordinates();
    options.deterrence = &f;
    const Membership spatial = leiden(csr, options).membership;
    nmi_modularity_group += normalized_mutual_information(plain, w.group) / seeds;
    nmi_modularity_town += normalized_mutual_information(plain, w.town) / seeds;
    nmi_spatial_group += normalized_mutual_information(spatial, w.group) / seeds;
    nmi_spatial_town += normalized_mutual_information(spatial, w.town) / seeds;
  }
  INFO("NMI to groups: modularity " << nmi_modularity_group << ", spatial " << nmi_spatial_group
                                    << "; NMI to towns: modularity " << nmi_modularity_town << ", spatial "
                                    << nmi_spatial_town);
  // Measured over seeds 1-3: modularity 0.953 to towns and 0.00004 to groups; spatial modularity
  // 0.970 to groups and 0.007 to towns.
  CHECK(nmi_modularity_town >= 0.9);
  CHECK(nmi_modularity_group <= 0.01);
  CHECK(nmi_spatial_group >= 0.95);
  CHECK(nmi_spatial_town <= 0.02);
  CHECK(nmi_spatial_group - nmi_modularity_group >= 0.93);
}

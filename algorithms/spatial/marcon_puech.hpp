// Marcon-Puech M function of an industry over distances r (Marcon & Puech 2010, "Measures of
// the geographic concentration of industries: improving distance-based methods",
// J. Econ. Geogr. 10(5):745-762).
//
// Formula: for industry S with firms i (the centres), firm weights w (employees, or 1 for the
// unweighted M), W_S = sum of the weights of S, W = sum of all weights, and c(i, j, r) = 1 when
// d_ij <= r:
//   M(r) = sum_{i in S} [ sum_{j in S, j != i} c(i,j,r) w_j / sum_{j != i} c(i,j,r) w_j ]
//          / sum_{i in S} [ (W_S - w_i) / (W - w_i) ].
// Each centre compares the industry's share of the weight around it within r with its share
// of all weight (both without the centre itself): M = 1 as much of the industry nearby as
// everywhere, M > 1 relative concentration at r, M < 1 dispersion. M is cumulative in r.
// A centre with no neighbour at all within r (zero denominator) has no local share; it is
// left out of both sums at that r, and M(r) is NaN when no centre has a neighbour.
//
// Envelope: S random relabellings of the industries among the fixed firms: n sites drawn
// without replacement carry the industry's label, every firm keeping its site and its weight
// (so the denominators stay fixed); local and global bands as in simulation_envelope.hpp.
// Localised at r: M(r) above the global upper band; dispersed: below the global lower band.
//
// Approach: each site's weight of neighbours within every r, sum_{j != i} c(i,j,r) w_j, is
// tabulated once (sites x radii); an M curve then costs O(c n log R) for c centres among n
// firms. Distances are compared with the radii as squared chords between unit vectors, the
// same order without trigonometry per pair. When there are more than max_sites sites, a fixed random subset of max_sites of them
// (all industries thinned alike) forms the point pattern: independent thinning keeps every
// local and global share in expectation. An industry with more than max_centres firms in the
// pattern uses a fixed random subset of max_centres of them as centres (all its firms still
// count as neighbours), and each relabelling likewise. Simulations run in parallel, seeded
// derive_seed(seed_i, s) with seed_i = derive_seed(derive_seed(seed, kMarconPuechStream), i).
//
// Complexity: O(P^2 log R) time and O(P R) memory for the table over P = min(sites,
// max_sites) sites and R radii; per industry O((S + 1) c n log R) with c = min(n, max_centres),
// plus O(S R log S) for the bands.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "algorithms/spatial/distance_sites.hpp"
#include "algorithms/spatial/simulation_envelope.hpp"
#include "graph/progress.hpp"

namespace firmnet::spatial {

/// The point pattern of M: sites (indices into DistanceSites, ascending) and, per pattern
/// point and radius, the weight of the other points within the radius.
struct NeighbourTable {
  std::vector<std::uint32_t> sites;  // pattern point -> site
  std::vector<double> radii;         // r_1 < ... < r_R
  std::vector<double> chord_limits;  // squared chord of each radius (km_to_chord_squared)
  std::vector<double> within;        // within[p * R + k] = sum_{q != p, d_pq <= r_k} w_q
  double total_weight = 0;           // W
  std::size_t radius_count() const { return radii.size(); }
};

/// The table over the given pattern sites (ascending) and radii (ascending, > 0). Rows in
/// parallel, each summed in a fixed order. O(P^2 log R).
NeighbourTable neighbour_table(const DistanceSites& sites, std::vector<std::uint32_t> pattern,
                               std::vector<double> radii);

/// M(r_k) for the industry whose firms are the pattern points `members`, averaged over the
/// centres `centres` (pattern points, a subset of members), into `out` (R values). `bins` is
/// scratch. O(c n log R).
void m_function(const DistanceSites& sites, const NeighbourTable& table, std::span<const std::uint32_t> members,
                std::span<const std::uint32_t> centres, std::vector<double>& bins, std::span<double> out);

struct MarconPuechRequest {
  std::uint64_t min_firms = 5;      // industries with fewer firms in the pattern get no curve (at least 2)
  std::size_t simulations = 1000;   // relabellings; 0 = curves without envelope
  std::size_t max_sites = 10000;    // larger site sets are thinned to this many
  std::size_t max_centres = 500;    // centres per curve
  double alpha = 0.05;
  std::uint64_t seed = 0;
};

struct MarconPuechCurve {
  std::uint32_t industry = 0;  // index into DistanceSites::industry_names
  std::uint64_t firms = 0;     // firms of the industry in the pattern
  std::uint64_t centres = 0;   // min(firms, max_centres)
  std::vector<double> m;       // per radius
  Envelope envelope;
  std::vector<DistanceStatus> status;
};

struct MarconPuechOutcome {
  std::uint64_t pattern_sites = 0;  // sites in the pattern (all, or max_sites when thinned)
  bool thinned = false;
  std::vector<double> radii;                // grid distances except 0
  std::vector<MarconPuechCurve> industries;  // industries with >= min_firms firms in the pattern, by name
};

/// M with envelopes for every industry of `sites` with at least min_firms firms in the
/// pattern, at the grid distances > 0. Throws UsageError for min_firms, max_sites or
/// max_centres below 2, or alpha outside (0, 1). O(P^2 log R + industries (S + 1) c n log R).
MarconPuechOutcome run_marcon_puech(const DistanceSites& sites, const DistanceGrid& grid,
                                    const MarconPuechRequest& request, const Progress& progress = {});

}  // namespace firmnet::spatial

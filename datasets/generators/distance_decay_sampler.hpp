// Distance-decay partner sampling: the gravity rule of spatial interaction (Tinbergen 1962,
// "Shaping the World Economy"; Wilson 1967, Transportation Research 1, 253-269, for the
// exponential deterrence function) for drawing trade partners.
//
// Formula: drawer i picks partner j != i with
//     P(j | i) = m_j exp(-d_ij / lambda) [d_ij <= R] / sum_k m_k exp(-d_ik / lambda) [d_ik <= R],
// m = mass (size), d = great-circle distance (haversine, km), lambda = decay length, R = cutoff.
// Draws are independent (with replacement).
//
// Approach: exact rejection sampling (von Neumann 1951) over a uniform grid. Points are
// projected onto a plane whose distances never exceed the great-circle ones (north-south
// degrees at their true length, east-west ones shrunk by the cosine of the latitude farthest
// from the equator, times a margin for the curvature of the sphere), and binned into square
// cells of side lambda. For a drawer's cell, every cell within R gets the proposal weight
// W_c exp(-dmin_c / lambda), W_c its total mass and dmin_c a lower bound on the distance
// between the two cells; a cell is drawn by that weight, a point in it by mass, and the point
// is accepted with probability exp(-(d_ij - dmin_c) / lambda) if it is not the drawer and lies
// within R. The accepted point has exactly the law above. After 1,000 rejections in a row
// (a drawer that outweighs its neighbourhood, or one with no partner within R) the drawer's
// remaining draws come from the exact weights of its neighbourhood, which is exact as well.
// Each drawer has its own random stream (derive_seed(seed, drawer)) and its own output slots,
// so the draws do not depend on the thread count.
//
// Complexity: O(n + C) to grid n points into C cells (C <= 1024^2), O(K) per occupied cell to
// build its proposal (K = cells within R, about pi (R / lambda)^2 = 201 for R = 8 lambda), and
// expected O(log K + log c) per proposal, with c points per cell; with cells of side lambda a
// proposal inside R is accepted with probability at least exp(-2 sqrt 2) = 0.06, typically
// about one half. Memory O(n + C + draws).
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace firmnet::generators {

struct DistanceDecayKernel {
  double decay_km = 5;    // lambda
  double cutoff_km = 40;  // R: partners farther away are never drawn
};

/// Partner draws grouped by drawer in increasing drawer order; a drawer's draws in draw order.
struct PartnerDraws {
  std::vector<std::uint32_t> drawer, partner;
};

/// Draws counts[i] partners for every point i by the law above (fewer only when no point of
/// positive mass lies within R of i: then none). Points are given by latitude, longitude
/// (degrees, not spanning the antimeridian) and mass (>= 0). Throws UsageError for
/// non-finite coordinates, negative or non-finite masses, decay or cutoff <= 0, mismatched
/// sizes. Expected O(n + C + occupied cells x K + draws x (log K + log c)).
PartnerDraws draw_distance_decay_partners(std::span<const double> lat, std::span<const double> lon,
                                          std::span<const double> mass, std::span<const std::uint32_t> counts,
                                          const DistanceDecayKernel& kernel, std::uint64_t seed);

/// Reference law of one drawer by direct summation over every point (no grid, no rejection):
/// P(j | drawer) for each j, all zero when no partner lies within R. O(n).
std::vector<double> distance_decay_probabilities(std::span<const double> lat, std::span<const double> lon,
                                                 std::span<const double> mass, const DistanceDecayKernel& kernel,
                                                 std::uint32_t drawer);

/// Invariants of a draw, checked serially and without the grid: drawers ascending and each
/// with at most counts[i] draws, partners in range, never the drawer, of positive mass, within
/// R; a drawer with fewer draws than asked has no partner within R. Returns the violations
/// (empty = ok). O(n + draws), plus O(n) per drawer that got fewer draws than asked.
std::vector<std::string> verify_distance_decay_draws(std::span<const double> lat, std::span<const double> lon,
                                                     std::span<const double> mass,
                                                     std::span<const std::uint32_t> counts,
                                                     const DistanceDecayKernel& kernel, const PartnerDraws& draws);

}  // namespace firmnet::generators

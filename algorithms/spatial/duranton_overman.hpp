// Duranton-Overman K-density of an industry's bilateral firm distances, with counterfactual
// bands (Duranton & Overman 2005, "Testing for localization using micro-geographic data",
// Rev. Econ. Stud. 72(4):1077-1106).
//
// Formula: for the n firms of industry A with pairwise great-circle distances d_ij (km) and
// pair weights w_ij (1, or e_i e_j for DO's employment-weighted K), at each grid distance d >= 0
//   K(d) = 1 / (h sum_{i<j} w_ij) * sum_{i<j} w_ij [phi((d - d_ij) / h) + phi((d + d_ij) / h)],
// phi the standard normal density. The second term reflects the kernel at 0 (as DO do;
// Silverman 1986, Density Estimation for Statistics and Data Analysis), so no mass falls below
// distance 0 and K integrates to 1 over [0, inf): K is the density of the pair distances.
// Bandwidth h: Silverman's rule of thumb, h = 0.9 min(sd, IQR / 1.34) P^(-1/5) over the
// P = n(n-1)/2 unweighted distances (sample sd, quartiles by linear interpolation), computed
// afresh for every counterfactual; when it gives 0 (one pair, or all distances equal) h is the
// grid step.
//
// Counterfactuals (DO section 4): S times, draw n sites without replacement from all sites
// (the firms of every industry with coordinates), give them the industry's weights, compute K.
// Local and global bands at level alpha follow simulation_envelope.hpp. On the grid d_0..d_D:
//   localised at d: K(d) > global upper band;   Gamma = sum_d max(K(d) - upper(d), 0) * step,
//   dispersed at d: K(d) < global lower band and Gamma = 0;
//                   Psi = sum_d max(lower(d) - K(d), 0) * step when Gamma = 0, else 0.
// (At DO's 1-km step the sums are DO's Gamma and Psi.) A localised industry is not also called
// dispersed: K integrates to 1, so excess mass at short distances forces a deficit elsewhere.
//
// Approach: the kernel sum runs per pair over the grid points within 9 h of d_ij (the dropped
// tails are below 3e-18 of the peak) with the Gaussian stepped by a two-term multiplicative
// recurrence (three exp per pair, then two multiplications per grid point). Industries with
// more than max_firms firms are represented by a fixed random subset of max_firms of them, and
// the counterfactuals draw as many sites: the distances of a random subset of firms follow the
// same distribution, at O(max_firms^2) per curve. Simulations run in parallel, simulation s of
// industry i seeded by derive_seed(seed_i, s) with seed_i = derive_seed(derive_seed(seed,
// kDurantonOvermanStream), i), so the numbers do not depend on the thread count.
//
// Complexity: per industry O((S + 1) (m^2 (log m + W))) with m = min(n, max_firms) and W the
// grid points within 9 h of a distance (at most the grid size), plus O(S D log S) for the bands.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "algorithms/spatial/distance_sites.hpp"
#include "algorithms/spatial/simulation_envelope.hpp"
#include "graph/progress.hpp"

namespace firmnet::spatial {

inline constexpr double kKernelCutoff = 9.0;  // kernel tails beyond this many bandwidths are dropped

/// Silverman's rule-of-thumb bandwidth 0.9 min(sd, IQR / 1.34) P^(-1/5) of P values (sample sd,
/// quartiles by linear interpolation between order statistics); when one of sd and IQR / 1.34
/// is 0 the other is used; 0 when both are (or P < 2). O(P).
double silverman_bandwidth(std::span<const double> distances);

/// K on the grid (`out`, grid.points values) from pair distances and pair weights (empty =
/// all 1) with bandwidth h > 0, by the recurrence above; NaN everywhere when the weights sum to
/// 0. O(P W).
void k_density(std::span<const double> distances, std::span<const double> pair_weights, double bandwidth,
               const DistanceGrid& grid, std::span<double> out);

struct DurantonOvermanRequest {
  std::uint64_t min_firms = 5;     // industries with fewer sites get no curve (at least 2)
  std::size_t simulations = 1000;  // counterfactual draws; 0 = curves without bands
  std::size_t max_firms = 500;     // larger industries are represented by this many random firms
  double alpha = 0.05;             // band level: local 5%/95% bands, global bands crossed by <= 5%
  std::uint64_t seed = 0;
};

struct DurantonOvermanCurve {
  std::uint32_t industry = 0;    // index into DistanceSites::industry_names
  std::uint64_t firms = 0;       // sites of the industry
  std::uint64_t firms_used = 0;  // min(firms, max_firms)
  double bandwidth_km = 0;
  std::vector<double> k;         // per grid point
  Envelope envelope;             // bands per grid point (NaN without simulations)
  std::vector<DistanceStatus> status;
  double localisation = 0, dispersion = 0;  // Gamma and Psi; NaN without simulations
  bool subsampled() const { return firms_used < firms; }
};

struct DurantonOvermanOutcome {
  std::vector<DurantonOvermanCurve> industries;  // industries with >= min_firms sites, by name
};

/// K-densities with bands for every industry of `sites` with at least min_firms sites.
/// Throws UsageError for min_firms or max_firms below 2 or alpha outside (0, 1).
/// O(industries (S + 1) m^2 (log m + W)).
DurantonOvermanOutcome run_duranton_overman(const DistanceSites& sites, const DistanceGrid& grid,
                                            const DurantonOvermanRequest& request, const Progress& progress = {});

}  // namespace firmnet::spatial

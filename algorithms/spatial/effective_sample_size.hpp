// Effective sample size of Markov chain samples: how many independent draws the correlated
// replicates of the park test's swap chains are worth (docs/METHODS.md, "Mixing of the chains").
//
// Reference: Geyer, C. J. (1992), "Practical Markov chain Monte Carlo", Statistical Science
// 7(4), 473-483 (the initial positive sequence estimator); Vehtari, Gelman, Simpson, Carpenter
// & Bürkner (2021), "Rank-normalization, folding, and localization: an improved R-hat for
// assessing convergence of MCMC", Bayesian Analysis 16(2) (autocorrelations pooled over chains).
//
// Formula: with C chains of N samples each (R = C N), mean mu and variance s^2 over all
// samples, the lag-k autocorrelation pooled over chains is
//   rho_k = sum_c sum_{t < N - k} (x_{c,t} - mu)(x_{c,t+k} - mu) / (C (N - k) s^2),
// the integrated autocorrelation time tau = -1 + 2 sum_{j=0}^{J} (rho_{2j} + rho_{2j+1}), the
// sum running while the pair sums Gamma_j = rho_{2j} + rho_{2j+1} stay positive, each pair
// sum capped at the one before (rho_0 = 1; Geyer's initial monotone sequence, which bounds the
// noise of the truncated sum), and
// ESS = R / tau, capped at R.
//
// Approach: one pass per lag over the samples; lags stop at the first non-positive pair sum or
// at N - 1. Complexity O(R K), K the lags used (at most N).
#pragma once
#include <cstdint>
#include <vector>

namespace firmnet::spatial {

/// Effective sample size of one quantity sampled along `chains` Markov chains, interleaved as
/// the park test stores them: samples[r] belongs to chain r % chains, and successive samples
/// of a chain are `chains` apart. A constant series (no variance) returns R; fewer than two
/// samples per chain returns R as well (nothing to estimate). O(R K), K <= R / chains lags.
double effective_sample_size(const std::vector<double>& samples, int chains);

}  // namespace firmnet::spatial

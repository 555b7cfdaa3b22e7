// Empirical p-values (Davison & Hinkley 1997; North, Curtis & Sham 2002) and Benjamini-Hochberg
// (1995) q-values; docs/METHODS.md, "Significance against a null model".
#pragma once
#include <cstdint>
#include <vector>

namespace firmnet::spatial {

/// (r + 1) / (R + 1): r of R null replicates are at least as extreme as the observation. O(1).
double empirical_p_value(std::uint64_t at_least, std::uint64_t replicates);

/// Monte Carlo standard error of an empirical p-value estimated from `effective` independent
/// replicates' worth of samples: sqrt(p (1 - p) / effective); NaN when effective <= 0. O(1).
double monte_carlo_standard_error(double p, double effective);

/// Benjamini & Hochberg (1995) adjusted p-values (q-values): q_(k) = min_{j >= k} m p_(j) / j,
/// capped at 1. NaN entries are not tests: they stay NaN and do not count in m. O(m log m).
std::vector<double> benjamini_hochberg(const std::vector<double>& p_values);

}  // namespace firmnet::spatial

#include "algorithms/spatial/multiple_testing.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace firmnet::spatial {

double empirical_p_value(std::uint64_t at_least, std::uint64_t replicates) {
  return static_cast<double>(at_least + 1) / static_cast<double>(replicates + 1);
}

std::vector<double> benjamini_hochberg(const std::vector<double>& p_values) {
  std::vector<std::size_t> tested;
  for (std::size_t i = 0; i < p_values.size(); ++i)
    if (!std::isnan(p_values[i])) tested.push_back(i);
  std::stable_sort(tested.begin(), tested.end(), [&](auto a, auto b) { return p_values[a] < p_values[b]; });
  std::vector<double> q(p_values.size(), std::nan(""));
  const double m = static_cast<double>(tested.size());
  double running = 1.0;
  for (std::size_t k = tested.size(); k-- > 0;) {
    running = std::min(running, p_values[tested[k]] * m / static_cast<double>(k + 1));
    q[tested[k]] = std::min(1.0, running);
  }
  return q;
}

double monte_carlo_standard_error(double p, double effective) {
  if (!(effective > 0)) return std::nan("");
  return std::sqrt(p * (1 - p) / effective);
}

}  // namespace firmnet::spatial

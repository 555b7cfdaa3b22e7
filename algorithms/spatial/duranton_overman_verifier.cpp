#include "algorithms/spatial/duranton_overman_verifier.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace firmnet::spatial {

Verification verify_k_density(std::span<const double> distances, std::span<const double> pair_weights,
                              double bandwidth, const DistanceGrid& grid, const std::vector<double>& k) {
  Verification out;
  const double h = bandwidth;
  double total_weight = 0, max_distance = 0;
  for (std::size_t p = 0; p < distances.size(); ++p) {
    total_weight += pair_weights.empty() ? 1.0 : pair_weights[p];
    max_distance = std::max(max_distance, distances[p]);
  }
  // The formula as written, every pair and both terms, no cut-off.
  auto density = [&](double d) {
    double sum = 0;
    for (std::size_t p = 0; p < distances.size(); ++p) {
      const double w = pair_weights.empty() ? 1.0 : pair_weights[p];
      const double a = (d - distances[p]) / h, b = (d + distances[p]) / h;
      sum += w * (std::exp(-a * a / 2) + std::exp(-b * b / 2)) / std::sqrt(2 * std::numbers::pi);
    }
    return sum / (h * total_weight);
  };
  double largest = 0;
  for (double v : k) largest = std::max(largest, v);
  for (std::size_t i = 0; i < k.size(); ++i) {
    if (!(k[i] >= 0)) out.fail("K < 0 or NaN at grid point " + std::to_string(i));
    const double expected = density(grid.at(i));
    if (std::fabs(k[i] - expected) > 1e-9 * largest)
      out.fail("K at " + std::to_string(grid.at(i)) + " km is " + std::to_string(k[i]) + ", the formula gives " +
                         std::to_string(expected));
  }
  // Simpson's rule with panels no wider than h / 8 (and at least 4000, an even count).
  const double end = max_distance + 12 * h;
  const auto panels = static_cast<std::int64_t>(2 * std::ceil(std::max(2000.0, 4 * end / h)));
  const double width = end / static_cast<double>(panels);
  double integral = density(0) + density(end);
  for (std::int64_t j = 1; j < panels; ++j) integral += (j % 2 ? 4 : 2) * density(static_cast<double>(j) * width);
  integral *= width / 3;
  if (std::fabs(integral - 1) > 1e-6) out.fail("K integrates to " + std::to_string(integral) + ", not 1");
  return out;
}

}  // namespace firmnet::spatial

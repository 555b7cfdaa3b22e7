#include "algorithms/spatial/effective_sample_size.hpp"

#include <algorithm>
#include <cstddef>

namespace firmnet::spatial {

double effective_sample_size(const std::vector<double>& samples, int chains) {
  const std::size_t total = samples.size();
  const auto c = static_cast<std::size_t>(std::max(chains, 1));
  const std::size_t per_chain = total / c;  // a trailing partial round is left out of the lags
  if (per_chain < 2) return static_cast<double>(total);
  double mean = 0;
  for (const double x : samples) mean += x;
  mean /= static_cast<double>(total);
  double variance = 0;
  for (const double x : samples) variance += (x - mean) * (x - mean);
  variance /= static_cast<double>(total);
  if (!(variance > 0)) return static_cast<double>(total);

  auto autocorrelation = [&](std::size_t lag) {
    double sum = 0;
    for (std::size_t t = 0; t + lag < per_chain; ++t)
      for (std::size_t k = 0; k < c; ++k) sum += (samples[t * c + k] - mean) * (samples[(t + lag) * c + k] - mean);
    return sum / (static_cast<double>(c * (per_chain - lag)) * variance);
  };
  double tau = -1, previous_pair = 2;
  for (std::size_t lag = 0; lag + 1 < per_chain; lag += 2) {
    // Pair sums of a reversible chain are positive and decreasing; noise past the point where
    // they vanish is cut off (positive) and smoothed (monotone).
    const double pair = std::min(previous_pair, (lag == 0 ? 1.0 : autocorrelation(lag)) + autocorrelation(lag + 1));
    if (!(pair > 0)) break;
    tau += 2 * pair;
    previous_pair = pair;
  }
  tau = std::max(tau, 1.0);
  return static_cast<double>(total) / tau;
}

}  // namespace firmnet::spatial

#include "algorithms/centrality/katz.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "graph/errors.hpp"

namespace firmnet::centrality {

KatzResult katz_centrality(const Adjacency& adjacency, const KatzOptions& options) {
  if (!(options.alpha > 0.0) || !(options.beta > 0.0)) throw UsageError("Katz alpha and beta must be positive");
  const NodeId n = adjacency.node_count();
  const auto nn = static_cast<std::int64_t>(n);
  const WeightedCsr& in = adjacency.in();
  std::vector<double> x(n, options.beta), next(n);
  KatzResult result;
  double previous_change = std::numeric_limits<double>::infinity();
  int growing = 0;
  for (int iteration = 1; iteration <= options.max_iterations; ++iteration) {
    double change = 0.0, largest = 0.0;
#pragma omp parallel for schedule(static, 1024) reduction(max : change, largest)
    for (std::int64_t v = 0; v < nn; ++v) {
      double sum = 0.0;
      for (EdgeId i = in.offsets[v]; i < in.offsets[v + 1]; ++i)
        sum += (options.weighted ? in.weights[i] : 1.0) * x[in.targets[i]];
      next[v] = options.alpha * sum + options.beta;
      change = std::max(change, std::abs(next[v] - x[v]));
      largest = std::max(largest, next[v]);
    }
    x.swap(next);
    result.iterations = iteration;
    if (change <= options.tolerance * largest) {
      result.converged = true;
      break;
    }
    // The change shrinks geometrically when alpha < 1/lambda_max and grows otherwise.
    growing = change >= previous_change ? growing + 1 : 0;
    if (growing >= 50 || !std::isfinite(largest))
      throw UsageError("Katz iteration diverges: alpha must be below 1 / (largest eigenvalue of the adjacency)");
    previous_change = change;
  }
  result.scores = std::move(x);
  return result;
}

}  // namespace firmnet::centrality

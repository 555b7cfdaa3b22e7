#include "algorithms/centrality/eigenvector.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace firmnet::centrality {

EigenvectorResult eigenvector_centrality(const Adjacency& adjacency, const SpectralOptions& options) {
  const NodeId n = adjacency.node_count();
  const auto nn = static_cast<std::int64_t>(n);
  const WeightedCsr& in = adjacency.in();
  EigenvectorResult result;
  result.scores.assign(n, 0.0);
  if (in.entry_count() == 0) {
    result.converged = true;
    return result;
  }
  std::vector<double> x(n, 1.0), next(n);
  for (int iteration = 1; iteration <= options.max_iterations; ++iteration) {
    double largest = 0.0;
#pragma omp parallel for schedule(static, 1024) reduction(max : largest)
    for (std::int64_t v = 0; v < nn; ++v) {
      double sum = x[v];  // the shift: (A^T + I) x
      for (EdgeId i = in.offsets[v]; i < in.offsets[v + 1]; ++i)
        sum += (options.weighted ? in.weights[i] : 1.0) * x[in.targets[i]];
      next[v] = sum;
      largest = std::max(largest, sum);
    }
    double change = 0.0;
#pragma omp parallel for schedule(static) reduction(max : change)
    for (std::int64_t v = 0; v < nn; ++v) {
      next[v] /= largest;
      change = std::max(change, std::abs(next[v] - x[v]));
    }
    x.swap(next);
    result.iterations = iteration;
    result.eigenvalue = largest - 1.0;  // x was max-scaled, so max((A^T + I) x) -> lambda + 1
    if (change < options.tolerance) {
      result.converged = true;
      break;
    }
  }
  result.scores = std::move(x);
  return result;
}

}  // namespace firmnet::centrality

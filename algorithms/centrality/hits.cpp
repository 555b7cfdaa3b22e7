#include "algorithms/centrality/hits.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace firmnet::centrality {

namespace {

// result_v = sum over row v of w * source_u; returns max result.
double multiply(const WeightedCsr& rows, const std::vector<double>& source, bool weighted,
                std::vector<double>& result) {
  double largest = 0.0;
  const auto n = static_cast<std::int64_t>(rows.node_count());
#pragma omp parallel for schedule(static, 1024) reduction(max : largest)
  for (std::int64_t v = 0; v < n; ++v) {
    double sum = 0.0;
    for (EdgeId i = rows.offsets[v]; i < rows.offsets[v + 1]; ++i)
      sum += (weighted ? rows.weights[i] : 1.0) * source[rows.targets[i]];
    result[v] = sum;
    largest = std::max(largest, sum);
  }
  return largest;
}

// Scales values by 1/largest and returns the max change against previous.
double scale_and_compare(std::vector<double>& values, double largest, const std::vector<double>& previous) {
  double change = 0.0;
  const auto n = static_cast<std::int64_t>(values.size());
#pragma omp parallel for schedule(static) reduction(max : change)
  for (std::int64_t v = 0; v < n; ++v) {
    values[v] /= largest;
    change = std::max(change, std::abs(values[v] - previous[v]));
  }
  return change;
}

}  // namespace

HitsResult hits(const Adjacency& adjacency, const SpectralOptions& options) {
  const NodeId n = adjacency.node_count();
  HitsResult result;
  result.hubs.assign(n, 0.0);
  result.authorities.assign(n, 0.0);
  if (adjacency.entry_count() == 0) {
    result.converged = true;
    return result;
  }
  std::vector<double> hubs(n, 1.0), authorities(n, 0.0), next_hubs(n), next_authorities(n);
  for (int iteration = 1; iteration <= options.max_iterations; ++iteration) {
    const double a_max = multiply(adjacency.in(), hubs, options.weighted, next_authorities);
    const double a_change = scale_and_compare(next_authorities, a_max, authorities);
    const double h_max = multiply(adjacency.out(), next_authorities, options.weighted, next_hubs);
    const double h_change = scale_and_compare(next_hubs, h_max, hubs);
    hubs.swap(next_hubs);
    authorities.swap(next_authorities);
    // With max-scaled vectors, max(A^T A a) -> lambda * max(a) = lambda.
    result.eigenvalue = a_max * h_max;
    result.iterations = iteration;
    if (std::max(a_change, h_change) < options.tolerance) {
      result.converged = true;
      break;
    }
  }
  result.hubs = std::move(hubs);
  result.authorities = std::move(authorities);
  return result;
}

}  // namespace firmnet::centrality

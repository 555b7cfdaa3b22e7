#include "algorithms/centrality/pagerank.hpp"

#include <cmath>
#include <cstdint>

#include "graph/errors.hpp"

namespace firmnet::centrality {

PageRankResult pagerank(const Adjacency& adjacency, const PageRankOptions& options) {
  const NodeId n = adjacency.node_count();
  const auto nn = static_cast<std::int64_t>(n);
  if (!(options.damping >= 0.0 && options.damping < 1.0))
    throw UsageError("PageRank damping must be in [0, 1)");
  if (options.max_iterations < 1) throw UsageError("PageRank needs at least one iteration");
  PageRankResult result;
  if (n == 0) {
    result.converged = true;
    return result;
  }

  std::vector<double> teleport(n, 1.0 / n);
  if (!options.personalization.empty()) {
    if (options.personalization.size() != n)
      throw UsageError("PageRank personalisation vector must have one value per node");
    double sum = 0.0;
    for (double p : options.personalization) {
      if (!(p >= 0.0) || !std::isfinite(p)) throw UsageError("PageRank personalisation values must be >= 0");
      sum += p;
    }
    if (!(sum > 0.0)) throw UsageError("PageRank personalisation vector sums to zero");
    for (NodeId v = 0; v < n; ++v) teleport[v] = options.personalization[v] / sum;
  }

  const WeightedCsr& out = adjacency.out();
  const WeightedCsr& in = adjacency.in();
  const bool weighted = options.weighted;
  // inverse_strength[u] = 1 / s_u, or 0 for dangling nodes.
  std::vector<double> inverse_strength(n);
#pragma omp parallel for schedule(static)
  for (std::int64_t u = 0; u < nn; ++u) {
    double s = 0.0;
    if (weighted) {
      for (EdgeId i = out.offsets[u]; i < out.offsets[u + 1]; ++i) s += out.weights[i];
    } else {
      s = static_cast<double>(out.offsets[u + 1] - out.offsets[u]);
    }
    inverse_strength[u] = s > 0.0 ? 1.0 / s : 0.0;
  }

  // Per iteration one pass: pull the shares of the previous iterate, and prepare the
  // shares and dangling mass of the new one. The iterate keeps summing to one analytically,
  // so it is normalised once at the end only.
  const double d = options.damping;
  std::vector<double> x(teleport), next(n), share(n), next_share(n);
  double dangling = 0.0;
  for (NodeId u = 0; u < n; ++u) {
    share[u] = x[u] * inverse_strength[u];
    if (inverse_strength[u] == 0.0) dangling += x[u];
  }
  for (int iteration = 1; iteration <= options.max_iterations; ++iteration) {
    double change = 0.0, next_dangling = 0.0;
#pragma omp parallel for schedule(static, 1024) reduction(+ : change, next_dangling)
    for (std::int64_t v = 0; v < nn; ++v) {
      double sum = 0.0;
      const EdgeId begin = in.offsets[v], end = in.offsets[v + 1];
      if (weighted) {
        for (EdgeId i = begin; i < end; ++i) sum += share[in.targets[i]] * in.weights[i];
      } else {
        for (EdgeId i = begin; i < end; ++i) sum += share[in.targets[i]];
      }
      const double value = (1.0 - d) * teleport[v] + d * (sum + dangling * teleport[v]);
      change += std::abs(value - x[v]);
      next[v] = value;
      next_share[v] = value * inverse_strength[v];
      if (inverse_strength[v] == 0.0) next_dangling += value;
    }
    x.swap(next);
    share.swap(next_share);
    dangling = next_dangling;
    result.iterations = iteration;
    result.last_change = change;
    if (change < options.tolerance) {
      result.converged = true;
      break;
    }
  }
  double total = 0.0;
  for (double value : x) total += value;
  for (double& value : x) value /= total;
  result.scores = std::move(x);
  return result;
}

}  // namespace firmnet::centrality

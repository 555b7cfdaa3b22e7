#include "algorithms/centrality/pagerank_verifier.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace firmnet::centrality {

Verification verify_pagerank(const Adjacency& adjacency, const PageRankOptions& options,
                             const PageRankResult& result) {
  Verification out;
  const NodeId n = adjacency.node_count();
  const std::vector<double>& x = result.scores;
  if (x.size() != n) {
    out.fail("PageRank has " + std::to_string(x.size()) + " scores for " + std::to_string(n) + " nodes");
    return out;
  }
  if (n == 0) return out;
  double total = 0;
  for (NodeId v = 0; v < n; ++v) {
    if (!std::isfinite(x[v]) || x[v] < 0) out.fail("node " + std::to_string(v) + " has score " + number_text(x[v]));
    total += x[v];
  }
  out.expect_close("sum of PageRank scores", total, 1.0, 0.0, 1e-9);
  if (!out.ok()) return out;
  if (!result.converged && result.iterations < options.max_iterations)
    out.fail("PageRank stopped unconverged after " + std::to_string(result.iterations) + " of " +
             std::to_string(options.max_iterations) + " iterations");

  std::vector<double> p(n, 1.0 / n);
  if (!options.personalization.empty()) {
    double sum = 0;
    for (double value : options.personalization) sum += value;
    for (NodeId v = 0; v < n; ++v) p[v] = options.personalization[v] / sum;
  }
  const WeightedCsr& rows = adjacency.out();
  const double d = options.damping;
  std::vector<double> image(n, 0.0);
  double dangling = 0;
  for (NodeId u = 0; u < n; ++u) {
    double s = 0;
    for (EdgeId i = rows.offsets[u]; i < rows.offsets[u + 1]; ++i) s += options.weighted ? rows.weights[i] : 1.0;
    if (s <= 0) {
      dangling += x[u];
      continue;
    }
    for (EdgeId i = rows.offsets[u]; i < rows.offsets[u + 1]; ++i)
      image[rows.targets[i]] += d * x[u] * (options.weighted ? rows.weights[i] : 1.0) / s;
  }
  double residual = 0;
  for (NodeId v = 0; v < n; ++v) {
    image[v] += (1 - d) * p[v] + d * dangling * p[v];
    residual += std::abs(image[v] - x[v]);
  }
  const double bound = std::max(options.tolerance, result.last_change) + 1e-12;
  if (!(residual <= bound))
    out.fail("PageRank is not a fixed point: |T(x) - x|_1 = " + number_text(residual) + " > " + number_text(bound));
  return out;
}

}  // namespace firmnet::centrality

// Katz centrality (Katz 1953, Psychometrika 18:39), in the form used by NetworKit and
// networkx:  x = alpha A^T x + beta 1,  i.e. x_v = alpha sum_{u -> v} w_uv x_u + beta,
// which counts walks ending at v, a walk of length k damped by alpha^k. The series converges
// when alpha < 1 / lambda_max(A).
// Approach: Jacobi iteration from x = beta, pull-based and parallel.
// Complexity: O(iterations (n + m)).
#pragma once
#include <vector>

#include "graph/adjacency.hpp"

namespace firmnet::centrality {

struct KatzOptions {
  double alpha = 0.05;        // attenuation; must be below 1 / lambda_max
  double beta = 1.0;          // base score of every node
  bool weighted = true;
  double tolerance = 1e-12;   // stop when max |x_new - x| <= tolerance * max x
  int max_iterations = 10000;
};

struct KatzResult {
  std::vector<double> scores;
  int iterations = 0;
  bool converged = false;
};

/// Katz centrality of every node. Throws UsageError when alpha or beta are not positive or
/// when the iteration diverges (alpha >= 1 / lambda_max). O(iterations (n + m)).
KatzResult katz_centrality(const Adjacency& adjacency, const KatzOptions& options);

}  // namespace firmnet::centrality

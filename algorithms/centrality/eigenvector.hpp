// Eigenvector centrality (Bonacich 1972): the principal eigenvector of the adjacency,
//   lambda x_v = sum_{u -> v} w_uv x_u   (directed: a node is central when central nodes point
// to it, igraph's convention; undirected: sum over neighbours), scaled so that max x = 1.
// Approach: power iteration on the shifted matrix A^T + I (same eigenvectors; the shift
// removes the oscillation of bipartite and periodic graphs), pull-based and parallel.
// Well defined for a connected undirected graph or a strongly connected directed one; on
// other graphs the mass concentrates on the component with the largest eigenvalue.
// Complexity: O(iterations (n + m)).
#pragma once
#include <vector>

#include "graph/adjacency.hpp"

namespace firmnet::centrality {

struct SpectralOptions {
  bool weighted = true;
  double tolerance = 1e-12;  // stop when the max change of the max-scaled vector is below this
  int max_iterations = 100000;
};

struct EigenvectorResult {
  std::vector<double> scores;  // max = 1 (all zero for a graph without edges)
  double eigenvalue = 0.0;
  int iterations = 0;
  bool converged = false;
};

/// Eigenvector centrality of every node. O(iterations (n + m)).
EigenvectorResult eigenvector_centrality(const Adjacency& adjacency, const SpectralOptions& options);

}  // namespace firmnet::centrality

// HITS hubs and authorities (Kleinberg 1999, J. ACM 46:604). For a supply graph a good
// authority is a customer supplied by good hubs, a good hub a supplier of good authorities:
//   a = A^T h,  h = A a,  i.e. a is the principal eigenvector of A^T A and h of A A^T,
// each scaled so that its maximum is 1 (igraph_hub_and_authority_scores with scale=true).
// Approach: alternating power iteration, pull-based (authorities over in-rows, hubs over
// out-rows), parallel over nodes. Complexity: O(iterations (n + m)).
#pragma once
#include <vector>

#include "algorithms/centrality/eigenvector.hpp"

namespace firmnet::centrality {

struct HitsResult {
  std::vector<double> hubs, authorities;  // each with max 1
  double eigenvalue = 0.0;                // principal eigenvalue of A^T A
  int iterations = 0;
  bool converged = false;
};

/// Hub and authority scores of every node. O(iterations (n + m)).
HitsResult hits(const Adjacency& adjacency, const SpectralOptions& options);

}  // namespace firmnet::centrality

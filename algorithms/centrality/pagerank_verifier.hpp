// Verifier of PageRank outcomes (pagerank.hpp), written apart from the kernel: one plain
// serial push over the out-rows (the kernel pulls over the in-rows) applies the PageRank map
//   T(x)_v = (1 - d) p_v + d (sum_{u->v} x_u w_uv / s_u + p_v sum_{u dangling} x_u)
// once to the reported scores, and checks that
//   - there is one finite, non-negative score per node and they sum to 1 (to 1e-9);
//   - the scores are a fixed point to the run's tolerance: |T(x) - x|_1 <= the larger of
//     options.tolerance and the last reported change (the map contracts by d in L1, so the
//     residual of a converged run is below d times its last change), plus 1e-12 for rounding;
//   - a run that did not converge says so (converged false) only after max_iterations.
// Complexity: O(n + m).
#pragma once
#include "algorithms/centrality/pagerank.hpp"
#include "graph/verification.hpp"

namespace firmnet::centrality {

/// Checks `result` = pagerank(adjacency, options). O(n + m).
Verification verify_pagerank(const Adjacency& adjacency, const PageRankOptions& options,
                             const PageRankResult& result);

}  // namespace firmnet::centrality

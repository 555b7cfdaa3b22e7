// Verifier of degree and strength centrality (degree.hpp), written apart from the kernel: it
// recounts from the graph view itself, not from the folded adjacency the kernel reads, so the
// projection is checked too. Per node, over the view's accepted edges:
//   directed:   out = distinct targets of u's edges, in = distinct sources, total = in + out;
//   undirected: distinct neighbours in either direction;
//   weighted:   the summed weights of those edges instead of distinct counts.
// Values must match to 1e-12 relative.
// Complexity: O(n + m log d_max) (an ordered set of neighbours per node).
#pragma once
#include <vector>

#include "algorithms/centrality/degree.hpp"
#include "graph/verification.hpp"
#include "graph/views.hpp"

namespace firmnet::centrality {

/// Checks `values` = degree_centrality(Adjacency::of(view, directed), mode, weighted).
/// O(n + m log d_max).
Verification verify_degree(const GraphView& view, bool directed, DegreeMode mode, bool weighted,
                           const std::vector<double>& values);

}  // namespace firmnet::centrality

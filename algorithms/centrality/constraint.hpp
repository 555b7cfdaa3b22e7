// Burt's constraint (Burt 1992, "Structural Holes"; igraph_constraint):
//   c_i = sum_{j in N(i)} ( p_ij + sum_{q in N(i), q != j} p_iq p_qj )^2,
//   p_ij = (a_ij + a_ji) / sum_k (a_ik + a_ki),
// with a_ij the (summed) weight of i -> j, or 1 per neighbour when unweighted. Low constraint marks a
// broker spanning structural holes (intermediaries, associations); isolated nodes get NaN.
// Works on the undirected projection, where the row weight is exactly a_ij + a_ji.
// Approach: per node, a sparse accumulator of the indirect terms over its two-step
// neighbourhood, then the squares summed over the direct neighbours; parallel over nodes.
// Complexity: O(sum_i sum_{q in N(i)} d_q).
#pragma once
#include <vector>

#include "graph/adjacency.hpp"

namespace firmnet::centrality {

/// Constraint of every node; the adjacency must be undirected (Adjacency::undirected).
/// Throws UsageError for a directed adjacency. O(sum of two-step neighbourhood sizes).
std::vector<double> burt_constraint(const Adjacency& adjacency, bool weighted);

}  // namespace firmnet::centrality

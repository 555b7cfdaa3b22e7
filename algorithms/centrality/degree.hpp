// Degree and strength centrality.
// Degree counts distinct neighbours of the simple projection (Adjacency); strength sums the
// folded edge weights (Barrat et al. 2004, "s_i = sum_j w_ij"). O(n), parallel.
#pragma once
#include <vector>

#include "graph/adjacency.hpp"

namespace firmnet::centrality {

/// Which side of a directed node counts: in (customers count suppliers), out, or both.
enum class DegreeMode { in, out, total };

/// Per node: in-, out- or total (in + out) degree, or the matching strength when weighted.
/// On an undirected adjacency every mode gives the plain degree (strength). O(n).
std::vector<double> degree_centrality(const Adjacency& adjacency, DegreeMode mode, bool weighted);

}  // namespace firmnet::centrality

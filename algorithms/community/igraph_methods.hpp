// Community methods offered through igraph (via algorithms/igraph_adapter), for breadth and
// as references in tests:
//   infomap (Rosvall & Bergstrom, PNAS 105:1118, 2008) on the directed graph, following flows;
//   label propagation (Raghavan, Albert & Kumara, PRE 76:036106, 2007);
//   walktrap (Pons & Latapy, JGAA 10:191, 2006);
//   fast greedy modularity (Clauset, Newman & Moore, PRE 70:066111, 2004);
//   igraph's Leiden (Traag et al. 2019) with the modularity or CPM objective.
// Complexities are igraph's: infomap O(trials * m * iterations), label propagation ~O(m),
// walktrap O(m n^2) worst case (O(n^2 log n) on sparse graphs), fast greedy O(m d log n).
// Every function seeds igraph's default RNG with `seed` first, so results are reproducible;
// igraph's RNG is global, so these functions must not run concurrently.
// Returned memberships are relabelled by decreasing community size (canonical_relabel).
#pragma once
#include <cstdint>

#include "algorithms/community/leiden.hpp"
#include "graph/views.hpp"

namespace firmnet::community {

/// Infomap on a directed CSR (directed_csr: row u lists u -> v with summed weights).
/// codelength, when given, receives the map equation's code length in bits.
/// O(trials * m * iterations) (igraph's estimate).
Membership infomap(const WeightedCsr& directed, int trials, std::uint64_t seed, double* codelength = nullptr);

/// Weighted label propagation on a symmetric CSR (undirected_projection). About O(m) per sweep.
Membership label_propagation(const WeightedCsr& symmetric, std::uint64_t seed);

/// Walktrap with random walks of `steps` steps (4 is the authors' default); the dendrogram is
/// cut at maximal modularity. O(m n^2) worst case, O(n^2 log n) on sparse graphs.
Membership walktrap(const WeightedCsr& symmetric, int steps);

/// Fast greedy modularity agglomeration, cut at maximal modularity. O(m d log n), d the depth
/// of the dendrogram.
Membership fast_greedy(const WeightedCsr& symmetric);

/// igraph_community_leiden. Modularity: node weights = strengths and resolution gamma / 2m;
/// CPM: node weights 1 and resolution gamma. iterations < 0 runs to convergence.
/// beta is the randomness of the refinement (igraph's default 0.01). O(m) per pass over the
/// nodes (igraph's implementation).
Membership igraph_leiden(const WeightedCsr& symmetric, Objective objective, double resolution, int iterations,
                         std::uint64_t seed, double beta = 0.01);

}  // namespace firmnet::community

// Partition quality functions (docs/community.md, "Definitions"):
//   undirected modularity  Q = (1/2m) sum_ij [A_ij - gamma k_i k_j / 2m] delta(c_i, c_j)
//     (Newman & Girvan 2004; resolution after Reichardt & Bornholdt 2006);
//   directed modularity    Q = (1/m) sum_ij [A_ij - gamma k_i^out k_j^in / m] delta(c_i, c_j)
//     (Leicht & Newman, PRL 100:118703, 2008);
//   CPM                    H = sum_c [e_c - gamma n_c (n_c - 1) / 2]
//     (Traag, Van Dooren & Nesterov, PRE 84:016114, 2011).
// Each is one pass over the CSR entries: O(n + m) time, O(n + k) memory for k communities.
// The undirected forms sum fixed blocks of nodes in parallel and add the block sums in
// order; the directed form runs sequentially in node order. No value depends on the thread
// count.
#pragma once
#include <cstdint>
#include <span>

#include "graph/views.hpp"

namespace firmnet::community {

/// Undirected modularity of membership (labels >= 0, size n) on a symmetric CSR without
/// self-loops (undirected_projection): each undirected pair appears in both rows, so
/// 2m = sum of all entries. Returns 0 for a graph without weight. O(n + m).
double modularity(const WeightedCsr& symmetric, std::span<const std::int64_t> membership, double resolution = 1.0);

/// Directed (Leicht-Newman) modularity on a directed CSR (directed_csr: row u lists u -> v),
/// m = sum of all entries. Returns 0 for a graph without weight. O(n + m).
double directed_modularity(const WeightedCsr& directed, std::span<const std::int64_t> membership,
                           double resolution = 1.0);

/// CPM quality on a symmetric CSR: e_c is the internal weight of community c (each pair once)
/// and n_c its node count. O(n + m).
double cpm_quality(const WeightedCsr& symmetric, std::span<const std::int64_t> membership, double resolution = 1.0);

}  // namespace firmnet::community

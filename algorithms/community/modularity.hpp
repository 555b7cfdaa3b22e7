// Partition quality functions (docs/community.md, "Definitions"):
//   undirected modularity  Q = (1/2m) sum_ij [A_ij - gamma k_i k_j / 2m] delta(c_i, c_j)
//     (Newman & Girvan 2004; resolution after Reichardt & Bornholdt 2006);
//   directed modularity    Q = (1/m) sum_ij [A_ij - gamma k_i^out k_j^in / m] delta(c_i, c_j)
//     (Leicht & Newman, PRL 100:118703, 2008);
//   CPM                    H = sum_c [e_c - gamma n_c (n_c - 1) / 2]
//     (Traag, Van Dooren & Nesterov, PRE 84:016114, 2011);
//   spatial modularity     Q_spa = (1/2m) sum_ij [A_ij - gamma N_i N_j f(d_ij)] delta(c_i, c_j)
//     (Expert, Evans, Blondel & Lambiotte, PNAS 108:7663, 2011), N_i = strength, f the
//     deterrence function of deterrence_function.hpp (self-pairs included, as in modularity).
// Each is one pass over the CSR entries: O(n + m) time, O(n + k) memory for k communities;
// the spatial modularity adds the null term per community over its site histogram.
// The undirected forms sum fixed blocks of nodes in parallel and add the block sums in
// order; the directed form runs sequentially in node order. No value depends on the thread
// count.
#pragma once
#include <cstdint>
#include <span>

#include "algorithms/community/deterrence_function.hpp"
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

/// Spatial modularity on a symmetric CSR without self-loops, with the deterrence function f
/// fitted on it (fit_deterrence(symmetric, coordinates)): the null of community c,
/// sum_{i,j in c} N_i N_j f(d_ij), is summed over the pairs of its site histogram, so the
/// value is exact on exact sites and, on grid sites, that of the coarse-grained geography the
/// fit used. With one distance bin (or no coordinates) it equals modularity(). Returns 0 for a
/// graph without weight. Throws UsageError on size mismatches.
/// O(n log n + m + sum_c sites(c)^2 log B), the last term in parallel over fixed blocks.
double spatial_modularity(const WeightedCsr& symmetric, std::span<const std::int64_t> membership,
                          Coordinates coordinates, const DeterrenceFunction& deterrence, double resolution = 1.0);
/// The same with the sites already built (Leiden builds them once per run). Same cost without
/// the O(n log n) of the sites.
double spatial_modularity(const WeightedCsr& symmetric, std::span<const std::int64_t> membership,
                          const SpatialNull& null, double resolution = 1.0);

}  // namespace firmnet::community

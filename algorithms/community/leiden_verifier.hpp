// Verifier of Leiden and Louvain outcomes (leiden.hpp), written apart from the engine: serial,
// plain maps and BFS, no code shared with it. It checks that
//   - the membership labels every node with 0..k-1, k = community_count, each label used,
//     communities numbered by decreasing size;
//   - (Leiden only) every community is connected in the undirected graph (a BFS inside each
//     community; Louvain may return disconnected communities, so it is not checked there);
//   - the reported quality equals the one recomputed from scratch by the plain formulas
//       modularity Q = (1/2m) sum_c [2 e_c - gamma vol_c^2 / 2m]   (Newman & Girvan 2004),
//       CPM        H = sum_c [e_c - gamma n_c (n_c - 1) / 2]          (Traag et al. 2011),
//     e_c the internal weight (each pair once), vol_c the summed strength, n_c the size,
//     to 1e-9 relative; for the spatial modularity (Expert et al. 2011) on exact sites,
//       Q_spa = (1/2m) [sum_c 2 e_c - gamma sum_c sum_{i,j in c} N_i N_j f(d_ij)]
//     pair by pair with haversine distances (O(sum_c n_c^2), skipped above 4e7 pairs or on
//     grid sites, with a note);
//   - when the run converged (no iteration cap reached, pass_stop_fraction 0), no single node
//     move (into a neighbouring community or a new one) raises the quality by more than the
//     run's own stopping margin, tolerance * |quality|: its last node-level local moving
//     gained no more.
//     Checked on every node of small graphs and on a uniform sample of large ones (modularity
//     and CPM only).
// Complexity: O(n + m) for labels, connectivity and quality; O(sum of sampled degrees * log)
// for the move check.
#pragma once
#include <cstddef>

#include "algorithms/community/leiden.hpp"
#include "graph/verification.hpp"
#include "graph/views.hpp"

namespace firmnet::community {

/// Checks a Leiden or Louvain result against the symmetric CSR and options it was computed
/// with. The move check visits min(n, move_sample) nodes, drawn with options.seed.
/// O(n + m + sampled degrees * log(degree)).
Verification verify_leiden(const WeightedCsr& graph, const LeidenOptions& options, const LeidenResult& result,
                           std::size_t move_sample = 2000);

}  // namespace firmnet::community

// Parallel k-core coreness by level-synchronous peeling: PKC (Kabir & Madduri, "Parallel
// k-core decomposition on multicore platforms", IPDPSW 2017).
//   core(v) = max { k : v belongs to the k-core }, the k-core being the maximal subgraph in
//   which every node has degree >= k (Seidman 1983).
// Approach: levels k = 0, 1, ...; at level k each thread scans its own list of unpeeled nodes
// (compacting it as it goes, PKC's "o" variant), takes those of degree k into a private
// frontier, and peels them: each neighbour u that loses the peeled node gets an atomic
// decrement, and the thread whose decrement brings u to k adds u to its own frontier; a
// decrement that would take u below k is undone. Levels with no node jump to the lowest
// remaining degree. Coreness is unique, so the result is the same on any thread count.
// Peeling prefetches the degree slots a few entries ahead in each row, so the scattered misses
// overlap; on one thread the decrements are plain, since a locked instruction would keep the
// following loads from starting.
// Degrees count the simple projection exactly as coreness() does (algorithms/centrality/coreness.hpp).
// Work O(n + m + sum over levels of the unpeeled nodes), two barriers per non-empty level.
#pragma once
#include <cstdint>
#include <vector>

#include "graph/adjacency.hpp"
#include "algorithms/centrality/degree.hpp"

namespace firmnet::centrality {

/// Coreness of every node, computed in parallel (PKC). Same modes and values as
/// batagelj_zaversnik_coreness; the scans shrink with the unpeeled set and skip empty levels,
/// so heavy-tailed graphs cost about O(n + m). Worst case O(n·k_max + m).
std::vector<std::int64_t> pkc_coreness(const Adjacency& adjacency, DegreeMode mode);

}  // namespace firmnet::centrality

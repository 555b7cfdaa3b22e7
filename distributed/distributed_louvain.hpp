// Distributed Louvain community detection with a connectivity refinement, after Ghosh et al.
// 2018, "Distributed Louvain algorithm for graph community detection" (IPDPS; the Vite design),
// on the undirected weight-summed projection (w(u,v) = all u->v plus all v->u weight, as
// firmnet's single-process Leiden uses, graph/views.hpp undirected_projection).
// Modularity: Q = sum_c [ in_c / 2m - gamma (tot_c / 2m)^2 ], in_c the weight of entries inside c
// (both directions), tot_c the summed strength of c's nodes.
// Each level:
//  1. Local moving: every rank sweeps its owned nodes in order and moves each to the neighbour
//     community of largest gain k_{i,c} - gamma k_i tot_c / 2m (ties to the smaller label),
//     updating its own copy of the totals at once; before each of a sweep's four batches of
//     nodes the ghosts' labels are exchanged and the community totals re-summed at each community's owner (the rank owning
//     the node whose id labels it) and fetched back (the "ghost community information" of the
//     paper). Two singletons only merge towards the smaller label (the heuristic of Lu,
//     Halappanavar & Kalyanaraman 2015), which stops pairs swapping forever. Sweeps stop when
//     Q gains less than 1e-6 or after 32 sweeps.
//  2. Refinement (what keeps communities connected, as Leiden's refinement does; Traag,
//     Waltman & van Eck 2019): every community is split into its connected components, by
//     min-label propagation over the edges inside it. A split of a disconnected community only
//     raises Q (it removes the 2 gamma tot_a tot_b / (2m)^2 penalty between the parts and no
//     inner weight).
//  3. Aggregation: each component becomes one node of the next level (numbered in order of its
//     smallest node, so each rank keeps a contiguous block), edges between components summed,
//     inner weight kept as a self entry; the next level starts from the moved (unrefined)
//     communities, as Leiden does, and levels go on until one merges nothing.
// Passes repeat the levels from the last pass's communities until modularity stops rising
// (as firmnet's single-process Louvain and Leiden iterate).
// Complexity: O(sweeps (n + m) / p) per rank per level plus, per sweep, one ghost exchange and
// two all-to-alls of community totals; levels are few (about log n).
#pragma once
#include <cstdint>
#include <vector>

#include "distributed/distributed_graph.hpp"

namespace firmnet::distributed {

struct DistributedLouvainOptions {
  double resolution = 1.0;  // gamma
  int max_sweeps = 32;      // per level
  int max_levels = 20;      // per pass
  int max_passes = 10;      // passes from the previous communities, until no improvement
};

struct DistributedLouvain {
  std::vector<std::int64_t> membership;  // per owned node: community 0..count-1, every one connected
  std::uint64_t count = 0;
  double modularity = 0;                  // of the final membership, at gamma
  int levels = 0;                         // over all passes
  std::uint64_t bytes_per_level = 0;      // all ranks' bytes sent, averaged over the levels
};

/// Communities of the owned nodes. Collective. O(levels sweeps (n + m) / p) per rank.
DistributedLouvain distributed_louvain(const DistributedGraph& graph, const DistributedLouvainOptions& options);

}  // namespace firmnet::distributed

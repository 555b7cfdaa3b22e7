// k-core coreness of a DistributedGraph by h-index iteration (Lü, Zhou, Zhang & Stanley 2016,
// "The H-index of a network node and its relation to degree and coreness", Nat. Commun. 7:10168;
// the distributed protocol of Montresor, De Pellegrini & Miorandi 2013, "Distributed k-core
// decomposition", IEEE TPDS): h_v starts at v's degree and is repeatedly replaced by the
// largest h such that at least h neighbours have a value >= h, ghosts' values exchanged each
// round; the values only fall and stop exactly at the coreness. Degrees count distinct
// neighbours in either direction, as algorithms/centrality/coreness.hpp's total mode does,
// so the values are identical to it.
// Complexity: O(R (n + m) / p) per rank for R rounds (R <= max coreness-bound steps, small in
// practice), one ghost exchange and one allreduce per round.
#pragma once
#include <cstdint>
#include <vector>

#include "distributed/distributed_graph.hpp"

namespace firmnet::distributed {

struct DistributedCoreness {
  std::vector<std::int64_t> coreness;  // per owned node
  int rounds = 0;
};

/// Undirected (total-degree) coreness of the owned nodes. Collective. O(R (n + m) / p).
DistributedCoreness distributed_coreness(const DistributedGraph& graph);

}  // namespace firmnet::distributed

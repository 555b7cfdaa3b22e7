// The check that the parts of a DistributedGraph together are the graph: written simply and
// serially at rank 0, against the single-process loader. Every rank sends its out-entries
// (u, v, w) and in-entries (v <- u, w) by global node id; rank 0 loads the whole file with
// io/network_store.hpp's load_network, folds it with Adjacency::directed (through the graph's
// EdgeFilter), and checks that
// the out-entries of all ranks are exactly its entries (each once, same summed weight), that
// the in-entries are the same set seen from the targets, that the partition covers 0..n-1 in
// order, and that each rank's ghosts are exactly its remote endpoints.
#pragma once
#include <string>

#include "distributed/distributed_graph.hpp"
#include "graph/verification.hpp"

namespace firmnet::distributed {

/// Collective; the Verification is filled at rank 0 (empty elsewhere). O(n + m) at rank 0.
Verification verify_distributed_graph(const DistributedGraph& graph, const std::string& path);

}  // namespace firmnet::distributed

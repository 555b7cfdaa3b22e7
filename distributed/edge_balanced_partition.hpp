// 1D vertex partition balanced by edges (the block distribution of distributed graph
// frameworks, e.g. Buluç & Madduri 2011, "Parallel breadth-first search on distributed memory
// systems", SC): rank r owns the contiguous node range [first[r], first[r+1]), cut so that
// every rank holds about (n + m) / p units, a node weighing 1 plus its out-degree.
// Approach: each rank reads an equal slice of csr/out_offsets (collective hyperslab read), finds
// the cut points that fall in its slice, and an MPI_MIN allreduce gives every rank all cuts.
// Complexity: O(n / p + p) per rank, one allreduce of p + 1 values.
#pragma once
#include <mpi.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "distributed/parallel_read.hpp"
#include "graph/types.hpp"

namespace firmnet::distributed {

struct Partition {
  std::vector<NodeId> first;  // ranks + 1 cut points, first.front() = 0, first.back() = n
  /// The rank owning node v. O(log ranks).
  int owner(NodeId v) const {
    return static_cast<int>(std::upper_bound(first.begin(), first.end(), v) - first.begin()) - 1;
  }
  /// Nodes owned by rank r. O(1).
  NodeId size_of(int r) const { return first[static_cast<std::size_t>(r) + 1] - first[static_cast<std::size_t>(r)]; }
};

/// The edge-balanced partition of the file's nodes over the ranks of comm. Collective.
/// O(n / p + p) per rank.
Partition edge_balanced_partition(const ParallelFile& file, MPI_Comm comm);

}  // namespace firmnet::distributed

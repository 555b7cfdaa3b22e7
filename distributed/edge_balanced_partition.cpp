#include "distributed/edge_balanced_partition.hpp"

#include <limits>

#include "distributed/mpi_support.hpp"

namespace firmnet::distributed {

Partition edge_balanced_partition(const ParallelFile& file, MPI_Comm comm) {
  int rank = 0, ranks = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &ranks);
  const std::uint64_t n = file.node_count(), m = file.edge_count();
  // This rank's slice of the n + 1 offsets, equal by node count.
  const std::uint64_t slice_first = n * static_cast<std::uint64_t>(rank) / static_cast<std::uint64_t>(ranks);
  const std::uint64_t slice_end = n * static_cast<std::uint64_t>(rank + 1) / static_cast<std::uint64_t>(ranks);
  const std::vector<std::uint64_t> offsets = file.read_rows<std::uint64_t>("csr/out_offsets", slice_first, slice_end - slice_first);
  // Cut r is the first node u whose work before it, u + out_offsets[u], reaches r (n + m) / p.
  std::vector<std::uint64_t> cuts(static_cast<std::size_t>(ranks) + 1, std::numeric_limits<std::uint64_t>::max());
  const std::uint64_t total = n + m;
  for (int r = 0; r <= ranks; ++r) {
    const std::uint64_t goal = total * static_cast<std::uint64_t>(r) / static_cast<std::uint64_t>(ranks);
    std::uint64_t lo = 0, hi = offsets.size();  // first index in the slice reaching goal
    while (lo < hi) {
      const std::uint64_t mid = (lo + hi) / 2;
      if (slice_first + mid + offsets[mid] >= goal) hi = mid;
      else lo = mid + 1;
    }
    if (lo < offsets.size()) cuts[static_cast<std::size_t>(r)] = slice_first + lo;
  }
  MPI_Allreduce(MPI_IN_PLACE, cuts.data(), ranks + 1, MPI_UINT64_T, MPI_MIN, comm);
  Partition partition;
  partition.first.resize(static_cast<std::size_t>(ranks) + 1);
  for (int r = 0; r <= ranks; ++r)
    partition.first[static_cast<std::size_t>(r)] = static_cast<NodeId>(std::min(cuts[static_cast<std::size_t>(r)], n));
  partition.first.front() = 0;
  partition.first.back() = static_cast<NodeId>(n);
  for (int r = 1; r <= ranks; ++r)
    partition.first[static_cast<std::size_t>(r)] =
        std::max(partition.first[static_cast<std::size_t>(r)], partition.first[static_cast<std::size_t>(r) - 1]);
  return partition;
}

}  // namespace firmnet::distributed

// firmnet's ProcessGroup (graph/process_group.hpp) over MPI_COMM_WORLD: the ranks of one
// `firmnet-mpi` job. Replicate records are exchanged with MPI_Allgatherv (sizes first), so
// every rank ends with every replicate's bytes, exactly as the single process computed them;
// fixed-point totals are added with MPI_Allreduce and a 128-bit integer sum.
// A rank that dies makes the next collective fail; OpenMPI's mpirun then ends the job
// (docs/MPI.md), before member 0 has moved any file into place.
#pragma once
#include <mpi.h>

#include <cstdint>
#include <vector>

#include "graph/process_group.hpp"

namespace firmnet::distributed {

class MpiProcessGroup final : public ProcessGroup {
 public:
  /// The group of the ranks of comm (MPI must be initialised). O(1).
  explicit MpiProcessGroup(MPI_Comm comm = MPI_COMM_WORLD);
  int rank() const override { return rank_; }
  int size() const override { return size_; }
  /// Allgathers the records each rank owns (round-robin). O(total bytes) per rank.
  void share(std::vector<std::vector<std::uint8_t>>& records) const override;
  /// MPI_Allreduce with a 128-bit integer sum. O(size) per rank.
  void add_up(std::vector<FixedPoint>& totals) const override;
  MPI_Comm comm() const { return comm_; }

 private:
  MPI_Comm comm_;
  int rank_ = 0, size_ = 1;
};

}  // namespace firmnet::distributed

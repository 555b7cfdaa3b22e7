// Collective reads of a firmnet network file (docs/FORMAT.md) with parallel HDF5: every rank
// opens the file through the MPI-IO driver and reads its own contiguous row range of a 1-D
// dataset as a hyperslab, all ranks together (H5FD_MPIO_COLLECTIVE), so that on a parallel
// file system the reads are aggregated instead of each rank seeking on its own.
#pragma once
#include <mpi.h>

#include <cstdint>
#include <string>
#include <vector>

namespace firmnet::distributed {

/// A network file open on every rank of comm for collective reads. The header is checked by
/// rank 0 with the serial reader (io/network_store.hpp read_header: format, version, the guard
/// against damaged files) before any rank opens the file.
class ParallelFile {
 public:
  /// Collective. Throws DataError (on every rank) for a missing, foreign or damaged file.
  /// O(1) in the network size.
  ParallelFile(const std::string& path, MPI_Comm comm);
  ~ParallelFile();
  ParallelFile(const ParallelFile&) = delete;
  ParallelFile& operator=(const ParallelFile&) = delete;

  std::uint64_t node_count() const { return node_count_; }
  std::uint64_t edge_count() const { return edge_count_; }
  const std::string& path() const { return path_; }

  /// Collective: rows [first, first + count) of the 1-D dataset name (e.g. "edges/target") as
  /// T; ranks may ask for different ranges, and for none (count 0). Throws DataError on a read
  /// failure. O(count).
  template <typename T>
  std::vector<T> read_rows(const char* name, std::uint64_t first, std::uint64_t count) const;

 private:
  std::string path_;
  MPI_Comm comm_;
  long long file_ = -1;  // hid_t, kept out of this header so that it needs no HDF5 include
  std::uint64_t node_count_ = 0, edge_count_ = 0;
};

}  // namespace firmnet::distributed

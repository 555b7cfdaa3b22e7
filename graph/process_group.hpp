// The process group a run belongs to: one process (the `firmnet` command, the Python module)
// or several cooperating ones (`firmnet-mpi`, docs/MPI.md). Analyses made of independent
// replicates (community runs, null-model chains) ask it which replicates this process runs and
// share the records of the others through it, so that replicate r is computed with the same
// seed, and gives the same bytes, whichever process runs it; sums over split work (betweenness
// sources) are added up through it in fixed point (graph/fixed_point_sum.hpp), the same bits in
// any order. Like OpenMP's thread count it is a property of the process, set once at start-up
// by the program that owns the processes.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "graph/fixed_point_sum.hpp"

namespace firmnet {

/// A group of cooperating processes, numbered 0..size()-1; member 0 prints and writes.
class ProcessGroup {
 public:
  virtual ~ProcessGroup() = default;
  /// This process's number and the group's size. O(1).
  virtual int rank() const = 0;
  virtual int size() const = 0;
  /// Collective: on entry records[r] holds the bytes of each replicate r this process ran (the
  /// others are ignored); on return every record holds its owner's bytes, in every process.
  /// O(total bytes) per process.
  virtual void share(std::vector<std::vector<std::uint8_t>>& records) const = 0;
  /// Collective: replaces every entry by its sum over the processes (modulo 2^128), the same
  /// bits in every process whatever the order of the additions. O(size) per process.
  virtual void add_up(std::vector<FixedPoint>& totals) const = 0;
};

/// Sets the group of this process (nullptr: a single process). The group must outlive every
/// analysis that runs in it. O(1).
void join_process_group(const ProcessGroup* group);
/// The group this process belongs to, or nullptr when it runs alone. O(1).
const ProcessGroup* process_group();

/// Whether this process runs replicate r: replicates go round-robin, r mod size. O(1).
bool runs_replicate(std::size_t replicate);
/// Whether this process writes files and prints results: a single process, or member 0. O(1).
bool writes_output();
/// Shares records as ProcessGroup::share when in a group; alone, leaves them as they are.
/// O(total bytes).
void share_replicates(std::vector<std::vector<std::uint8_t>>& records);

/// Adds totals up over the group's processes as ProcessGroup::add_up; alone, leaves them.
/// O(size).
void add_up_over_processes(std::vector<FixedPoint>& totals);

/// Appends the bytes of a trivially copyable value or array to a record, and reads them back
/// in the same order from position at; used to pass replicate outcomes between processes.
/// O(bytes).
template <typename T>
void append_bytes(std::vector<std::uint8_t>& record, const T* values, std::size_t count) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(values);
  record.insert(record.end(), bytes, bytes + count * sizeof(T));
}
template <typename T>
void read_bytes(const std::vector<std::uint8_t>& record, std::size_t& at, T* values, std::size_t count) {
  auto* bytes = reinterpret_cast<std::uint8_t*>(values);
  std::copy(record.begin() + static_cast<std::ptrdiff_t>(at),
            record.begin() + static_cast<std::ptrdiff_t>(at + count * sizeof(T)), bytes);
  at += count * sizeof(T);
}

}  // namespace firmnet

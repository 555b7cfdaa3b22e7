#include "distributed/mpi_process_group.hpp"

#include <cstring>
#include <numeric>

#include "distributed/mpi_support.hpp"

namespace firmnet::distributed {

MpiProcessGroup::MpiProcessGroup(MPI_Comm comm) : comm_(comm) {
  MPI_Comm_rank(comm_, &rank_);
  MPI_Comm_size(comm_, &size_);
}

void MpiProcessGroup::share(std::vector<std::vector<std::uint8_t>>& records) const {
  // Each rank sends the concatenation of its own records; the lengths of all records travel
  // first so that every rank can cut the gathered bytes back into records.
  const std::size_t count = records.size();
  std::vector<std::uint64_t> lengths(count, 0);
  std::vector<std::uint8_t> mine;
  for (std::size_t r = 0; r < count; ++r) {
    if (!runs_replicate(r)) continue;
    lengths[r] = records[r].size();
    mine.insert(mine.end(), records[r].begin(), records[r].end());
  }
  allreduce_sum(lengths, comm_);
  std::vector<std::uint64_t> per_rank(static_cast<std::size_t>(size_), 0);
  for (std::size_t r = 0; r < count; ++r) per_rank[r % static_cast<std::size_t>(size_)] += lengths[r];
  const std::vector<std::uint8_t> all = allgather_bytes(mine, per_rank, comm_);
  std::vector<std::uint64_t> offset(static_cast<std::size_t>(size_), 0);
  std::exclusive_scan(per_rank.begin(), per_rank.end(), offset.begin(), std::uint64_t{0});
  for (std::size_t r = 0; r < count; ++r) {
    auto& at = offset[r % static_cast<std::size_t>(size_)];
    records[r].assign(all.begin() + static_cast<std::ptrdiff_t>(at),
                      all.begin() + static_cast<std::ptrdiff_t>(at + lengths[r]));
    at += lengths[r];
  }
}

namespace {
// MPI_Op: inout[i] += in[i] for 128-bit unsigned integers (copied, as MPI's buffers need not be
// 16-byte aligned).
void add_fixed_points(void* in, void* inout, int* count, MPI_Datatype*) {
  auto* source = static_cast<const unsigned char*>(in);
  auto* target = static_cast<unsigned char*>(inout);
  for (int i = 0; i < *count; ++i) {
    FixedPoint a, b;
    std::memcpy(&a, source + i * sizeof(FixedPoint), sizeof(FixedPoint));
    std::memcpy(&b, target + i * sizeof(FixedPoint), sizeof(FixedPoint));
    b += a;
    std::memcpy(target + i * sizeof(FixedPoint), &b, sizeof(FixedPoint));
  }
}
}  // namespace

void MpiProcessGroup::add_up(std::vector<FixedPoint>& totals) const {
  MPI_Datatype wide;
  MPI_Type_contiguous(static_cast<int>(sizeof(FixedPoint)), MPI_BYTE, &wide);
  MPI_Type_commit(&wide);
  MPI_Op sum;
  MPI_Op_create(&add_fixed_points, /*commute=*/1, &sum);
  MPI_Allreduce(MPI_IN_PLACE, totals.data(), mpi_count(totals.size()), wide, sum, comm_);
  MPI_Op_free(&sum);
  MPI_Type_free(&wide);
}

}  // namespace firmnet::distributed

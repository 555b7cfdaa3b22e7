// Small typed wrappers over the MPI collectives the distributed layer uses, so that kernels
// read as algorithms: sums, exclusive prefix sums, all-to-all exchanges of typed vectors.
// Counts beyond INT_MAX elements per message are refused with a DataError rather than
// truncated (MPI-3 counts are int); at that size a job needs more ranks anyway.
#pragma once
#include <mpi.h>

#include <climits>
#include <cstdint>
#include <numeric>
#include <string>
#include <type_traits>
#include <vector>

#include "graph/errors.hpp"

namespace firmnet::distributed {

/// Bytes this process has sent to other ranks through alltoall_vectors, for the benchmark. O(1).
std::uint64_t& bytes_sent_counter();

/// The MPI datatype of a C++ arithmetic type. O(1).
template <typename T>
MPI_Datatype mpi_type() {
  if constexpr (std::is_same_v<T, double>) return MPI_DOUBLE;
  else if constexpr (std::is_same_v<T, std::uint64_t>) return MPI_UINT64_T;
  else if constexpr (std::is_same_v<T, std::int64_t>) return MPI_INT64_T;
  else if constexpr (std::is_same_v<T, std::uint32_t>) return MPI_UINT32_T;
  else if constexpr (std::is_same_v<T, std::int32_t>) return MPI_INT32_T;
  else if constexpr (std::is_same_v<T, std::uint8_t>) return MPI_UINT8_T;
  else static_assert(sizeof(T) == 0, "no MPI datatype for this type");
}

/// A count as MPI's int; DataError beyond INT_MAX. O(1).
inline int mpi_count(std::uint64_t count) {
  if (count > static_cast<std::uint64_t>(INT_MAX))
    throw DataError("an MPI message of " + std::to_string(count) + " elements exceeds MPI's int count; use more ranks");
  return static_cast<int>(count);
}

/// Element-wise sum over all ranks, in place. O(size) per rank.
template <typename T>
void allreduce_sum(std::vector<T>& values, MPI_Comm comm) {
  MPI_Allreduce(MPI_IN_PLACE, values.data(), mpi_count(values.size()), mpi_type<T>(), MPI_SUM, comm);
}
/// Sum, maximum and minimum of one value over all ranks. O(log ranks).
template <typename T>
T allreduce_one(T value, MPI_Op op, MPI_Comm comm) {
  MPI_Allreduce(MPI_IN_PLACE, &value, 1, mpi_type<T>(), op, comm);
  return value;
}
/// Sum of value over the ranks before this one. O(log ranks).
template <typename T>
T exclusive_prefix_sum(T value, MPI_Comm comm) {
  T before{};
  MPI_Exscan(&value, &before, 1, mpi_type<T>(), MPI_SUM, comm);
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  return rank == 0 ? T{} : before;
}

/// Every rank's bytes concatenated in rank order; per_rank[q] is rank q's length. O(total).
inline std::vector<std::uint8_t> allgather_bytes(const std::vector<std::uint8_t>& mine,
                                                 const std::vector<std::uint64_t>& per_rank, MPI_Comm comm) {
  std::vector<int> counts(per_rank.size()), displs(per_rank.size());
  std::uint64_t total = 0;
  for (std::size_t q = 0; q < per_rank.size(); ++q) {
    counts[q] = mpi_count(per_rank[q]);
    displs[q] = mpi_count(total);
    total += per_rank[q];
  }
  std::vector<std::uint8_t> all(total);
  MPI_Allgatherv(mine.data(), mpi_count(mine.size()), MPI_UINT8_T, all.data(), counts.data(), displs.data(),
                 MPI_UINT8_T, comm);
  return all;
}

/// Personalised all-to-all: outgoing[q] goes to rank q; returns what each rank sent here,
/// concatenated in rank order, with the count from each rank in received_counts. O(total).
template <typename T>
std::vector<T> alltoall_vectors(const std::vector<std::vector<T>>& outgoing, MPI_Comm comm,
                                std::vector<int>* received_counts = nullptr) {
  const int ranks = static_cast<int>(outgoing.size());
  std::vector<int> send_counts(ranks), recv_counts(ranks), send_displs(ranks), recv_displs(ranks);
  std::vector<T> send;
  for (int q = 0; q < ranks; ++q) {
    send_counts[q] = mpi_count(outgoing[q].size());
    send_displs[q] = mpi_count(send.size());
    send.insert(send.end(), outgoing[q].begin(), outgoing[q].end());
  }
  MPI_Alltoall(send_counts.data(), 1, MPI_INT, recv_counts.data(), 1, MPI_INT, comm);
  std::uint64_t total = 0;
  for (int q = 0; q < ranks; ++q) {
    recv_displs[q] = mpi_count(total);
    total += static_cast<std::uint64_t>(recv_counts[q]);
  }
  std::vector<T> received(total);
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  bytes_sent_counter() += (send.size() - outgoing[static_cast<std::size_t>(rank)].size()) * sizeof(T);  // not to itself
  MPI_Alltoallv(send.data(), send_counts.data(), send_displs.data(), mpi_type<T>(), received.data(),
                recv_counts.data(), recv_displs.data(), mpi_type<T>(), comm);
  if (received_counts) *received_counts = recv_counts;
  return received;
}

}  // namespace firmnet::distributed

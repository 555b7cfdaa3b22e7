#include "distributed/parallel_read.hpp"

#include <hdf5.h>

#include <cstdint>

#include "distributed/mpi_support.hpp"
#include "graph/errors.hpp"
#include "io/network_store.hpp"

namespace firmnet::distributed {

namespace {

template <typename T>
hid_t native_type() {
  if constexpr (std::is_same_v<T, double>) return H5T_NATIVE_DOUBLE;
  else if constexpr (std::is_same_v<T, std::uint64_t>) return H5T_NATIVE_UINT64;
  else if constexpr (std::is_same_v<T, std::uint32_t>) return H5T_NATIVE_UINT32;
  else if constexpr (std::is_same_v<T, std::int16_t>) return H5T_NATIVE_INT16;
  else if constexpr (std::is_same_v<T, std::uint8_t>) return H5T_NATIVE_UINT8;
  else static_assert(sizeof(T) == 0, "no HDF5 type for this type");
}

}  // namespace

ParallelFile::ParallelFile(const std::string& path, MPI_Comm comm) : path_(path), comm_(comm) {
  int rank = 0;
  MPI_Comm_rank(comm_, &rank);
  // Rank 0 checks the file with the serial reader; its verdict (and the counts) go to all.
  std::string failure;
  std::uint64_t counts[2] = {0, 0};
  if (rank == 0) {
    try {
      const NetworkHeader header = read_header(path);
      counts[0] = header.node_count;
      counts[1] = header.edge_count;
    } catch (const std::exception& e) {
      failure = e.what();
    }
  }
  std::uint64_t failure_length = failure.size();
  MPI_Bcast(&failure_length, 1, MPI_UINT64_T, 0, comm_);
  failure.resize(failure_length);
  MPI_Bcast(failure.data(), mpi_count(failure_length), MPI_CHAR, 0, comm_);
  if (!failure.empty()) throw DataError(failure);
  MPI_Bcast(counts, 2, MPI_UINT64_T, 0, comm_);
  node_count_ = counts[0];
  edge_count_ = counts[1];

  const hid_t access = H5Pcreate(H5P_FILE_ACCESS);
  H5Pset_fapl_mpio(access, comm_, MPI_INFO_NULL);
  H5E_BEGIN_TRY { file_ = H5Fopen(path.c_str(), H5F_ACC_RDONLY, access); }
  H5E_END_TRY;
  H5Pclose(access);
  const int opened = allreduce_one<std::int32_t>(file_ >= 0 ? 1 : 0, MPI_MIN, comm_);
  if (!opened) throw DataError(path + ": cannot open with parallel HDF5 (MPI-IO)");
}

ParallelFile::~ParallelFile() {
  if (file_ >= 0) H5Fclose(static_cast<hid_t>(file_));
}

template <typename T>
std::vector<T> ParallelFile::read_rows(const char* name, std::uint64_t first, std::uint64_t count) const {
  std::vector<T> rows(count);
  herr_t status = -1;
  H5E_BEGIN_TRY {
    const hid_t dataset = H5Dopen2(static_cast<hid_t>(file_), name, H5P_DEFAULT);
    const hid_t file_space = dataset >= 0 ? H5Dget_space(dataset) : -1;
    const hsize_t start = first, length = count, one = 1;
    const hid_t memory_space = H5Screate_simple(1, count ? &length : &one, nullptr);
    if (count) {
      H5Sselect_hyperslab(file_space, H5S_SELECT_SET, &start, nullptr, &length, nullptr);
    } else {
      H5Sselect_none(file_space);
      H5Sselect_none(memory_space);
    }
    const hid_t transfer = H5Pcreate(H5P_DATASET_XFER);
    H5Pset_dxpl_mpio(transfer, H5FD_MPIO_COLLECTIVE);
    T unused{};
    if (dataset >= 0) status = H5Dread(dataset, native_type<T>(), memory_space, file_space, transfer, count ? rows.data() : &unused);
    H5Pclose(transfer);
    H5Sclose(memory_space);
    if (file_space >= 0) H5Sclose(file_space);
    if (dataset >= 0) H5Dclose(dataset);
  }
  H5E_END_TRY;
  const int ok = allreduce_one<std::int32_t>(status >= 0 ? 1 : 0, MPI_MIN, comm_);
  if (!ok) throw DataError(path_ + ": cannot read " + name + " (rows " + std::to_string(first) + "+" + std::to_string(count) + ")");
  return rows;
}

template std::vector<double> ParallelFile::read_rows<double>(const char*, std::uint64_t, std::uint64_t) const;
template std::vector<std::uint64_t> ParallelFile::read_rows<std::uint64_t>(const char*, std::uint64_t, std::uint64_t) const;
template std::vector<std::uint32_t> ParallelFile::read_rows<std::uint32_t>(const char*, std::uint64_t, std::uint64_t) const;
template std::vector<std::int16_t> ParallelFile::read_rows<std::int16_t>(const char*, std::uint64_t, std::uint64_t) const;
template std::vector<std::uint8_t> ParallelFile::read_rows<std::uint8_t>(const char*, std::uint64_t, std::uint64_t) const;

}  // namespace firmnet::distributed

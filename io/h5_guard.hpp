// The guard between firmnet and libhdf5 for files firmnet did not just write itself.
//
// libhdf5 1.10.8 (Debian 12) crashes, hangs or allocates gigabytes on some damaged files
// (docs/ROBUSTNESS.md, "Damaged HDF5 files"); no check in firmnet's own process can catch that.
// So before the first read of such a file, a forked child walks the file's whole structure
// under a memory limit (RLIMIT_AS) and a time limit (alarm): every link, every object header,
// every attribute (read as firmnet reads it), every dataset's datatype, dataspace, filters and
// layout, the raw data of compact and small datasets and of every variable-length dataset, the
// index entry of every chunk and the data of the first and last chunk of each dataset. Both
// format versions go through the same walk: version 1's variable-length strings (attributes and
// datasets, read whole), version 2's fixed-length attributes and string groups (uint8 bytes and
// uint64 offsets, walked as any numeric dataset; whether the offsets describe the bytes is the
// reader's own check, h5::read_strings, which needs no libhdf5 call the walk has not made). The
// child writes each step to a pipe before taking it; the parent turns a crash, a hang, a
// runaway allocation or an HDF5 error of the child into a DataError naming the step. Internal
// to io/ (io/network_store.cpp calls it from open_network_file, which every reader uses).
#pragma once
#include <string>

#include "graph/errors.hpp"

namespace firmnet {

/// A file libhdf5 cannot read safely (exit code 1, like every DataError).
class DamagedFileError : public DataError {
 public:
  using DataError::DataError;
};

/// Throws DamagedFileError "PATH: damaged HDF5 file (crashed with SIGSEGV while reading attribute
/// 'created' of /)" unless a forked child reads every part of the HDF5 file at path that
/// firmnet's readers may touch. The verdict is kept for the process per (device, inode, size,
/// modification time); files this process wrote (trust_hdf5_file) are not walked.
/// Environment: FIRMNET_HDF5_GUARD=off skips the walk (for benchmarking the guard only);
/// FIRMNET_HDF5_GUARD_SECONDS=N replaces the time limit (60 s + 1 s per 8 MiB of file).
/// O(objects + attributes + chunks + bytes of small and variable-length datasets) in the child;
/// O(1) for a file already checked.
void check_hdf5_file(const std::string& path);

/// Records that this process has just written the file at path (save_network, write_results),
/// so that check_hdf5_file trusts it. O(log files checked).
void trust_hdf5_file(const std::string& path);

/// Forgets every verdict. For the fuzz harness, which rewrites one scratch file faster than
/// file timestamps change. O(files checked).
void forget_hdf5_verdicts();

}  // namespace firmnet

// Opening a firmnet network file with its identity checks. Internal to io/.
#pragma once
#include <H5Cpp.h>

#include <string>

namespace firmnet {

/// Opens path (H5F_ACC_RDONLY or H5F_ACC_RDWR) after checking that it exists, is HDF5, passes
/// the guard against damaged files (io/h5_guard.hpp: a forked child reads its whole structure
/// first, unless this process wrote the file or checked it already), carries
/// format_name="firmnet" and a format_version this build reads. Throws DataError with a
/// one-line reason otherwise (missing, directory, not HDF5, damaged, truncated, foreign, future
/// version). O(1) in the size of the network for a file already checked (reads the root
/// attributes only); the first check of a file is O(its metadata and chunks), in the child.
H5::H5File open_network_file(const std::string& path, unsigned flags);

}  // namespace firmnet

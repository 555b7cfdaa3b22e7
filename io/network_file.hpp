// Opening a firmnet network file with its identity checks. Internal to io/.
#pragma once
#include <H5Cpp.h>

#include <string>

namespace firmnet {

/// Opens path (H5F_ACC_RDONLY or H5F_ACC_RDWR) after checking that it exists, is HDF5, carries
/// format_name="firmnet" and a format_version this build reads. Throws DataError with a
/// one-line reason otherwise (missing, directory, not HDF5, truncated, foreign, future version).
/// O(1) in the size of the network (reads the root attributes only).
H5::H5File open_network_file(const std::string& path, unsigned flags);

}  // namespace firmnet

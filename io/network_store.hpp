// The network file: one self-describing HDF5 file per network (docs/FORMAT.md).
//
//   /                  attrs format_name="firmnet", format_version, firmnet_version,
//                      created, fingerprint, node_count, edge_count
//   /nodes/...         node table, one dataset per column (dictionary-encoded text)
//   /edges/...         edge table in CSR (source-major) order
//   /csr/out_offsets   n+1 offsets into the edge table
//   /import_log/...    what the import accepted, rejected, merged and dropped
//   /results/<name>/   analysis results (io/results.hpp)
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "graph/graph.hpp"
#include "io/import_log.hpp"

namespace firmnet {

inline constexpr const char* kFormatName = "firmnet";
// Version 2 stores no variable-length string (docs/FORMAT.md, "Format version 2"); version 1
// files stay readable.
inline constexpr int kFormatVersion = 2;

/// Writes graph (and its import log) to path atomically: a temporary sibling is written,
/// flushed and renamed into place; an existing file is replaced only on success.
/// Datasets are chunked and deflate-compressed. In a process group (graph/process_group.hpp)
/// only member 0 writes. Throws DataError on I/O failure. O(n + m).
void save_network(const std::string& path, const Graph& graph, const ImportLog& log);

/// Loads the whole graph: node table, edge table, both adjacencies (the in-adjacency is
/// rebuilt). Throws DataError with a one-line reason for a missing, foreign, truncated or
/// future-version file. O(n + m).
Graph load_network(const std::string& path);

/// Reads the import log only. O(log size).
ImportLog load_import_log(const std::string& path);

/// Header facts read without loading the graph (read_header).
struct NetworkHeader {
  int format_version = 0;
  std::string firmnet_version, created;
  std::uint64_t fingerprint = 0, node_count = 0, edge_count = 0;
};
/// The root attributes of the network file at path; DataError as for load_network. O(1) in
/// the size of the network.
NetworkHeader read_header(const std::string& path);

}  // namespace firmnet

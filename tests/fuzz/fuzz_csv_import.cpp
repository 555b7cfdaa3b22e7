// libFuzzer target: CSV node and edge parsing through import_csv (io/csv_import.hpp).
//
// Input layout: byte 0 holds options (bit 0 lenient, bit 1 implicit nodes, bits 2-3 the
// delimiter: detect, comma, tab); the rest is nodes.csv, a NUL byte, then edges.csv (no NUL:
// an edge file only). Files go to a private scratch directory on tmpfs (fuzz_support.hpp). The only allowed failure is
// firmnet::DataError (ImportError included); anything else, a crash or a sanitizer report is
// a finding.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "graph/errors.hpp"
#include "io/csv_import.hpp"
#include "tests/fuzz/fuzz_support.hpp"

using firmnet_fuzz::scratch_dir;
using firmnet_fuzz::write_bytes;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  firmnet_fuzz::init_process();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t flags = data[0];
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  firmnet::ImportOptions options;
  options.lenient = flags & 1;
  options.implicit_nodes = flags & 2;
  static constexpr char kDelimiters[] = {0, ',', '\t', 0};
  options.delimiter = kDelimiters[(flags >> 2) & 3];
  options.max_record_bytes = 1u << 16;  // keeps the record limit reachable by small inputs

  static const std::string nodes = scratch_dir() + "/nodes.csv", edges = scratch_dir() + "/edges.csv";
  const std::size_t split = text.find('\0');
  if (split == std::string_view::npos) {
    write_bytes(edges, text);
  } else {
    write_bytes(nodes, text.substr(0, split));
    write_bytes(edges, text.substr(split + 1));
  }
  try {
    const auto result = firmnet::import_csv(split == std::string_view::npos ? "" : nodes, edges, options);
    // The graph must be internally consistent.
    const auto& g = result.graph;
    if (g.out_offsets.size() != g.node_count() + std::size_t{1} || g.out_offsets.back() != g.edge_count()) std::abort();
    for (auto v : g.out_target)
      if (v >= g.node_count()) std::abort();
  } catch (const firmnet::DataError&) {
  }
  return 0;
}

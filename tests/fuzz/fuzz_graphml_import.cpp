// libFuzzer target: GraphML import (io/graphml_import.hpp) with its XML reader.
//
// Byte 0 holds options (bit 0 lenient, bit 1 implicit nodes); the rest is the GraphML file,
// written to a private scratch directory on tmpfs (fuzz_support.hpp). The only allowed failure is firmnet::DataError
// (ImportError included); anything else, a crash or a sanitizer report is a finding.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "graph/errors.hpp"
#include "io/graphml_import.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  firmnet_fuzz::init_process();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const std::string path = firmnet_fuzz::scratch_dir() + "/net.graphml";
  firmnet_fuzz::write_bytes(path, std::string_view(reinterpret_cast<const char*>(data + 1), size - 1));
  firmnet::ImportOptions options;
  options.lenient = data[0] & 1;
  options.implicit_nodes = data[0] & 2;
  try {
    const auto result = firmnet::import_graphml(path, options);
    const auto& g = result.graph;
    if (g.out_offsets.size() != g.node_count() + std::size_t{1} || g.out_offsets.back() != g.edge_count()) std::abort();
    for (auto v : g.out_target)
      if (v >= g.node_count()) std::abort();
  } catch (const firmnet::DataError&) {
  }
  return 0;
}

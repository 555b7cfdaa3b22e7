// libFuzzer target: GraphML import (io/graphml_import.hpp) with its XML reader.
//
// Byte 0 holds options (bit 0 lenient, bit 1 implicit nodes); the rest is the GraphML file,
// written to a private temporary directory. The only allowed failure is firmnet::DataError
// (ImportError included); anything else, a crash or a sanitizer report is a finding.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "graph/errors.hpp"
#include "io/graphml_import.hpp"

namespace {

const std::string& scratch_file() {
  static const std::string path = [] {
    std::string pattern = "/tmp/firmnet-fuzz-graphml-XXXXXX";
    if (!::mkdtemp(pattern.data())) std::abort();
    return pattern + "/net.graphml";
  }();
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string& path = scratch_file();
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) std::abort();
  std::fwrite(data + 1, 1, size - 1, f);
  std::fclose(f);
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

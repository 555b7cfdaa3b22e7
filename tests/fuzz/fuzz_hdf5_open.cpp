// libFuzzer target: opening a network file (io/network_store.hpp, io/results.hpp) that may be
// damaged or hostile. Seeds are small firmnet files (corpus/hdf5_open), which libFuzzer mutates.
//
// Each input is written to a private temporary file, then read_header, load_network,
// load_import_log, list_results and read_result run on it. The only allowed failure is
// firmnet::DataError; anything else, a crash or a sanitizer report is a finding. Crashes inside
// libhdf5 itself are recorded in docs/ROBUSTNESS.md.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "graph/errors.hpp"
#include "io/network_store.hpp"
#include "io/results.hpp"

namespace {

const std::string& scratch_file() {
  static const std::string path = [] {
    std::string pattern = "/tmp/firmnet-fuzz-h5-XXXXXX";
    if (!::mkdtemp(pattern.data())) std::abort();
    return pattern + "/net.h5";
  }();
  return path;
}

template <typename Action>
void allow_data_error(Action action) {
  try {
    action();
  } catch (const firmnet::DataError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string& path = scratch_file();
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) std::abort();
  std::fwrite(data, 1, size, f);
  std::fclose(f);

  allow_data_error([&] { firmnet::read_header(path); });
  allow_data_error([&] {
    const firmnet::Graph g = firmnet::load_network(path);
    if (g.in_offsets.size() != g.out_offsets.size()) std::abort();
  });
  allow_data_error([&] { firmnet::load_import_log(path); });
  allow_data_error([&] {
    for (const auto& summary : firmnet::list_results(path))
      allow_data_error([&] { firmnet::read_result(path, summary.name); });
  });
  return 0;
}

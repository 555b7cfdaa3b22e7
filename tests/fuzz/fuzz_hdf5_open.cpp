// libFuzzer target: opening a network file (io/network_store.hpp, io/results.hpp) that may be
// damaged or hostile. Seeds are small firmnet files (corpus/hdf5_open), which libFuzzer mutates.
//
// Each input is written to a private scratch file on tmpfs (fuzz_support.hpp), then read_header, load_network,
// load_import_log, list_results and read_result run on it, through the same guarded open as the
// CLI (io/h5_guard.hpp: a forked child walks the file first). The only allowed failure is
// firmnet::DataError; anything else, a crash or a sanitizer report is a finding, inside libhdf5
// too: a libhdf5 crash, hang or runaway allocation in this process is one the guard let through.
// libhdf5's own bugs are recorded in docs/ROBUSTNESS.md.
#include <H5Cpp.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "graph/errors.hpp"
#include "io/h5_guard.hpp"
#include "io/network_store.hpp"
#include "io/results.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  firmnet_fuzz::init_process();
  H5::Exception::dontPrint();  // once, not per execution (open_network_file repeats it)
  return 0;
}

namespace {

template <typename Action>
void allow_data_error(Action action) {
  try {
    action();
  } catch (const firmnet::DataError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = firmnet_fuzz::scratch_dir() + "/net.h5";
  firmnet_fuzz::write_bytes(path, std::string_view(reinterpret_cast<const char*>(data), size));
  firmnet::forget_hdf5_verdicts();  // the rewrite can keep the size and the timestamp

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

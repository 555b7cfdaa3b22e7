// Inputs found by the libFuzzer targets (tests/fuzz, docs/ROBUSTNESS.md), fed to the normal
// code path so that each fixed crash stays fixed. The inputs live in tests/fuzz/regressions/.
#include <catch2/catch.hpp>
#include <H5Cpp.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "datasets/generators/scale.hpp"
#include "graph/errors.hpp"
#include "io/h5_guard.hpp"
#include "io/network_store.hpp"
#include "io/results.hpp"
#include "test_support.hpp"

namespace {

std::string regression_input(const std::string& name) {
  return firmnet::test::source_dir() + "/tests/fuzz/regressions/" + name;
}

}  // namespace

// fuzz_hdf5_open, 2026-11-22: damaged firmnet files in which a vlen string attribute
// (format_name in the first two, a header attribute read by read_header in the third) reads
// back as a NULL string. H5::Attribute::read(type, std::string&) (libhdf5_cpp 1.10) calls
// strlen(NULL): SIGSEGV in read_header, load_network, ... and in `firmnet info`.
// get_string_attr now reads vlen attributes through a char* and treats NULL as empty. The three
// inputs are damaged elsewhere too (a symbol table node, object headers), which the guard of
// io/h5_guard.hpp now finds first; a sound file with NULL strings keeps the fix tested.
TEST_CASE("fuzz regression: a NULL vlen string attribute is a DataError, not a crash", "[hardening][fuzz]") {
  for (const char* name : {"hdf5_open/null-vlen-format-name-1.h5", "hdf5_open/null-vlen-format-name-2.h5",
                           "hdf5_open/null-vlen-header-attr.h5"}) {
    INFO(name);
    const std::string path = regression_input(name);
    CHECK_THROWS_WITH(firmnet::read_header(path), Catch::Contains("damaged HDF5 file (HDF5 error while reading"));
    CHECK_THROWS_AS(firmnet::load_network(path), firmnet::DataError);
    CHECK_THROWS_AS(firmnet::load_import_log(path), firmnet::DataError);
    CHECK_THROWS_AS(firmnet::list_results(path), firmnet::DataError);
  }

  // libhdf5 stores a NULL char* as a null vlen string and reads it back as NULL.
  firmnet::test::TempDir dir;
  const auto write_header = [](const std::string& path, const char* format_name, const char* created) {
    H5::H5File file(path, H5F_ACC_TRUNC);
    H5::StrType str(H5::PredType::C_S1, H5T_VARIABLE);
    file.createAttribute("format_name", str, H5::DataSpace(H5S_SCALAR)).write(str, &format_name);
    const std::int64_t version = 1;
    file.createAttribute("format_version", H5::PredType::NATIVE_INT64, H5::DataSpace(H5S_SCALAR))
        .write(H5::PredType::NATIVE_INT64, &version);
    for (const char* name : {"firmnet_version", "created", "fingerprint"}) {
      const char* value = std::string_view(name) == "created" ? created : "00000000000000ff";
      file.createAttribute(name, str, H5::DataSpace(H5S_SCALAR)).write(str, &value);
    }
    const std::uint64_t count = 0;
    for (const char* name : {"node_count", "edge_count"})
      file.createAttribute(name, H5::PredType::NATIVE_UINT64, H5::DataSpace(H5S_SCALAR))
          .write(H5::PredType::NATIVE_UINT64, &count);
  };
  write_header(dir.file("null-name.h5"), nullptr, "2026-11-22T00:00:00Z");
  CHECK_THROWS_WITH(firmnet::read_header(dir.file("null-name.h5")), Catch::Contains("not a firmnet network file"));
  write_header(dir.file("null-created.h5"), "firmnet", nullptr);
  CHECK(firmnet::read_header(dir.file("null-created.h5")).created.empty());
  CHECK_THROWS_AS(firmnet::load_network(dir.file("null-created.h5")), firmnet::DataError);
}

// Found by reading the same code for the fix above: H5Aread writes every element of an
// attribute, so a hostile file declaring format_version (or any integer or double attribute) as
// an array of 1000 values made get_int_attr write 8000 bytes into one std::int64_t on the stack.
// Array and vlen-string attributes of more than one element are now a DataError.
TEST_CASE("fuzz regression: array-valued header attributes are a DataError, not a stack overflow", "[hardening][fuzz]") {
  firmnet::test::TempDir dir;
  const std::string path = dir.file("array-attrs.h5");
  {
    H5::H5File file(path, H5F_ACC_TRUNC);
    H5::StrType str(H5::PredType::C_S1, H5T_VARIABLE);
    const char* name = "firmnet";
    file.createAttribute("format_name", str, H5::DataSpace(H5S_SCALAR)).write(str, &name);
    const hsize_t n = 1000;
    const std::vector<std::int64_t> versions(n, 1);
    file.createAttribute("format_version", H5::PredType::NATIVE_INT64, H5::DataSpace(1, &n))
        .write(H5::PredType::NATIVE_INT64, versions.data());
  }
  CHECK_THROWS_WITH(firmnet::read_header(path), Catch::Contains("format_version") && Catch::Contains("not a single value"));
  CHECK_THROWS_AS(firmnet::load_network(path), firmnet::DataError);

  const std::string names = dir.file("array-name.h5");
  {
    H5::H5File file(names, H5F_ACC_TRUNC);
    H5::StrType str(H5::PredType::C_S1, H5T_VARIABLE);
    const hsize_t n = 64;
    const std::vector<const char*> values(n, "firmnet");
    file.createAttribute("format_name", str, H5::DataSpace(1, &n)).write(str, values.data());
  }
  CHECK_THROWS_WITH(firmnet::read_header(names), Catch::Contains("format_name") && Catch::Contains("not a single string"));
}

namespace {

// tests/fuzz/regressions/hdf5_open/libhdf5-<kind>-*.h5: files on which libhdf5 1.10.8 itself
// crashes, hangs or allocates gigabytes (docs/ROBUSTNESS.md, "Damaged HDF5 files").
std::vector<std::string> libhdf5_regressions(const std::string& kind) {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(regression_input("hdf5_open")))
    if (entry.path().filename().string().rfind("libhdf5-" + kind + "-", 0) == 0) out.push_back(entry.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

// io/h5_guard.hpp: before firmnet opens a file it did not write, a forked child walks it. Sound
// files, written by firmnet and copied (so the guard walks them), pass and load; each libhdf5
// crash or out-of-memory input becomes a DamagedFileError naming what the child was reading
// (the hang inputs are run end to end by tests/python/test_damaged_hdf5.py).
TEST_CASE("HDF5 guard: sound files pass the walk, damaged ones are a DataError naming the step", "[hardening][fuzz]") {
  firmnet::test::TempDir dir;
  for (const char* seed : {"seed_edges_only.h5", "seed_handmade.h5", "seed_with_results.h5"}) {
    INFO(seed);
    const std::string copy = dir.file(seed);
    std::filesystem::copy_file(firmnet::test::source_dir() + "/tests/fuzz/corpus/hdf5_open/" + seed, copy);
    CHECK_NOTHROW(firmnet::check_hdf5_file(copy));
    CHECK_NOTHROW(firmnet::load_network(copy));
    for (const auto& summary : firmnet::list_results(copy)) CHECK_NOTHROW(firmnet::read_result(copy, summary.name));
  }
  // Datasets of several chunks (the per-chunk path of the walk) and over 1 MiB.
  firmnet::generators::ScaleParameters scale;
  scale.firms = 20'000;
  scale.links = 300'000;
  const firmnet::Graph graph = firmnet::generators::generate_scale(scale).graph;
  firmnet::save_network(dir.file("scale.h5"), graph, {});
  std::filesystem::copy_file(dir.file("scale.h5"), dir.file("scale-copy.h5"));
  CHECK_NOTHROW(firmnet::check_hdf5_file(dir.file("scale-copy.h5")));
  CHECK(firmnet::load_network(dir.file("scale-copy.h5")).fingerprint() == graph.fingerprint());

  const auto damaged = libhdf5_regressions("crash");
  const auto oom = libhdf5_regressions("oom");
  REQUIRE(damaged.size() >= 2);
  REQUIRE(!oom.empty());
  for (const auto& path : {damaged[0], damaged[1], oom[0]}) {
    INFO(path);
    const std::string message = firmnet::test::error_of([&] { firmnet::check_hdf5_file(path); });
    CHECK_THAT(message, Catch::StartsWith(path + ": damaged HDF5 file (") && Catch::Contains(" reading "));
    CHECK_THROWS_AS(firmnet::read_header(path), firmnet::DamagedFileError);
    CHECK_THROWS_AS(firmnet::load_network(path), firmnet::DamagedFileError);
  }
}

// The verdict is kept per (device, inode, size, modification time): a file is walked once, a
// file this process wrote is trusted, and a rewritten file is walked again.
TEST_CASE("HDF5 guard: one walk per version of a file, and files this process wrote are trusted", "[hardening][fuzz]") {
  firmnet::test::TempDir dir;
  const std::string path = dir.file("damaged.h5");
  std::filesystem::copy_file(libhdf5_regressions("crash").at(0), path);
  CHECK_THROWS_AS(firmnet::check_hdf5_file(path), firmnet::DamagedFileError);
  firmnet::trust_hdf5_file(path);  // as save_network does after writing it
  CHECK_NOTHROW(firmnet::check_hdf5_file(path));
  {
    std::ofstream grow(path, std::ios::binary | std::ios::app);
    grow << '\0';
  }
  CHECK_THROWS_AS(firmnet::check_hdf5_file(path), firmnet::DamagedFileError);
  firmnet::forget_hdf5_verdicts();
}

// Following an external link would make libhdf5 open another file, unguarded: the walk refuses
// one wherever it is (firmnet never writes one).
TEST_CASE("HDF5 guard: an external link is refused", "[hardening][fuzz]") {
  firmnet::test::TempDir dir;
  const std::string path = dir.file("linked.h5");
  {
    H5::H5File file(path, H5F_ACC_TRUNC);
    H5::Group nodes = file.createGroup("nodes");
    H5Lcreate_external(dir.file("elsewhere.h5").c_str(), "/id", nodes.getId(), "id", H5P_DEFAULT, H5P_DEFAULT);
  }
  CHECK_THROWS_WITH(firmnet::check_hdf5_file(path),
                    Catch::StartsWith(path + ": damaged HDF5 file (/nodes/id is an external or user-defined link"));
}

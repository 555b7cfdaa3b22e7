// Inputs found by the libFuzzer targets (tests/fuzz, docs/ROBUSTNESS.md), fed to the normal
// code path so that each fixed crash stays fixed. The inputs live in tests/fuzz/regressions/.
#include <catch2/catch.hpp>
#include <H5Cpp.h>

#include <cstdint>
#include <string>
#include <vector>

#include "graph/errors.hpp"
#include "io/network_store.hpp"
#include "io/results.hpp"
#include "test_support.hpp"

namespace {

std::string regression_input(const std::string& name) {
  return std::string(FIRMNET_SOURCE_DIR) + "/tests/fuzz/regressions/" + name;
}

}  // namespace

// Runs action; returning or throwing DataError is fine, anything else fails the test (and a
// crash ends the test binary).
template <typename Action>
bool returns_or_data_error(Action action) {
  try {
    action();
  } catch (const firmnet::DataError&) {
  }
  return true;
}

// fuzz_hdf5_open, 2026-11-22: damaged firmnet files in which a vlen string attribute
// (format_name in the first two, a header attribute read by read_header in the third) reads
// back as a NULL string. H5::Attribute::read(type, std::string&) (libhdf5_cpp 1.10) calls
// strlen(NULL): SIGSEGV in read_header, load_network, ... and in `firmnet info`.
// get_string_attr now reads vlen attributes through a char* and treats NULL as empty.
TEST_CASE("fuzz regression: a NULL vlen string attribute is a DataError, not a crash", "[hardening][fuzz]") {
  for (const char* name : {"hdf5_open/null-vlen-format-name-1.h5", "hdf5_open/null-vlen-format-name-2.h5"}) {
    INFO(name);
    const std::string path = regression_input(name);
    CHECK_THROWS_WITH(firmnet::read_header(path), Catch::Contains("not a firmnet network file"));
    CHECK_THROWS_AS(firmnet::load_network(path), firmnet::DataError);
    CHECK_THROWS_AS(firmnet::load_import_log(path), firmnet::DataError);
    CHECK_THROWS_AS(firmnet::list_results(path), firmnet::DataError);
  }
  const std::string path = regression_input("hdf5_open/null-vlen-header-attr.h5");
  CHECK(returns_or_data_error([&] { firmnet::read_header(path); }));
  CHECK(returns_or_data_error([&] { firmnet::load_network(path); }));
  CHECK(returns_or_data_error([&] { firmnet::load_import_log(path); }));
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

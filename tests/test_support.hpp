// Helpers shared by the Catch2 tests: scratch directories and small files.
#pragma once
#include <omp.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "datasets/generators/generated.hpp"

namespace firmnet::test {

/// The source tree's root and the firmnet CLI of this build (tests/test_paths.cpp). O(1).
std::string source_dir();
std::string firmnet_binary();

/// A fresh directory under the system temp dir, removed with its contents at scope exit.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "firmnet-test-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// Temporary files of atomic writes (io/atomic_file.hpp) left in dir: names with ".tmp-".
inline std::vector<std::string> temp_leftovers(const TempDir& dir) {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
    if (entry.path().filename().string().find(".tmp-") != std::string::npos) out.push_back(entry.path().string());
  return out;
}

/// Writes bytes exactly as given (no newline translation) and returns the path.
inline std::string write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  return path;
}

/// The message of the exception action throws, or "no error".
inline std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "no error";
}

/// What action returns when run on `threads` OpenMP threads (the previous count is restored).
template <typename Action>
auto on_threads(int threads, Action&& action) {
  const int previous = omp_get_max_threads();
  omp_set_num_threads(threads);
  auto result = action();
  omp_set_num_threads(previous);
  return result;
}

/// Path of a file shipped in the source tree, e.g. "datasets/handmade/nodes.csv".
inline std::string source_file(const std::string& relative) { return source_dir() + "/" + relative; }


/// The planted verdict of each park of a generated world (truth table "parks"). O(parks).
inline std::map<std::string, std::string> planted_verdicts(const generators::GeneratedNetwork& net) {
  const auto& table = net.truth_table("parks");
  const auto& park = std::get<StringColumn>(table.column("park").values);
  const auto& verdict = std::get<StringColumn>(table.column("verdict").values);
  std::map<std::string, std::string> out;
  for (std::size_t i = 0; i < park.size(); ++i) out[std::string(park.value(i))] = std::string(verdict.value(i));
  return out;
}

}  // namespace firmnet::test

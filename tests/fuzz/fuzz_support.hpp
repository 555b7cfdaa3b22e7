// Shared set-up of the libFuzzer targets (docs/ROBUSTNESS.md, "Fuzzing").
//
// Throughput matters: the goal is >= 10M executions per target. Two things made the first
// harnesses slow and are avoided here:
//   - OpenMP: graph building (graph/graph.cpp) and load_network run parallel loops. With 2+
//     threads every execution wakes the worker team, and on a busy machine the spinning workers
//     compete with the fuzzer for the cores. The parsers are serial code; the targets run with
//     one OpenMP thread (the thread count is covered by the TSan run, not by fuzzing).
//   - Temporary files on disk: the firmnet readers take a path, so each input is written to a
//     file, but in a private directory on tmpfs (/dev/shm) when there is one, never on disk.
#pragma once
#include <dirent.h>
#include <omp.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace firmnet_fuzz {

/// Called once from LLVMFuzzerInitialize.
inline void init_process() { omp_set_num_threads(1); }

inline std::string& scratch_dir_storage() {
  static std::string dir;
  return dir;
}

/// Removes the scratch directory and its files at a normal exit (libFuzzer ends with exit()).
inline void remove_scratch_dir() {
  const std::string& dir = scratch_dir_storage();
  if (dir.empty()) return;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (const dirent* e = ::readdir(d)) {
      const std::string name = e->d_name;
      if (name != "." && name != "..") ::unlink((dir + "/" + name).c_str());
    }
    ::closedir(d);
  }
  ::rmdir(dir.c_str());
}

/// A private scratch directory, on tmpfs when available; created once per process, inside
/// $FIRMNET_FUZZ_SCRATCH when set (scripts/fuzz.sh sets it and removes it afterwards, which
/// also cleans up after fork-mode workers that died on a crash or timeout).
inline const std::string& scratch_dir() {
  std::string& dir = scratch_dir_storage();
  if (dir.empty()) {
    const char* parent = std::getenv("FIRMNET_FUZZ_SCRATCH");
    const char* bases[] = {parent && *parent ? parent : "/dev/shm", "/dev/shm", "/tmp"};
    for (const char* base : bases) {
      std::string pattern = std::string(base) + "/firmnet-fuzz-XXXXXX";
      if (::mkdtemp(pattern.data())) {
        dir = pattern;
        std::atexit(remove_scratch_dir);
        break;
      }
    }
    if (dir.empty()) std::abort();
  }
  return dir;
}

/// Replaces path's content with bytes (the file is reused from one execution to the next).
inline void write_bytes(const std::string& path, std::string_view bytes) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) std::abort();
  if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size()) std::abort();
  if (std::fclose(f) != 0) std::abort();
}

}  // namespace firmnet_fuzz

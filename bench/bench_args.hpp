// Command-line reading shared by the benchmarks.
#pragma once
#include <cstdio>
#include <cstdlib>

namespace firmnet::bench {

/// The value of the option at argv[i] (argv[i + 1]), advancing i past it; exits with status 2
/// and a message when the value is missing. O(1).
inline const char* option_value(int argc, char** argv, int& i) {
  if (i + 1 >= argc) {
    std::fprintf(stderr, "%s needs a value\n", argv[i]);
    std::exit(2);
  }
  return argv[++i];
}

}  // namespace firmnet::bench

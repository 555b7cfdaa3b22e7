// Command-line reading shared by the benchmarks: CLI11, as the firmnet CLI uses.
#pragma once
#include <CLI/CLI.hpp>

#include <cstdlib>

namespace firmnet::bench {

/// Parses the command line into app's options. --help prints them with their defaults and
/// exits 0; an unknown option or a bad value prints the reason and exits 2 (usage error).
/// O(argc).
inline void parse_or_exit(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    std::exit(code == 0 ? 0 : 2);
  }
}

}  // namespace firmnet::bench

// libFuzzer target: CLI argument parsing. Builds the same CLI11 app as cli/main.cpp (global
// options plus every registered subcommand) and parses an argv taken from the input: the
// bytes split at NUL or newline into arguments. Only parsing runs, never a subcommand, so no
// file is read or written. The only allowed failure is CLI::ParseError (what main turns into
// exit code 2); anything else, a crash or a sanitizer report is a finding.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "cli/command.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace firmnet::cli;
  std::vector<std::string> words{"firmnet"};
  std::string current;
  for (std::size_t i = 0; i < size; ++i) {
    const char c = static_cast<char>(data[i]);
    if (c == '\0' || c == '\n') {
      words.push_back(current);
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  if (!current.empty()) words.push_back(current);
  if (words.size() > 64) return 0;

  CLI::App app{"firmnet"};
  GlobalOptions globals;
  // The run functions own the option storage CLI11 writes into: keep them alive while parsing.
  [[maybe_unused]] const auto commands = configure_app(app, globals);

  std::vector<char*> argv;
  for (auto& w : words) argv.push_back(w.data());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::ParseError&) {
  }
  return 0;
}

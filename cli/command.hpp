// How subcommands plug into the firmnet CLI.
//
// Each cli/cmd_<name>.cpp defines a static CommandRegistration. Its setup function adds a
// CLI11 subcommand with its options and returns the function to run when that subcommand was
// chosen. The run function only parses, calls the library and prints; it returns the exit
// code (0 ok) and may throw DataError (exit 1) or UsageError (exit 2).
#pragma once
#include <CLI/CLI.hpp>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "graph/progress.hpp"

namespace firmnet::cli {

/// Options accepted by every subcommand (before or after its name).
struct GlobalOptions {
  int threads = 0;         // 0: OpenMP default (all cores)
  std::uint64_t seed = 1;  // for every randomised method
  bool quiet = false;      // no progress, no notes on stderr
  bool json = false;       // machine-readable stdout
  bool verify = false;     // check each main kernel's outcome with its verifier (slower)

  /// A progress bar on stderr when stderr is a terminal and not quiet; otherwise silent.
  Progress progress() const;
  /// Threads actually used (resolves 0 to the OpenMP default).
  int effective_threads() const;
};

using RunFunction = std::function<int()>;
using SetupFunction = std::function<RunFunction(CLI::App& app, const GlobalOptions& globals)>;

struct CommandRegistration {
  /// order sorts subcommands in --help (import=10, info=20, ...).
  CommandRegistration(int order, SetupFunction setup);
};

/// All registered setups, in order.
std::vector<std::pair<int, SetupFunction>>& command_registry();

/// Configures app as the firmnet command line: the global options (bound to globals) and every
/// registered subcommand in order. Returns each subcommand with its run function.
std::vector<std::pair<CLI::App*, RunFunction>> configure_app(CLI::App& app, GlobalOptions& globals);

/// Runs the firmnet command line on argv: parses, runs the chosen subcommand, prints a failure
/// as `firmnet: error: ...` (and as JSON with --json) and returns the exit code. A failure
/// ends the process with std::_Exit (see the comment inside); before_failure_exit, when
/// given, is called with the exit code just before (firmnet-mpi ends the whole MPI job there).
/// O(the subcommand).
int run_command_line(int argc, char** argv, const std::function<void(int)>& before_failure_exit = {});

}  // namespace firmnet::cli

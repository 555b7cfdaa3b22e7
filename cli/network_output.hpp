// Writing a network file from the command line without losing anything: the --force and
// --replace options and the guarded save shared by import, analyze and generate
// (io/output_guard.hpp has the rules).
#pragma once
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "graph/graph.hpp"
#include "io/import_log.hpp"
#include "io/output_guard.hpp"

namespace firmnet::cli {

struct OutputFlags {
  bool force = false;    // replace an existing file that is not a firmnet network file
  bool replace = false;  // drop stored results of another network at the output path
};

/// Adds --force and --replace to a subcommand. O(1).
void add_output_flags(CLI::App* sub, OutputFlags& flags);

/// Saves graph to output under the guard: refuses an output among inputs or one the flags do
/// not allow (UsageError), carries over the results of the same network that `recomputed`
/// does not name (their content unchanged, `created` the time of the copy), and returns the
/// plan (for the message describe_output_plan gives).
/// O(n + m + carried results).
OutputPlan save_network_guarded(const std::string& output, const std::vector<std::string>& inputs,
                                const Graph& graph, const ImportLog& log, const OutputFlags& flags,
                                const std::vector<std::string>& recomputed = {});

}  // namespace firmnet::cli

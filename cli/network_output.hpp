// The --force and --replace options of the commands that write a network file (import,
// analyze, generate); the guarded save itself is io/output_guard.hpp's save_network_guarded.
#pragma once
#include <CLI/CLI.hpp>

#include "io/output_guard.hpp"

namespace firmnet::cli {

/// Adds --force and --replace to a subcommand. O(1).
void add_output_flags(CLI::App* sub, OutputFlags& flags);

}  // namespace firmnet::cli

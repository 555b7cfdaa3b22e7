// The firmnet command line as a function: parses global options, dispatches to the registered
// subcommand and maps failures to exit codes (0 ok, 1 data error, 2 usage error). `firmnet`
// (cli/main.cpp) and `firmnet-mpi` (cli/mpi/main.cpp) both run it.
#include <omp.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <new>
#include <string>
#include <string_view>

#include "cli/command.hpp"
#include "graph/errors.hpp"
#include "io/csv_import.hpp"
#include "io/json_writer.hpp"

namespace firmnet::cli {

int run_command_line(int argc, char** argv, const std::function<void(int)>& before_failure_exit) {
  CLI::App app{
      "firmnet: network analysis of firm linkages. Imports firm-to-firm and firm-to-institution\n"
      "relations into an HDF5 network file and analyses them: communities, centrality, anchor\n"
      "firms, and whether an industrial park is a linked cluster or mere co-location.\n"
      "Run 'firmnet SUBCOMMAND --help' for each subcommand."};
  GlobalOptions globals;
  const auto commands = configure_app(app, globals);

  // With --json every failure is also one JSON object on stdout, so scripts need not parse stderr.
  const bool json_requested = std::any_of(argv + 1, argv + argc, [](const char* a) { return std::string_view(a) == "--json"; });
  auto json_error = [&](int code, std::string_view kind, std::string_view message) {
    if (!json_requested) return;
    JsonWriter json(std::cout);
    json.begin_object().key("error").begin_object().key("kind").value(kind).key("exit_code").value(code);
    json.key("message").value(message).end_object().end_object();
    std::cout << "\n";
  };

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    if (code != 0) json_error(2, "usage", e.what());
    return code == 0 ? 0 : 2;
  }
  if (globals.threads > 0) omp_set_num_threads(globals.threads);

  // On failure, leave with _Exit once the message is out: after a failed write, libhdf5 1.10.8
  // can crash in its exit-time cleanup (docs/ROBUSTNESS.md), which would turn exit code 1 into
  // a SIGSEGV. Nothing is left to clean up by then: writes are atomic and their temporary
  // files are already removed.
  auto fail = [&](int code, const char* prefix, const char* what, bool json_written = false) {
    if (!json_written) json_error(code, code == 2 ? "usage" : "data", what);
    std::cout.flush();
    // One write, so that the lines of several processes (firmnet-mpi) do not interleave.
    std::cerr << (std::string("firmnet: ") + prefix + what + "\n") << std::flush;
    std::fflush(nullptr);
    if (before_failure_exit) before_failure_exit(code);
    std::_Exit(code);
  };
  try {
    for (auto& [sub, run] : commands)
      if (sub->parsed()) return run();
    return 2;
  } catch (const UsageError& e) {
    fail(2, "usage error: ", e.what());
  } catch (const ImportError& e) {
    fail(1, "error: ", e.what(), app.got_subcommand("import"));  // `import --json` printed the log with the error
  } catch (const DataError& e) {
    fail(1, "error: ", e.what());
  } catch (const std::bad_alloc&) {
    fail(1, "error: ", "out of memory");
  } catch (const std::exception& e) {
    fail(1, "error: ", e.what());
  }
  return 1;
}

}  // namespace firmnet::cli

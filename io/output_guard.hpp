// Guards a network file about to be written, so that no command loses a user's file:
//   - an output that is one of the inputs (the same file, by device and inode, whatever the
//     path spelling) is refused;
//   - an existing output that is not a readable firmnet network file (a CSV, a spreadsheet, a
//     damaged or foreign HDF5 file) is replaced only with --force;
//   - an existing firmnet network file keeps its stored results when the new network is the
//     same (equal fingerprint): they are carried into the new file, except those the command
//     recomputes; when the network differs, its results describe another network and are
//     dropped only with --replace.
// The write itself stays atomic (io/atomic_file.hpp): a refused or failed command leaves the
// existing file untouched.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "graph/graph.hpp"
#include "io/import_log.hpp"

namespace firmnet {

struct OutputPlan {
  bool exists = false;                       // a file is at the output path now
  std::vector<std::string> kept_results;     // copied from the existing file into the new one
  std::vector<std::string> dropped_results;  // stored there and not carried over (--replace)
  std::vector<std::string> recomputed_results;  // stored there and written again by the command
};

/// Throws UsageError when `output` is the same file as one of `inputs` (empty paths and
/// missing files are skipped). O(inputs).
void refuse_output_among_inputs(const std::string& output, const std::vector<std::string>& inputs);

/// Plans the write of a network whose fingerprint is `fingerprint` to `output` under the rules
/// above; `recomputed` names the results the command writes itself. Throws UsageError (exit 2)
/// for a refused output, naming the option that allows it, DamagedFileError (exit 1, also
/// naming --force) for an HDF5 file the guard of io/h5_guard.hpp finds damaged, and DataError
/// for a directory or other non-regular file at the path. O(stored results).
OutputPlan plan_network_output(const std::string& output, std::uint64_t fingerprint,
                               const std::vector<std::string>& recomputed, bool force, bool replace);

/// One line for a person about what the plan did with the existing file, or "" when there was
/// none. O(results).
std::string describe_output_plan(const std::string& output, const OutputPlan& plan);

/// What a writer of network files allows beyond the rules above (the CLI's --force and
/// --replace, the Python module's force= and replace=).
struct OutputFlags {
  bool force = false;    // replace an existing file that is not a firmnet network file
  bool replace = false;  // drop stored results of another network at the output path
};

/// Saves graph to output under the guard: refuses an output among inputs or one the flags do
/// not allow (UsageError), carries over the results of the same network that `recomputed`
/// does not name (their content unchanged, `created` the time of the copy), and returns the
/// plan (for the message describe_output_plan gives).
/// O(n + m + carried results).
OutputPlan save_network_guarded(const std::string& output, const std::vector<std::string>& inputs,
                                const Graph& graph, const ImportLog& log, const OutputFlags& flags,
                                const std::vector<std::string>& recomputed = {});

}  // namespace firmnet

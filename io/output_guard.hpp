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
/// for a refused output, naming the option that allows it, and DataError for a directory or
/// other non-regular file at the path. O(stored results).
OutputPlan plan_network_output(const std::string& output, std::uint64_t fingerprint,
                               const std::vector<std::string>& recomputed, bool force, bool replace);

/// One line for a person about what the plan did with the existing file, or "" when there was
/// none. O(results).
std::string describe_output_plan(const std::string& output, const OutputPlan& plan);

}  // namespace firmnet

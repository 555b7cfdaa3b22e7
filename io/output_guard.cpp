#include "io/output_guard.hpp"

#include <sys/stat.h>

#include <algorithm>

#include "graph/errors.hpp"
#include "io/h5_guard.hpp"
#include "io/network_store.hpp"
#include "io/results.hpp"

namespace firmnet {

namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

}  // namespace

void refuse_output_among_inputs(const std::string& output, const std::vector<std::string>& inputs) {
  struct stat out_stat {};
  if (output.empty() || ::stat(output.c_str(), &out_stat) != 0) return;
  for (const auto& input : inputs) {
    struct stat in_stat {};
    if (input.empty() || ::stat(input.c_str(), &in_stat) != 0) continue;
    if (in_stat.st_dev == out_stat.st_dev && in_stat.st_ino == out_stat.st_ino)
      throw UsageError("-o " + output + " is the input file " + input +
                       "; writing the network there would destroy it. Choose another output path");
  }
}

OutputPlan plan_network_output(const std::string& output, std::uint64_t fingerprint,
                               const std::vector<std::string>& recomputed, bool force, bool replace) {
  OutputPlan plan;
  struct stat out_stat {};
  plan.exists = ::stat(output.c_str(), &out_stat) == 0;
  if (!plan.exists) return plan;
  if (S_ISDIR(out_stat.st_mode)) throw DataError(output + ": cannot write the network file: it is a directory");
  if (!S_ISREG(out_stat.st_mode)) throw DataError(output + ": cannot write the network file: not a regular file");
  NetworkHeader header;
  std::vector<ResultSummary> stored;
  try {
    header = read_header(output);
    stored = list_results(output);
  } catch (const DamagedFileError& e) {
    // A data problem, not a request to rephrase: exit 1 like every other read of that file.
    if (force) return plan;
    throw DamagedFileError(std::string(e.what()) + "; use --force to replace it");
  } catch (const DataError& e) {
    if (force) return plan;
    throw UsageError("-o " + output + " exists and is not a readable firmnet network file (" + e.what() +
                     "); use --force to replace it");
  }
  for (const auto& result : stored) {
    if (std::find(recomputed.begin(), recomputed.end(), result.name) != recomputed.end())
      plan.recomputed_results.push_back(result.name);
    else if (header.fingerprint == fingerprint)
      plan.kept_results.push_back(result.name);
    else
      plan.dropped_results.push_back(result.name);
  }
  if (!plan.dropped_results.empty() && !replace)
    throw UsageError("-o " + output + " holds results of another network (" + joined(plan.dropped_results) +
                     "); writing this network there would drop them. Use --replace to do so, or choose another output "
                     "path");
  return plan;
}

std::string describe_output_plan(const std::string& output, const OutputPlan& plan) {
  if (!plan.exists) return "";
  std::string text = output + " existed:";
  if (!plan.kept_results.empty()) text += " kept results " + joined(plan.kept_results) + " (same network);";
  if (!plan.recomputed_results.empty()) text += " recomputed " + joined(plan.recomputed_results) + ";";
  if (!plan.dropped_results.empty()) text += " dropped results " + joined(plan.dropped_results) + " (--replace);";
  if (plan.kept_results.empty() && plan.recomputed_results.empty() && plan.dropped_results.empty())
    text += " replaced (it held no results);";
  text.pop_back();
  return text;
}

OutputPlan save_network_guarded(const std::string& output, const std::vector<std::string>& inputs,
                                const Graph& graph, const ImportLog& log, const OutputFlags& flags,
                                const std::vector<std::string>& recomputed) {
  refuse_output_among_inputs(output, inputs);
  const OutputPlan plan = plan_network_output(output, graph.fingerprint(), recomputed, flags.force, flags.replace);
  // Read before the old file is replaced; written after. (libhdf5 1.10.8 crashes in H5Ocopy on
  // groups with many attributes, so results are carried as data, not copied as HDF5 objects.)
  std::vector<Result> kept;
  for (const auto& name : plan.kept_results) kept.push_back(read_result(output, name));
  save_network(output, graph, log);
  write_results(output, kept);
  return plan;
}

}  // namespace firmnet

#include "cli/network_output.hpp"

#include "io/network_store.hpp"
#include "io/results.hpp"

namespace firmnet::cli {

void add_output_flags(CLI::App* sub, OutputFlags& flags) {
  sub->add_flag("--force", flags.force,
                "Replace an existing output file that is not a firmnet network file (never an input file)");
  sub->add_flag("--replace", flags.replace,
                "Write over a firmnet network file holding results of another network, dropping them "
                "(results of the same network are always kept)");
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

}  // namespace firmnet::cli

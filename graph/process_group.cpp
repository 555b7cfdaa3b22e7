#include "graph/process_group.hpp"

namespace firmnet {

namespace {
const ProcessGroup* current_group = nullptr;
}

void join_process_group(const ProcessGroup* group) { current_group = group; }

const ProcessGroup* process_group() { return current_group; }

bool runs_replicate(std::size_t replicate) {
  return !current_group || replicate % static_cast<std::size_t>(current_group->size()) ==
                               static_cast<std::size_t>(current_group->rank());
}

bool writes_output() { return !current_group || current_group->rank() == 0; }

void share_replicates(std::vector<std::vector<std::uint8_t>>& records) {
  if (current_group) current_group->share(records);
}

void add_up_over_processes(std::vector<FixedPoint>& totals) {
  if (current_group) current_group->add_up(totals);
}

}  // namespace firmnet

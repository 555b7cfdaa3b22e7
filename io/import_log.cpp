#include "io/import_log.hpp"

namespace firmnet {

void ImportLog::reject(ImportIssue issue, std::size_t max_examples) {
  ++rejected_by_reason[issue.reason];
  if (issues.size() < max_examples) issues.push_back(std::move(issue));
}

std::uint64_t ImportLog::rejected_total() const {
  std::uint64_t total = 0;
  for (const auto& [reason, count] : rejected_by_reason) total += count;
  return total;
}

std::string ImportLog::format_issues(std::size_t max_lines) const {
  std::string out;
  std::size_t shown = 0;
  for (const auto& issue : issues) {
    if (shown++ == max_lines) break;
    out += issue.file + ":" + std::to_string(issue.line) + ": " + issue.reason + ": " + issue.detail + "\n";
  }
  if (issues.size() > max_lines || rejected_total() > issues.size())
    out += "... (only the first " + std::to_string(std::min(max_lines, issues.size())) + " rows are shown)\n";
  for (const auto& [reason, count] : rejected_by_reason)
    out += "rejected " + reason + ": " + std::to_string(count) + "\n";
  return out;
}

}  // namespace firmnet

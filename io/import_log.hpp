// What an import did: inputs, accepted counts, rejections by reason with the first examples,
// merged duplicates and dropped self-loops. Stored in /import_log of the network file.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace firmnet {

/// One rejected (or repaired) row: where it is and why.
struct ImportIssue {
  std::string file;
  std::uint64_t line = 0;  // 1-based physical line where the record starts
  std::string reason;      // a stable key, e.g. "unknown_endpoint" (docs/FORMAT.md lists them)
  std::string detail;      // human-readable specifics, e.g. "target 'F99' not in nodes.csv"
};

struct ImportLog {
  std::string nodes_file, edges_file, mode;  // mode: "strict" or "lenient"
  std::uint64_t node_rows_read = 0, edge_rows_read = 0;
  std::uint64_t nodes_accepted = 0, edges_accepted = 0;  // edges after merging
  std::uint64_t duplicate_edges_merged = 0, self_loops_dropped = 0, implicit_nodes_created = 0;
  std::map<std::string, std::uint64_t> rejected_by_reason;  // total per reason
  std::vector<ImportIssue> issues;                          // the first examples, up to a limit
  std::vector<std::string> warnings;  // "FILE:LINE: ..." for accepted input a person should check

  /// Counts a rejected record under issue.reason and keeps issue as an example while fewer than
  /// max_examples are kept. O(log reasons).
  void reject(ImportIssue issue, std::size_t max_examples);
  /// Rejected rows over all reasons. O(reasons).
  std::uint64_t rejected_total() const;
  /// "nodes.csv:12: duplicate_node_id: ..." lines followed by per-reason totals.
  /// O(min(max_lines, issues) + reasons).
  std::string format_issues(std::size_t max_lines) const;
};

}  // namespace firmnet

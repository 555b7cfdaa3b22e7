#include "algorithms/structure/network_capabilities.hpp"

#include <cmath>
#include <limits>
#include <vector>

namespace firmnet::structure {
namespace {

// Firms with a value in the column, and the number of distinct values among them (codes index
// the column's dictionary, so a flag per entry counts them). O(n + dictionary).
void count_column(const NodeTable& nodes, const StringColumn& column, std::uint64_t& distinct, std::uint64_t& firms) {
  std::vector<std::uint8_t> seen(column.dictionary.size(), 0);
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (nodes.kind[i] != NodeKind::firm || column.missing(i)) continue;
    ++firms;
    std::uint8_t& flag = seen[static_cast<std::size_t>(column.codes[i])];
    distinct += flag == 0;
    flag = 1;
  }
}

}  // namespace

NetworkCapabilities network_capabilities(const Graph& graph) {
  const NodeTable& nodes = graph.nodes;
  NetworkCapabilities c;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (nodes.kind[i] != NodeKind::firm) {
      ++c.institutions;
      continue;
    }
    ++c.firms;
    c.located_firms += nodes.located(static_cast<NodeId>(i));
    c.employee_firms += std::isfinite(nodes.employees[i]) && nodes.employees[i] > 0;
    c.founded_firms += nodes.founded[i] != 0;
    c.closed_firms += nodes.closed[i] != 0;
  }
  count_column(nodes, nodes.park, c.parks, c.park_firms);
  count_column(nodes, nodes.region, c.regions, c.region_firms);
  count_column(nodes, nodes.stage, c.stages, c.staged_firms);
  count_column(nodes, nodes.industry, c.industries, c.industry_firms);
  c.links = graph.edges.year.size();
  // A flag per possible year: one pass over tens of millions of links, no tree.
  constexpr int kYearOffset = -std::numeric_limits<std::int16_t>::min();
  std::vector<std::uint8_t> seen(std::size_t{1} << 16, 0);
  for (const std::int16_t y : graph.edges.year)
    if (y != kNoYear) {
      ++c.dated_links;
      seen[static_cast<std::size_t>(y + kYearOffset)] = 1;
    }
  for (std::size_t k = 0; k < seen.size(); ++k) {
    if (!seen[k]) continue;
    const auto year = static_cast<std::int16_t>(static_cast<int>(k) - kYearOffset);
    if (c.years++ == 0) c.first_year = year;
    c.last_year = year;
  }
  return c;
}

}  // namespace firmnet::structure

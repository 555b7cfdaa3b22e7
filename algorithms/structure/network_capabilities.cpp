#include "algorithms/structure/network_capabilities.hpp"

#include <cmath>
#include <set>

namespace firmnet::structure {
namespace {

// Firms with a value in the column, and the number of distinct values among them.
void count_column(const NodeTable& nodes, const StringColumn& column, std::uint64_t& distinct, std::uint64_t& firms) {
  std::set<std::int32_t> values;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (nodes.kind[i] != NodeKind::firm || column.missing(i)) continue;
    ++firms;
    values.insert(column.codes[i]);
  }
  distinct = values.size();
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
  }
  count_column(nodes, nodes.park, c.parks, c.park_firms);
  count_column(nodes, nodes.region, c.regions, c.region_firms);
  count_column(nodes, nodes.stage, c.stages, c.staged_firms);
  count_column(nodes, nodes.industry, c.industries, c.industry_firms);
  c.links = graph.edges.year.size();
  std::set<std::int16_t> years;
  for (const std::int16_t y : graph.edges.year)
    if (y != kNoYear) {
      ++c.dated_links;
      years.insert(y);
    }
  c.years = years.size();
  if (!years.empty()) {
    c.first_year = *years.begin();
    c.last_year = *years.rbegin();
  }
  return c;
}

}  // namespace firmnet::structure

// What a network's columns allow: which analyses its data supports (shown after `firmnet
// import` and `firmnet analyze`; docs/FORMAT.md, "What a network supports"). Each analysis
// needs certain columns filled for enough firms:
//   park test          : park values (or regions / coordinates, with --unit region / radius)
//   vertical links     : a value-chain stage on firms, at least two distinct stages
//   distance null, maps: coordinates (the distance null is the default from kMostFirmsLocated)
//   concentration      : industry and employees on firms
//   evolution          : dated links over at least two years
//   entries            : founding years of firms
//   institutions       : non-firm nodes (universities, agencies, ...) for the park test's
//                        institution links
// Approach: one pass over the node table and the link years, with a flag per dictionary entry
// and per possible year. O(n + m + d), d the size of the columns' dictionaries.
#pragma once
#include <cstdint>

#include "graph/graph.hpp"

namespace firmnet::structure {

struct NetworkCapabilities {
  std::uint64_t firms = 0, institutions = 0, links = 0;
  std::uint64_t parks = 0, park_firms = 0;          // distinct park values on firms; firms with one
  std::uint64_t regions = 0, region_firms = 0;
  std::uint64_t stages = 0, staged_firms = 0;
  std::uint64_t industries = 0, industry_firms = 0;
  std::uint64_t located_firms = 0, employee_firms = 0, founded_firms = 0, closed_firms = 0;
  std::uint64_t dated_links = 0, years = 0;          // dated links; distinct years among them
  std::int16_t first_year = kNoYear, last_year = kNoYear;

  bool park_test() const { return parks > 0; }
  bool vertical_links() const { return stages >= 2; }
  bool distance_methods() const { return located_firms > 0; }
  bool concentration() const { return industries > 0 && employee_firms > 0; }
  bool evolution() const { return years >= 2; }
  bool entries() const { return founded_firms > 0; }
  bool exits() const { return closed_firms > 0; }
  bool institution_links() const { return institutions > 0; }
};

/// Counts what each analysis needs. O(n + m + d).
NetworkCapabilities network_capabilities(const Graph& graph);

}  // namespace firmnet::structure

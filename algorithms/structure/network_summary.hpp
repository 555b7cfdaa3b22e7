// The facts `firmnet info` reports: nodes by kind, edges by type, degree summary, connected
// components, parks and regions with their sizes. O(n log n + m).
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "graph/progress.hpp"
#include "graph/views.hpp"

namespace firmnet::structure {

/// Distribution summary of a per-node quantity.
struct DegreeSummary {
  double min = 0, mean = 0, median = 0, p99 = 0, max = 0;
  std::uint64_t zeros = 0;  // nodes where the quantity is 0
};

struct GroupSize {
  std::string name;  // park or region value; "" collects nodes without one
  std::uint64_t nodes = 0, firms = 0, institutions = 0;
};

struct NetworkSummary {
  std::uint64_t nodes = 0, edges = 0;
  std::array<std::uint64_t, kNodeKindCount> nodes_by_kind{};
  std::array<std::uint64_t, kRelationTypeCount> edges_by_type{};
  std::array<double, kRelationTypeCount> weight_by_type{};
  std::int16_t first_year = 0, last_year = 0;  // over dated edges; 0 when none
  std::uint64_t undated_edges = 0;
  DegreeSummary in_degree, out_degree, total_degree;
  std::uint64_t isolated = 0;  // no edge at all
  std::uint64_t weak_components = 0, largest_weak = 0;
  std::uint64_t strong_components = 0, largest_strong = 0;
  std::vector<GroupSize> parks, regions;  // largest first, then by name
};

/// Summarises the view (all of it when the filter accepts everything). O(n log n + m).
NetworkSummary run_summary(const GraphView& view, const Progress& progress = {});

/// Summary of values (sorted copy inside). Empty input gives all zeros. O(k log k).
DegreeSummary summarize_values(std::vector<double> values);

}  // namespace firmnet::structure

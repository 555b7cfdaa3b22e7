// The year each park was established (docs/evolution.md, "Park establishment"), from the node
// column `park_established` (an extra column under one of kParkEstablishedColumns, docs/FORMAT.md)
// and from a parks table (`--parks-table`: park, established, optional area_km2).
// Every member with a value must agree with the others of its park, and the table must agree
// with the column where both give a year; a disagreement is a DataError naming the park.
// Complexity: O(n + table rows log units).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "algorithms/spatial/spatial_units.hpp"
#include "graph/graph.hpp"

namespace firmnet::evolution {

/// Node column names read as a park's establishment year, canonical first.
inline constexpr std::string_view kParkEstablishedColumns[] = {"park_established", "park_opened", "zone_established",
                                                               "park_established_year", "园区设立年份", "园区成立年份"};

/// One row of a parks table.
struct ParkRecord {
  std::string park;
  int established = 0;  // 0 = not given
  double area_km2 = 0;  // NaN = not given
  std::uint64_t line = 0;  // the table line, for messages
};

struct Establishment {
  std::vector<int> year;         // per unit, 0 = unknown (never established as far as the data says)
  std::vector<double> area_km2;  // per unit, NaN = unknown
  std::string column;            // the node column read ("" = none)
  std::uint64_t table_rows = 0, table_rows_unmatched = 0;  // table rows, and those naming no unit
};

/// Establishment years and areas per unit. table_name names the table in messages. Throws
/// DataError for a column that does not hold years 1800-2100, members of one park with different
/// years, or a table year that differs from the column's. O(n + rows log units).
Establishment establishment_years(const Graph& graph, const spatial::SpatialUnits& units,
                                  const std::vector<ParkRecord>& table, const std::string& table_name);

}  // namespace firmnet::evolution

// Input of the co-location (concentration) indices: the firms of a node table placed in
// spatial units (region or park) and industries, aggregated into a sparse unit x industry
// matrix of employment or firm counts.
//
// Scope: nodes of kind firm with both a unit and an industry. Firms lacking either are
// counted in ScopeCounts and left out of every index, because the shares s_j and x_j of the
// Ellison-Glaeser G must be taken over one population.
//
// Size measure (docs/concentration.md): `automatic` uses employees when every in-scope firm
// has a finite, non-negative employee count and their total is positive, otherwise firm
// counts (each firm counts 1), so that employment is never mixed with guesses. `employees`
// forces employment and leaves firms without it out of scope (counted); `firm_count` forces
// counts.
//
// External totals (docs/concentration.md): a firm sample rarely covers all employment, so the
// size of each unit (e_r, hence x_r = e_r / e and e) can come from official statistics
// instead. Then every unit of the table is a unit of the run (with or without sampled firms),
// e_r is its total and e their sum; firms in units absent from the table are left out and
// counted, and the size measure is employment (a firm-count run is refused).
//
// Complexity: O(n + c log c + t log t) for n nodes, c in-scope firms and t unit totals.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "graph/graph.hpp"

namespace firmnet::spatial {

enum class SpatialUnit : std::uint8_t { region, park };
enum class SizeMeasure : std::uint8_t { automatic, employees, firm_count };

/// Names of the unit and size-measure options, and their parsers (nullopt when unknown).
/// O(1) each.
std::string_view spatial_unit_name(SpatialUnit unit);          // "region", "park"
std::optional<SpatialUnit> parse_spatial_unit(std::string_view text);
std::string_view size_measure_name(SizeMeasure measure);        // "auto", "employees", "firm_count"
std::optional<SizeMeasure> parse_size_measure(std::string_view text);  // also "firms"

/// The first `level` code points of an industry code ("C3670" at level 3 is "C36"); level 0
/// keeps the whole code. O(length).
std::string truncate_industry(std::string_view code, int level);

/// Where the firms of the node table went.
struct ScopeCounts {
  std::uint64_t firms = 0;             // nodes of kind firm
  std::uint64_t in_scope = 0;          // firms entering the indices
  std::uint64_t missing_unit = 0;      // industry known, unit missing
  std::uint64_t missing_industry = 0;  // unit known, industry missing
  std::uint64_t missing_both = 0;
  std::uint64_t missing_employees = 0;  // located, classified firms without a usable employee count
  std::uint64_t excluded_missing_employees = 0;  // of those, left out because employees was forced
  std::uint64_t missing_total = 0;  // with external totals: located, classified, unit absent from the table
};

/// Official sizes of units (name, employment), e.g. regional employment from statistics.
using UnitTotals = std::vector<std::pair<std::string, double>>;

/// A unit holding sampled firms but absent from the external totals.
struct UnitWithoutTotal {
  std::string name;
  std::uint64_t firms = 0;
  double size = 0;  // the sampled firms' employment
};

/// Aggregated co-location data. "Size" is employment or firm count (see measure).
/// Cells are stored industry-major: industry i owns cells cell_offsets[i]..cell_offsets[i+1],
/// with unit indices ascending; only unit x industry pairs holding at least one firm appear.
struct ConcentrationData {
  SpatialUnit unit = SpatialUnit::region;
  int industry_level = 0;
  SizeMeasure measure = SizeMeasure::firm_count;  // the measure used: employees or firm_count
  ScopeCounts scope;

  std::vector<std::string> unit_names;      // sorted, distinct
  std::vector<std::string> industry_names;  // sorted, distinct (after truncation)

  std::vector<double> unit_size;           // e_r
  std::vector<std::uint64_t> unit_firms;
  std::vector<double> industry_size;       // e_i
  std::vector<std::uint64_t> industry_firms;
  std::vector<std::uint64_t> industry_positive_firms;  // firms with size > 0
  std::vector<double> industry_size_squares;            // sum over the industry's firms of size^2
  double total_size = 0;                                 // e
  double sum_x_squared = 0;                              // sum_j x_j^2, x_j = e_j / e
  std::uint64_t positive_units = 0;                      // units with e_r > 0

  bool external_totals = false;                          // e_r from UnitTotals
  std::vector<UnitWithoutTotal> units_without_total;     // external totals: left out, by name
  std::vector<std::uint32_t> units_above_total;          // external totals: sampled size > e_r

  std::vector<std::uint64_t> cell_offsets{0};
  std::vector<std::uint32_t> cell_unit;
  std::vector<double> cell_size;  // e_ri
  std::vector<std::uint64_t> cell_firms;

  /// Units; industries. O(1).
  std::size_t unit_count() const { return unit_names.size(); }
  std::size_t industry_count() const { return industry_names.size(); }
  /// Index of an industry name (after truncation), or nullopt. O(log industries).
  std::optional<std::uint32_t> find_industry(std::string_view name) const;
};

/// Builds the co-location data of the firms in `nodes`.
/// Inputs: the node table; the unit column (region or park); the industry truncation level
/// (>= 0); the requested size measure; optionally external unit totals (then the measure is
/// employees: `automatic` resolves to it). Output: ConcentrationData with the measure used.
/// Throws UsageError for a negative level or totals with firm_count; DataError for totals
/// with a repeated unit or a size that is not a finite number >= 0. O(n + c log c + t log t).
ConcentrationData build_concentration_data(const NodeTable& nodes, SpatialUnit unit, int industry_level,
                                           SizeMeasure requested, const UnitTotals* totals = nullptr);

}  // namespace firmnet::spatial

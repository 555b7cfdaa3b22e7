// Describes a concentration report (algorithms/spatial/concentration.hpp) as a stored result:
// tables of industries, location quotients and coagglomeration, with scalars and parameters
// (docs/concentration.md, docs/FORMAT.md).
#pragma once
#include "algorithms/spatial/concentration.hpp"
#include "results/result.hpp"

namespace firmnet::spatial {

/// The report as a stored result (method "concentration", no node columns): tables
/// `industries`, `location_quotients`, `coagglomeration`; scalars for the scope, the measure
/// and the group; parameters by, industry_level, measure, measure_requested, min_firms,
/// pair_industries, group. O(cells + industries + pairs).
Result concentration_result(const ConcentrationReport& report, const ConcentrationOptions& options);

}  // namespace firmnet::spatial

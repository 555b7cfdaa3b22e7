// Location quotient of a spatial unit r in an industry i (docs/concentration.md, "Formulas"):
//   LQ_ri = (e_ri / e_r) / (e_i / e),
// e = employment, or firm counts when employment is missing (ConcentrationData::measure).
// LQ > 1: the industry is over-represented in the unit relative to the whole scope.
// Complexity: O(1) per cell, O(cells) for all.
#pragma once
#include <vector>

#include "algorithms/spatial/concentration_data.hpp"

namespace firmnet::spatial {

/// LQ from its four sizes; NaN when e_r, e_i or e is zero (the ratio is undefined). O(1).
double location_quotient(double e_ri, double e_r, double e_i, double e);

/// LQ of every stored cell of data, in cell order (industry-major, units ascending).
/// Cells not stored hold no firm of the industry and have LQ 0. O(cells), parallel.
std::vector<double> location_quotients(const ConcentrationData& data);

}  // namespace firmnet::spatial

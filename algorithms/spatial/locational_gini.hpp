// Locational Gini coefficient of an industry (Krugman 1991, Geography and Trade, MIT Press;
// docs/concentration.md, "Formulas"). Sort the spatial units by LQ_ri ascending; with X_k the
// cumulative share of total size and Y_k the cumulative share of industry i's size over the
// first k units (X_0 = Y_0 = 0):
//   Gini = 1 - sum_k (X_k - X_{k-1}) (Y_k + Y_{k-1}).
// 0: the industry is spread like total size; towards 1: concentrated in few units.
// Units without the industry have LQ 0 and come first with Y_k = 0, so their terms vanish:
// only the industry's cells are sorted. Ties in LQ do not change the sum (tied units lie on
// one straight segment of the curve); they are ordered by unit index.
// Complexity: O(c log c) for an industry's c cells; O(cells log) for all, parallel.
#pragma once
#include <vector>

#include "algorithms/spatial/concentration_data.hpp"

namespace firmnet::spatial {

/// Gini of every industry of data, in industry order; NaN for an industry of size 0.
/// lq holds location_quotients(data) (cell order). O(cells log cells).
std::vector<double> locational_gini(const ConcentrationData& data, const std::vector<double>& lq);

}  // namespace firmnet::spatial

// Herfindahl-Hirschman index, HHI = sum of squared shares (Hirschman 1945, Herfindahl 1950;
// docs/concentration.md, "Formulas").
// Two uses: the concentration of an industry over spatial units (shares s_j of its size per
// unit) and over its firms (shares z_k of its size per firm, the H of Ellison-Glaeser).
// Shares are fractions, so HHI lies in [1/k, 1] for k holders (not scaled to 10,000).
// Complexity: O(cells) and O(industries) respectively.
#pragma once
#include <span>
#include <vector>

#include "algorithms/spatial/concentration_data.hpp"

namespace firmnet::spatial {

/// sum_k (size_k / sum size)^2; NaN when the sizes sum to zero. O(k).
double herfindahl(std::span<const double> sizes);

/// Per industry: sum_j s_j^2 with s_j = e_ij / e_i over units j; NaN for an industry of size 0.
/// O(cells).
std::vector<double> herfindahl_of_units(const ConcentrationData& data);

/// Per industry: H_i = sum_k z_k^2 with z_k = e_k / e_i over the industry's firms k
/// (= sum e_k^2 / e_i^2); NaN for an industry of size 0. With firm counts, H_i = 1 / firms.
/// O(industries).
std::vector<double> herfindahl_of_firms(const ConcentrationData& data);

}  // namespace firmnet::spatial

// Ellison-Glaeser agglomeration index (Ellison & Glaeser 1997, J. Polit. Econ. 105(5):889-927;
// docs/concentration.md, "Formulas"). For industry i over spatial units j:
//   s_j = e_ij / e_i   (unit j's share of the industry),
//   x_j = e_j / e      (unit j's share of all in-scope size),
//   H   = sum_k z_k^2  (Herfindahl of the industry's firm shares z_k),
//   G   = sum_j (s_j - x_j)^2,
//   gamma = (G - (1 - sum_j x_j^2) H) / ((1 - sum_j x_j^2)(1 - H)).
// gamma > 0: more concentrated than random location of its firms would give; ~0: random;
// < 0: dispersed. Computed from the sparse cells: units without the industry add x_j^2 to G,
// so G = (sum_j x_j^2 - sum_{j in cells} x_j^2) + sum_{j in cells} (s_j - x_j)^2.
// Complexity: O(cells of the industry) each, O(cells) for all, parallel over industries.
#pragma once
#include <string_view>
#include <vector>

#include "algorithms/spatial/concentration_data.hpp"

namespace firmnet::spatial {

/// Why an index is undefined (NaN); none when it is defined.
enum class Degeneracy : std::uint8_t {
  none,
  no_size,           // the scope (or the industry, or the group) has zero total size
  single_unit,       // all size in one unit: sum x_j^2 = 1, the denominator vanishes
  single_firm,       // one firm holds all of the industry's size: H = 1
  single_industry,   // one industry holds all of the group's size: sum w_i^2 = 1
};
/// A one-line reason, "" for none. O(1).
std::string_view degeneracy_reason(Degeneracy d);

struct EllisonGlaeser {
  double G = 0, H = 0, gamma = 0;  // gamma NaN when degenerate
  Degeneracy degeneracy = Degeneracy::none;
};

/// gamma from G, H and sum_j x_j^2 exactly as written above; NaN when sum x^2 >= 1 or H >= 1.
/// O(1).
double ellison_glaeser_gamma(double G, double H, double sum_x_squared);

/// G = sum_j (s_j - x_j)^2 of a sparse share vector: units[k] holds size[k] (units ascending
/// not required), total = sum size. x_j from data. O(k).
double raw_geographic_concentration(const ConcentrationData& data, const std::uint32_t* units, const double* size,
                                    std::size_t k, double total);

/// EG index of every industry of data, in industry order. O(cells), parallel.
std::vector<EllisonGlaeser> ellison_glaeser(const ConcentrationData& data);

}  // namespace firmnet::spatial

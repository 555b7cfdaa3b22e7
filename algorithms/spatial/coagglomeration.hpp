// Ellison-Glaeser coagglomeration index of a group of industries (Ellison & Glaeser 1997,
// eq. for gamma^c; docs/concentration.md, "Formulas"). With w_i = e_i / sum_{i in group} e_i,
//   H = sum_i w_i^2 H_i,   G = sum_j (s_j - x_j)^2 for the group as a whole,
//   gamma_c = (G / (1 - sum_j x_j^2) - H - sum_i gamma_i w_i^2 (1 - H_i)) / (1 - sum_i w_i^2).
// gamma_c > 0: the industries locate together beyond their own agglomeration.
// An industry with H_i = 1 has no gamma_i, but the product gamma_i (1 - H_i) is defined by the
// gamma formula itself: gamma_i (1 - H_i) = G_i / (1 - sum x^2) - H_i. That value is used.
// Complexity: O(c log c) per group, c = cells of the group's industries.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "algorithms/spatial/ellison_glaeser.hpp"

namespace firmnet::spatial {

struct Coagglomeration {
  std::vector<std::uint32_t> industries;  // the group, as given
  double size = 0;                        // sum of the group's e_i
  double G = 0, H = 0, gamma_c = 0;       // gamma_c NaN when degenerate
  Degeneracy degeneracy = Degeneracy::none;
};

/// gamma_c of one group of distinct industries (at least two). per_industry is
/// ellison_glaeser(data). Throws UsageError for fewer than two or repeated industries.
/// O(c log c).
Coagglomeration coagglomeration(const ConcentrationData& data, std::span<const EllisonGlaeser> per_industry,
                                std::span<const std::uint32_t> group);

/// gamma_c of every pair (a, b) of the distinct `industries`, a listed before b, in that order.
/// O(sum over pairs of c log c), parallel over pairs.
std::vector<Coagglomeration> pairwise_coagglomeration(const ConcentrationData& data,
                                                      std::span<const EllisonGlaeser> per_industry,
                                                      std::span<const std::uint32_t> industries);

}  // namespace firmnet::spatial

// Verifier of the co-location indices (concentration.hpp), written apart from the kernel: it
// goes back to the node table, re-selects the in-scope firms (kind firm, unit and industry
// known, and a finite non-negative employee count when the report used employment), truncates
// industry codes itself, sums sizes into ordered maps keyed by names, and recomputes by the
// plain dense formulas over every unit j (no sparse shortcut)
//   LQ_ri = (e_ri / e_r) / (e_i / e)                               (docs/concentration.md),
//   G_i = sum_j (e_ij / e_i - e_j / e)^2,  H_i = sum_k (e_k / e_i)^2 over the industry's firms,
//   gamma_i = (G_i - (1 - sum_j x_j^2) H_i) / ((1 - sum_j x_j^2)(1 - H_i))
//                                                     (Ellison & Glaeser 1997),
// gamma undefined (NaN) when all size sits in one unit or one firm, all three when the scope
// or the industry has no size. With external totals, firms in units absent from the table are
// left out and e_r is the table's total of every unit it names. Checks the unit and industry lists, the in-scope count, every
// stored cell's size, firm count and LQ, and G, H, gamma of every industry to 1e-9 relative.
// Complexity: O(n + c log c + units * industries) for c in-scope firms.
#pragma once
#include "algorithms/spatial/concentration.hpp"
#include "graph/verification.hpp"

namespace firmnet::spatial {

/// Checks the location quotients and Ellison-Glaeser indices of `outcome` =
/// run_concentration(view of a graph with these nodes, request, totals); totals may be null.
/// O(n + c log c + units * industries).
Verification verify_concentration(const NodeTable& nodes, const ConcentrationOutcome& outcome,
                                  const UnitTotals* totals = nullptr);

}  // namespace firmnet::spatial

// The gravity expectation of each spatial unit's internal links: how many links its firms
// would share if trade depended only on their activity and on distance.
//
// Reference: P. Expert, T. S. Evans, V. D. Blondel, R. Lambiotte, "Uncovering space-independent
// communities in spatial networks", PNAS 108(19):7663-7668 (2011): the null P_ij =
// k_i^out k_j^in f(d_ij), with the deterrence function f fitted by distance binning
// (algorithms/community/deterrence_function.hpp: f_b = observed links in bin b / sum of
// k_i^out k_j^in over the ordered pairs in bin b).
//
// Here the links are the view's accepted edges counted once each (parallel edges of different
// types or years count separately), k^out and k^in their counts per node. The expected
// internal links of unit U are
//   E_grav[e_U] = sum_{i, j in U, i != j} k_i^out k_j^in f(d_ij),
// the fit's sum over U x U minus the self-pairs (i, i), which cannot hold a link. Firms without
// coordinates enter through the fit's unlocated class. Cost: the fit (O(n log n + m log m +
// G^2 log B) for G sites, B bins) plus O(|U| log |U| + G_U^2 log B) per unit.
#pragma once
#include <cstdint>
#include <vector>

#include "algorithms/community/deterrence_function.hpp"
#include "graph/progress.hpp"
#include "graph/views.hpp"

namespace firmnet::spatial {

struct GravityExpectation {
  community::DeterrenceFunction deterrence;  // the fitted f(d) table
  std::vector<double> expected;              // per unit: E_grav[e_U]
};

/// Fits f on the view's links (distance bins by the deterrence fit's default rule) and gives
/// every unit's expected internal links (unit_of: per node, -1 = none). Cost in the file
/// comment: O(n log n + m log m + G^2 log B + sum_U G_U^2 log B).
GravityExpectation gravity_expectation(const GraphView& view, const std::vector<std::int64_t>& unit_of,
                                       std::size_t unit_count, const Progress& progress = {});

}  // namespace firmnet::spatial

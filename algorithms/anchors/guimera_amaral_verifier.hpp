// Verifier of Guimera-Amaral roles (guimera_amaral.hpp), written apart from the kernel: per
// node an ordered map of link weight by module (the kernel sorts a row copy), then the
// formulas of Guimera & Amaral (2005) as printed:
//   k_i,s = links of i into its own module s,   z_i = (k_i,s - mean_s) / sd_s  over the
//   members of s (population sd; z = 0 when sd vanishes), P_i = 1 - sum_s (k_is / k_i)^2
//   (0 when k_i = 0), a node without module counting as a module of its own in P.
// Checks within-module degree, z and P of every node to 1e-9 relative, z NaN and role 0
// exactly for nodes without module, and a role in 1..7 for the others.
// Complexity: O(n + m log d_max).
#pragma once
#include <cstdint>
#include <vector>

#include "algorithms/anchors/guimera_amaral.hpp"
#include "graph/verification.hpp"

namespace firmnet::anchors {

/// Checks `roles` = guimera_amaral_roles(adjacency, membership, weighted). O(n + m log d_max).
Verification verify_guimera_amaral(const Adjacency& adjacency, const std::vector<std::int64_t>& membership,
                                   bool weighted, const ModuleRoles& roles);

}  // namespace firmnet::anchors

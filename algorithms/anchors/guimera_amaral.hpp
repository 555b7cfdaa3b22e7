// Guimera-Amaral node roles (Guimera & Amaral 2005, Nature 433:895; docs/centrality.md).
//   within-module degree z-score  z_i = (k_i,s - mean_s) / sd_s  over the members of i's
//     module s, k_i,s = links of i into its own module (population standard deviation;
//     z = 0 when sd_s = 0);
//   participation coefficient     P_i = 1 - sum_s (k_is / k_i)^2  (P = 0 when k_i = 0).
//   Roles: non-hubs (z < 2.5) R1 ultra-peripheral P <= 0.05, R2 peripheral <= 0.62,
//   R3 connector <= 0.80, R4 kinless > 0.80; hubs (z >= 2.5) R5 provincial P <= 0.30,
//   R6 connector <= 0.75, R7 kinless > 0.75.
// Runs on an undirected adjacency (degree = distinct neighbours, or strength when weighted).
// Nodes without a module (membership < 0) get z = NaN and role 0; each of them counts as a
// module of its own in its neighbours' P. Complexity O(n + m), parallel over nodes.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "graph/adjacency.hpp"

namespace firmnet::anchors {

struct ModuleRoles {
  std::vector<double> within_module_degree;  // k_i,s
  std::vector<double> z;                     // within-module degree z-score
  std::vector<double> participation;         // P
  std::vector<std::int64_t> role;            // 1..7, 0 = no module
};

/// Guimera-Amaral role thresholds (above): role number for a (z, P) pair. O(1).
int guimera_amaral_role(double z, double participation);
/// "R1 ultra-peripheral", ..., "R7 kinless hub"; "" for 0. O(1).
std::string_view role_name(int role);

/// z, P and role of every node for the given membership (size n). Throws UsageError on a
/// size mismatch or a directed adjacency. O(n + m).
ModuleRoles guimera_amaral_roles(const Adjacency& adjacency, const std::vector<std::int64_t>& membership,
                                 bool weighted);

}  // namespace firmnet::anchors

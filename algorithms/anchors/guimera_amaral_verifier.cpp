#include "algorithms/anchors/guimera_amaral_verifier.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

namespace firmnet::anchors {

Verification verify_guimera_amaral(const Adjacency& adjacency, const std::vector<std::int64_t>& membership,
                                   bool weighted, const ModuleRoles& roles) {
  Verification out;
  const NodeId n = adjacency.node_count();
  if (membership.size() != n || roles.z.size() != n || roles.participation.size() != n || roles.role.size() != n ||
      roles.within_module_degree.size() != n) {
    out.fail("role vectors or membership differ in size from the node count " + std::to_string(n));
    return out;
  }
  const WeightedCsr& rows = adjacency.out();
  std::vector<double> within(n, 0.0);
  for (NodeId i = 0; i < n; ++i) {
    std::map<std::int64_t, double> by_module;  // module -> k_is; a module-less neighbour v is module -(v + 1)
    double k_i = 0;
    for (EdgeId e = rows.offsets[i]; e < rows.offsets[i + 1]; ++e) {
      const NodeId v = rows.targets[e];
      const double w = weighted ? rows.weights[e] : 1.0;
      by_module[membership[v] >= 0 ? membership[v] : -static_cast<std::int64_t>(v) - 1] += w;
      k_i += w;
    }
    if (membership[i] >= 0 && by_module.count(membership[i])) within[i] = by_module[membership[i]];
    double concentration = 0;
    for (const auto& [module, k_is] : by_module) concentration += (k_is / k_i) * (k_is / k_i);
    const double participation = k_i > 0 ? 1 - concentration : 0.0;
    out.expect_close("within-module degree of node " + std::to_string(i), roles.within_module_degree[i], within[i],
                     1e-9, 1e-12);
    out.expect_close("participation of node " + std::to_string(i), roles.participation[i], participation, 1e-9,
                     1e-12);
  }

  std::map<std::int64_t, std::vector<double>> members;  // module -> k_i,s of its members
  for (NodeId i = 0; i < n; ++i)
    if (membership[i] >= 0) members[membership[i]].push_back(within[i]);
  std::map<std::int64_t, std::pair<double, double>> moments;  // module -> (mean, population sd)
  for (const auto& [module, values] : members) {
    double mean = 0, variance = 0;
    for (double x : values) mean += x / static_cast<double>(values.size());
    for (double x : values) variance += (x - mean) * (x - mean) / static_cast<double>(values.size());
    moments[module] = {mean, std::sqrt(variance)};
  }
  for (NodeId i = 0; i < n; ++i) {
    const std::string node = "node " + std::to_string(i);
    if (membership[i] < 0) {
      if (!std::isnan(roles.z[i]) || roles.role[i] != 0)
        out.fail(node + " has no module but z " + number_text(roles.z[i]) + " and role " + std::to_string(roles.role[i]));
      continue;
    }
    const auto [mean, sd] = moments[membership[i]];
    // A vanishing sd (all members alike) gives z = 0, with the kernel's cut-off for rounding.
    const double z = sd > 1e-12 * std::max(1.0, mean) ? (within[i] - mean) / sd : 0.0;
    out.expect_close("z of " + node, roles.z[i], z, 1e-9, 1e-9);
    if (roles.role[i] < 1 || roles.role[i] > 7) out.fail(node + " has role " + std::to_string(roles.role[i]));
  }
  return out;
}

}  // namespace firmnet::anchors

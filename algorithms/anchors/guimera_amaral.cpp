#include "algorithms/anchors/guimera_amaral.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "graph/errors.hpp"

namespace firmnet::anchors {

int guimera_amaral_role(double z, double participation) {
  if (std::isnan(z)) return 0;
  if (z < 2.5) {
    if (participation <= 0.05) return 1;
    if (participation <= 0.62) return 2;
    if (participation <= 0.80) return 3;
    return 4;
  }
  if (participation <= 0.30) return 5;
  if (participation <= 0.75) return 6;
  return 7;
}

std::string_view role_name(int role) {
  switch (role) {
    case 1: return "R1 ultra-peripheral";
    case 2: return "R2 peripheral";
    case 3: return "R3 non-hub connector";
    case 4: return "R4 non-hub kinless";
    case 5: return "R5 provincial hub";
    case 6: return "R6 connector hub";
    case 7: return "R7 kinless hub";
    default: return "";
  }
}

ModuleRoles guimera_amaral_roles(const Adjacency& adjacency, const std::vector<std::int64_t>& membership,
                                 bool weighted) {
  if (adjacency.is_directed()) throw UsageError("Guimera-Amaral roles need the undirected adjacency");
  const NodeId n = adjacency.node_count();
  if (membership.size() != n) throw UsageError("membership must have one entry per node");
  const WeightedCsr& rows = adjacency.out();
  ModuleRoles roles;
  roles.within_module_degree.assign(n, 0.0);
  roles.z.assign(n, std::numeric_limits<double>::quiet_NaN());
  roles.participation.assign(n, 0.0);
  roles.role.assign(n, 0);

  // P needs the per-module split of each node's links: sort a copy of the row's modules.
#pragma omp parallel
  {
    std::vector<std::pair<std::int64_t, double>> links;
#pragma omp for schedule(dynamic, 1024)
    for (std::int64_t u = 0; u < static_cast<std::int64_t>(n); ++u) {
      links.clear();
      double total = 0.0;
      for (EdgeId i = rows.offsets[u]; i < rows.offsets[u + 1]; ++i) {
        const NodeId v = rows.targets[i];
        const double w = weighted ? rows.weights[i] : 1.0;
        // A node without a module forms its own module: encode it as -(v + 1).
        const std::int64_t module = membership[v] >= 0 ? membership[v] : -static_cast<std::int64_t>(v) - 1;
        links.push_back({module, w});
        total += w;
        if (membership[u] >= 0 && module == membership[u]) roles.within_module_degree[u] += w;
      }
      if (total <= 0.0) continue;
      std::sort(links.begin(), links.end());
      double squares = 0.0;
      for (std::size_t a = 0; a < links.size();) {
        double share = 0.0;
        std::size_t b = a;
        for (; b < links.size() && links[b].first == links[a].first; ++b) share += links[b].second;
        squares += (share / total) * (share / total);
        a = b;
      }
      roles.participation[u] = 1.0 - squares;
    }
  }

  // Two passes (mean, then squared deviations) keep the variance free of cancellation.
  struct Moments {
    double count = 0, sum = 0, deviations = 0;
  };
  std::unordered_map<std::int64_t, Moments> modules;
  for (NodeId u = 0; u < n; ++u) {
    if (membership[u] < 0) continue;
    Moments& m = modules[membership[u]];
    m.count += 1;
    m.sum += roles.within_module_degree[u];
  }
  for (NodeId u = 0; u < n; ++u) {
    if (membership[u] < 0) continue;
    Moments& m = modules[membership[u]];
    const double d = roles.within_module_degree[u] - m.sum / m.count;
    m.deviations += d * d;
  }
  for (NodeId u = 0; u < n; ++u) {
    if (membership[u] < 0) continue;
    const Moments& m = modules[membership[u]];
    const double mean = m.sum / m.count;
    const double sd = std::sqrt(m.deviations / m.count);
    roles.z[u] = sd > 1e-12 * std::max(1.0, mean) ? (roles.within_module_degree[u] - mean) / sd : 0.0;
    roles.role[u] = guimera_amaral_role(roles.z[u], roles.participation[u]);
  }
  return roles;
}

}  // namespace firmnet::anchors

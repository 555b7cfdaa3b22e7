#include "algorithms/spatial/marcon_puech_verifier.hpp"

#include <cmath>

#include "graph/geo_distance.hpp"

namespace firmnet::spatial {

Verification verify_m_function(const DistanceSites& sites, const NeighbourTable& table,
                               std::span<const std::uint32_t> members,
                               std::span<const std::uint32_t> centres, const std::vector<double>& m) {
  Verification out;
  const std::size_t P = table.sites.size();
  std::vector<bool> in_industry(P, false);
  double W = 0, W_S = 0;
  for (std::size_t q = 0; q < P; ++q) W += sites.weight[table.sites[q]];
  for (std::uint32_t j : members) {
    in_industry[j] = true;
    W_S += sites.weight[table.sites[j]];
  }
  for (std::size_t k = 0; k < table.radii.size(); ++k) {
    double local = 0, global = 0;
    for (std::uint32_t c : centres) {
      const std::uint32_t a = table.sites[c];
      double industry_nearby = 0, all_nearby = 0;
      for (std::size_t q = 0; q < P; ++q) {
        if (q == c) continue;
        const std::uint32_t b = table.sites[q];
        if (haversine_km(sites.lat[a], sites.lon[a], sites.lat[b], sites.lon[b]) > table.radii[k]) continue;
        all_nearby += sites.weight[b];
        if (in_industry[q]) industry_nearby += sites.weight[b];
      }
      if (all_nearby > 0) {
        local += industry_nearby / all_nearby;
        global += (W_S - sites.weight[a]) / (W - sites.weight[a]);
      }
    }
    const double expected = global > 0 ? local / global : NAN;
    const bool both_nan = std::isnan(expected) && std::isnan(m[k]);
    if (!both_nan && !(std::fabs(m[k] - expected) <= 1e-9 * std::max(1.0, std::fabs(expected))))
      out.fail("M at " + std::to_string(table.radii[k]) + " km is " + std::to_string(m[k]) +
                         ", the formula gives " + std::to_string(expected));
  }
  return out;
}

}  // namespace firmnet::spatial

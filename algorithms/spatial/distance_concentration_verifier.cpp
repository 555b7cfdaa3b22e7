#include "algorithms/spatial/distance_concentration_verifier.hpp"

#include <cmath>
#include <numeric>

#include "algorithms/spatial/duranton_overman_verifier.hpp"
#include "algorithms/spatial/marcon_puech_verifier.hpp"

namespace firmnet::spatial {

namespace {

// The status a curve should have at each point: above the global upper band is localised;
// below the lower band dispersed, except for a K-density (`exclusive`) localised somewhere,
// which is then dispersed nowhere (its excess mass forces a deficit elsewhere).
std::vector<DistanceStatus> expected_status(const std::vector<double>& curve, const Envelope& e, bool exclusive) {
  std::vector<DistanceStatus> status(curve.size(), DistanceStatus::neither);
  bool localised_somewhere = false;
  for (std::size_t d = 0; d < curve.size(); ++d)
    if (curve[d] > e.global_upper[d]) {
      status[d] = DistanceStatus::localised;
      localised_somewhere = true;
    }
  if (!exclusive || !localised_somewhere)
    for (std::size_t d = 0; d < curve.size(); ++d)
      if (curve[d] < e.global_lower[d]) status[d] = DistanceStatus::dispersed;
  return status;
}

void check_status(Verification& out, const std::string& what, const std::vector<DistanceStatus>& stored,
                  const std::vector<double>& curve, const Envelope& e, bool exclusive) {
  const std::vector<DistanceStatus> expected = expected_status(curve, e, exclusive);
  for (std::size_t d = 0; d < expected.size(); ++d)
    if (d >= stored.size() || stored[d] != expected[d]) {
      out.fail(what + ": status at grid point " + std::to_string(d) + " disagrees with the global bands");
      return;
    }
}

void check_k_curve(Verification& out, const DistanceSites& sites, const DistanceGrid& grid, const DurantonOvermanCurve& c) {
  const std::string what = "K-density of " + sites.industry_names[c.industry];
  check_status(out, what, c.status, c.k, c.envelope, true);
  if (!std::isnan(c.envelope.upper_level)) {
    double above = 0, below = 0;
    for (std::size_t d = 0; d < grid.points; ++d) {
      above += std::max(0.0, c.k[d] - c.envelope.global_upper[d]);
      below += std::max(0.0, c.envelope.global_lower[d] - c.k[d]);
    }
    out.expect_close(what + " Gamma", c.localisation, above * grid.step_km, 1e-9, 1e-15);
    out.expect_close(what + " Psi", c.dispersion, above > 0 ? 0.0 : below * grid.step_km, 1e-9, 1e-15);
  }
  const double pairs = static_cast<double>(c.firms) * static_cast<double>(c.firms - 1) / 2;
  if (c.subsampled() || pairs * (static_cast<double>(grid.points) + 4000) > kDirectSumBudget) {
    out.notes.push_back(what + ": K not summed directly (" + std::to_string(c.firms) + " firms" +
                        (c.subsampled() ? ", represented by a subset" : "") + ")");
    return;
  }
  std::vector<double> distances, weights;
  const std::uint64_t begin = sites.industry_offsets[c.industry], end = sites.industry_offsets[c.industry + 1];
  for (std::uint64_t a = begin; a < end; ++a)
    for (std::uint64_t b = a + 1; b < end; ++b) {
      distances.push_back(haversine_km(sites.lat[a], sites.lon[a], sites.lat[b], sites.lon[b]));
      if (sites.weighted) weights.push_back(sites.weight[a] * sites.weight[b]);
    }
  const double h = silverman_bandwidth(distances);
  out.expect_close(what + " bandwidth", c.bandwidth_km, h > 0 ? h : grid.step_km, 1e-9);
  if (std::accumulate(weights.begin(), weights.end(), 0.0) == 0 && sites.weighted) return;  // K is NaN by definition
  for (const std::string& problem : verify_k_density(distances, weights, c.bandwidth_km, grid, c.k).violations)
    out.fail(what + ": " + problem);
}

void check_m_curve(Verification& out, const DistanceSites& sites, const MarconPuechOutcome& m, const MarconPuechCurve& c) {
  const std::string what = "M of " + sites.industry_names[c.industry];
  check_status(out, what, c.status, c.m, c.envelope, false);
  const double work = static_cast<double>(c.centres) * static_cast<double>(sites.size()) * static_cast<double>(m.radii.size());
  if (m.thinned || c.centres < c.firms || work > kDirectSumBudget) {
    out.notes.push_back(what + ": M not summed directly (" + std::to_string(c.firms) + " firms" +
                        (m.thinned ? ", thinned pattern" : "") + ")");
    return;
  }
  NeighbourTable all;  // the unthinned pattern: every site, in site order
  all.sites.resize(sites.size());
  std::iota(all.sites.begin(), all.sites.end(), std::uint32_t{0});
  all.radii = m.radii;
  std::vector<std::uint32_t> members(c.firms);
  std::iota(members.begin(), members.end(), static_cast<std::uint32_t>(sites.industry_offsets[c.industry]));
  for (const std::string& problem : verify_m_function(sites, all, members, members, c.m).violations)
    out.fail(what + ": " + problem);
}

}  // namespace

Verification verify_distance_concentration(const DistanceOutcome& distance) {
  Verification out;
  for (const auto& c : distance.duranton_overman.industries) check_k_curve(out, distance.sites, distance.grid, c);
  for (const auto& c : distance.marcon_puech.industries) check_m_curve(out, distance.sites, distance.marcon_puech, c);
  return out;
}

}  // namespace firmnet::spatial

// Marcon-Puech (2010) M function with a random-relabelling envelope; see marcon_puech.hpp.
#include "algorithms/spatial/marcon_puech.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>

#include "graph/errors.hpp"
#include "graph/geo_distance.hpp"
#include "graph/random.hpp"

namespace firmnet::spatial {
namespace {

// Index of the smallest radius at or beyond a squared chord (radius_count() when beyond all).
std::size_t radius_index(const NeighbourTable& table, double chord_squared) {
  const auto& limits = table.chord_limits;
  return static_cast<std::size_t>(std::lower_bound(limits.begin(), limits.end(), chord_squared) - limits.begin());
}

}  // namespace

NeighbourTable neighbour_table(const DistanceSites& sites, std::vector<std::uint32_t> pattern,
                               std::vector<double> radii) {
  NeighbourTable table;
  table.sites = std::move(pattern);
  table.radii = std::move(radii);
  const std::size_t P = table.sites.size(), R = table.radii.size();
  for (double r : table.radii) table.chord_limits.push_back(km_to_chord_squared(r));
  for (std::uint32_t s : table.sites) table.total_weight += sites.weight[s];
  table.within.assign(P * R, 0.0);
  const auto points = static_cast<std::int64_t>(P);
#pragma omp parallel for schedule(dynamic, 16)
  for (std::int64_t p = 0; p < points; ++p) {
    double* row = table.within.data() + static_cast<std::size_t>(p) * R;
    const std::uint32_t site = table.sites[static_cast<std::size_t>(p)];
    for (std::size_t q = 0; q < P; ++q) {
      if (q == static_cast<std::size_t>(p)) continue;
      const std::size_t k = radius_index(table, sites.chord_squared(site, table.sites[q]));
      if (k < R) row[k] += sites.weight[table.sites[q]];
    }
    for (std::size_t k = 1; k < R; ++k) row[k] += row[k - 1];
  }
  return table;
}

void m_function(const DistanceSites& sites, const NeighbourTable& table, std::span<const std::uint32_t> members,
                std::span<const std::uint32_t> centres, std::vector<double>& bins, std::span<double> out) {
  const std::size_t R = table.radius_count();
  bins.assign(2 * R, 0.0);  // [0, R): this centre's industry weight per radius; [R, 2R): the normaliser
  std::fill(out.begin(), out.end(), 0.0);
  double industry_weight = 0;
  for (std::uint32_t j : members) industry_weight += sites.weight[table.sites[j]];
  for (std::uint32_t c : centres) {
    std::fill(bins.begin(), bins.begin() + static_cast<std::ptrdiff_t>(R), 0.0);
    const std::uint32_t centre_site = table.sites[c];
    for (std::uint32_t j : members) {
      if (j == c) continue;
      const std::size_t k = radius_index(table, sites.chord_squared(centre_site, table.sites[j]));
      if (k < R) bins[k] += sites.weight[table.sites[j]];
    }
    const double w = sites.weight[centre_site];
    const double global_share = (industry_weight - w) / (table.total_weight - w);
    const double* within = table.within.data() + static_cast<std::size_t>(c) * R;
    double nearby = 0;
    for (std::size_t k = 0; k < R; ++k) {
      nearby += bins[k];
      if (within[k] > 0) {
        out[k] += nearby / within[k];
        bins[R + k] += global_share;
      }
    }
  }
  for (std::size_t k = 0; k < R; ++k) out[k] = bins[R + k] > 0 ? out[k] / bins[R + k] : NAN;
}

MarconPuechOutcome run_marcon_puech(const DistanceSites& sites, const DistanceGrid& grid,
                                    const MarconPuechRequest& request, const Progress& progress) {
  if (request.min_firms < 2) throw UsageError("the M function needs industries of at least 2 firms (min_firms >= 2)");
  if (request.max_sites < 2 || request.max_centres < 2)
    throw UsageError("the site and centre caps of the M function must be at least 2");
  if (!(request.alpha > 0 && request.alpha < 1)) throw UsageError("the band level alpha must lie in (0, 1)");
  MarconPuechOutcome outcome;
  const std::uint64_t family = derive_seed(request.seed, kMarconPuechStream);

  std::vector<std::uint32_t> pattern(sites.size());
  for (std::size_t s = 0; s < pattern.size(); ++s) pattern[s] = static_cast<std::uint32_t>(s);
  outcome.thinned = sites.size() > request.max_sites;
  if (outcome.thinned) pattern = random_subset(pattern, request.max_sites, derive_seed(family, kSubsampleStream));
  outcome.pattern_sites = pattern.size();
  for (std::size_t k = 1; k < grid.points; ++k) outcome.radii.push_back(grid.at(k));
  progress.report("marcon-puech", 0.0);
  const NeighbourTable table = neighbour_table(sites, std::move(pattern), outcome.radii);
  const std::size_t P = table.sites.size(), R = table.radius_count(), S = request.simulations;

  // Pattern points of each industry: a contiguous run, since sites are grouped by industry.
  std::vector<std::uint32_t> industries;
  std::vector<std::pair<std::size_t, std::size_t>> runs;
  for (std::uint32_t i = 0; i < sites.industry_count(); ++i) {
    const auto begin = std::lower_bound(table.sites.begin(), table.sites.end(), sites.industry_offsets[i]);
    const auto end = std::lower_bound(table.sites.begin(), table.sites.end(), sites.industry_offsets[i + 1]);
    if (static_cast<std::uint64_t>(end - begin) < request.min_firms) continue;
    industries.push_back(i);
    runs.emplace_back(begin - table.sites.begin(), end - table.sites.begin());
  }

  // One sampler of the pattern points per thread, kept across industries.
  std::vector<SiteSampler> samplers(static_cast<std::size_t>(omp_get_max_threads()), SiteSampler(P));
  std::vector<double> bins;
  for (std::size_t done = 0; done < industries.size(); ++done) {
    const std::uint32_t i = industries[done];
    const std::uint64_t industry_seed = derive_seed(family, i);
    MarconPuechCurve curve;
    curve.industry = i;
    std::vector<std::uint32_t> members;
    for (std::size_t p = runs[done].first; p < runs[done].second; ++p) members.push_back(static_cast<std::uint32_t>(p));
    curve.firms = members.size();
    curve.centres = std::min<std::uint64_t>(curve.firms, request.max_centres);
    const std::vector<std::uint32_t> centres =
        curve.centres < curve.firms ? random_subset(members, curve.centres, derive_seed(industry_seed, kSubsampleStream))
                                    : members;
    curve.m.assign(R, 0.0);
    m_function(sites, table, members, centres, bins, curve.m);

    std::vector<double> curves(S * R);
    const auto simulations = static_cast<std::int64_t>(S);
#pragma omp parallel
    {
      SiteSampler& sampler = samplers[static_cast<std::size_t>(omp_get_thread_num())];
      std::vector<double> my_bins;
#pragma omp for schedule(dynamic, 1)
      for (std::int64_t s = 0; s < simulations; ++s) {
        Rng rng(derive_seed(industry_seed, static_cast<std::uint64_t>(s)));
        const std::vector<std::uint32_t>& drawn = sampler.draw(rng, members.size());
        const std::span<const std::uint32_t> drawn_centres(drawn.data(), curve.centres);  // a random subset
        m_function(sites, table, drawn, drawn_centres, my_bins,
                   std::span<double>(curves.data() + static_cast<std::size_t>(s) * R, R));
      }
    }
    curve.envelope = simulation_envelope(curves, S, R, request.alpha);
    curve.status.assign(R, DistanceStatus::neither);
    if (!std::isnan(curve.envelope.upper_level))
      for (std::size_t k = 0; k < R; ++k) {
        if (curve.m[k] > curve.envelope.global_upper[k]) curve.status[k] = DistanceStatus::localised;
        if (curve.m[k] < curve.envelope.global_lower[k]) curve.status[k] = DistanceStatus::dispersed;
      }
    outcome.industries.push_back(std::move(curve));
    progress.report("marcon-puech", static_cast<double>(done + 1) / static_cast<double>(industries.size()));
  }
  return outcome;
}

}  // namespace firmnet::spatial

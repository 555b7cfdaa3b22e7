// Duranton-Overman (2005) K-density with counterfactual bands; see duranton_overman.hpp.
#include "algorithms/spatial/duranton_overman.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>

#include "graph/errors.hpp"
#include "graph/random.hpp"

namespace firmnet::spatial {

double silverman_bandwidth(std::span<const double> distances) {
  const std::size_t P = distances.size();
  if (P < 2) return 0;
  double mean = 0;
  for (double d : distances) mean += d;
  mean /= static_cast<double>(P);
  double squares = 0;
  for (double d : distances) squares += (d - mean) * (d - mean);
  const double sd = std::sqrt(squares / static_cast<double>(P - 1));
  // Quantile by linear interpolation between the order statistics at floor and floor + 1 of
  // p (P - 1), found by selection rather than a full sort.
  std::vector<double> values(distances.begin(), distances.end());
  auto quantile = [&](double p) {
    const double position = p * static_cast<double>(P - 1);
    const auto below = static_cast<std::size_t>(std::floor(position));
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(below), values.end());
    const double lower = values[below];
    const double upper =
        below + 1 < P ? *std::min_element(values.begin() + static_cast<std::ptrdiff_t>(below) + 1, values.end()) : lower;
    return lower + (position - static_cast<double>(below)) * (upper - lower);
  };
  const double iqr_scale = (quantile(0.75) - quantile(0.25)) / 1.34;
  const double spread = sd > 0 && iqr_scale > 0 ? std::min(sd, iqr_scale) : std::max(sd, iqr_scale);
  return 0.9 * spread * std::pow(static_cast<double>(P), -0.2);
}

namespace {

// Adds term_k to out[k] for k = first, first + step, ..., last (step +1 or -1), where
// term_{k+step} = term_k * factor_k and factor_{k+step} = factor_k * shrink. Four interleaved
// chains each jump four points, term_{k+4} = term_k * factor_k^4 shrink^6 (a factor that
// itself shrinks by shrink^16), so the multiplications of one chain do not wait on another's.
void add_geometric_run(std::span<double> out, std::int64_t first, std::int64_t last, std::int64_t step, double term,
                       double factor, double shrink) {
  const std::int64_t count = (last - first) * step + 1;
  if (count <= 0) return;
  const double shrink2 = shrink * shrink, shrink4 = shrink2 * shrink2;
  const double shrink6 = shrink4 * shrink2, shrink16 = shrink4 * shrink4 * shrink4 * shrink4;
  double terms[4], jumps[4];
  for (int r = 0; r < 4; ++r) {
    terms[r] = term;
    const double factor2 = factor * factor;
    jumps[r] = factor2 * factor2 * shrink6;
    term *= factor;
    factor *= shrink;
  }
  std::int64_t i = 0;
  for (; i + 4 <= count; i += 4)
    for (int r = 0; r < 4; ++r) {
      out[static_cast<std::size_t>(first + (i + r) * step)] += terms[r];
      terms[r] *= jumps[r];
      jumps[r] *= shrink16;
    }
  for (int r = 0; i + r < count; ++r) out[static_cast<std::size_t>(first + (i + r) * step)] += terms[r];
}

// The constants of one kernel sum: bandwidth h, grid step, c = step / h and exp(-c^2).
struct KernelSteps {
  double h, step, c, shrink, reach;
  std::int64_t last;  // last grid index
  KernelSteps(double bandwidth, const DistanceGrid& grid)
      : h(bandwidth),
        step(grid.step_km),
        c(grid.step_km / bandwidth),
        shrink(std::exp(-c * c)),
        reach(kKernelCutoff * bandwidth),
        last(static_cast<std::int64_t>(grid.points) - 1) {}
};

// Adds weight * exp(-u_k^2 / 2), u_k = (grid k - centre) / h, to out[k] for the grid points
// with |u_k| <= kKernelCutoff, stepping outwards from the grid point nearest the centre: one
// grid point up multiplies the term by up_k = exp(-u_k c - c^2 / 2), which shrinks by exp(-c^2)
// per step; one point down by down_k = exp(u_k c - c^2 / 2) = exp(-c^2) / up_k.
void add_gaussian(double centre, double weight, const KernelSteps& s, std::span<double> out) {
  const double lo = std::ceil((centre - s.reach) / s.step), hi = std::floor((centre + s.reach) / s.step);
  if (hi < 0 || lo > static_cast<double>(s.last)) return;
  const auto k_lo = std::max<std::int64_t>(0, static_cast<std::int64_t>(lo));
  const auto k_hi = std::min<std::int64_t>(s.last, static_cast<std::int64_t>(hi));
  if (k_lo > k_hi) return;
  const std::int64_t k0 = std::clamp<std::int64_t>(std::llround(centre / s.step), k_lo, k_hi);
  const double u0 = (static_cast<double>(k0) * s.step - centre) / s.h;
  const double peak = weight * std::exp(-u0 * u0 / 2), up = std::exp(-u0 * s.c - s.c * s.c / 2);
  add_geometric_run(out, k0, k_hi, 1, peak, up, s.shrink);
  if (k0 > k_lo) {
    const double down = s.shrink / up;
    add_geometric_run(out, k0 - 1, k_lo, -1, peak * down, down * s.shrink, s.shrink);
  }
}

constexpr double kInverseSqrtTwoPi = 0.398942280401432677939946059934;  // 1 / sqrt(2 pi)

}  // namespace

void k_density(std::span<const double> distances, std::span<const double> pair_weights, double bandwidth,
               const DistanceGrid& grid, std::span<double> out) {
  std::fill(out.begin(), out.end(), 0.0);
  const bool weighted = !pair_weights.empty();
  const KernelSteps steps(bandwidth, grid);
  double total_weight = 0;
  for (std::size_t p = 0; p < distances.size(); ++p) {
    const double w = weighted ? pair_weights[p] : 1.0;
    if (w == 0) continue;
    total_weight += w;
    add_gaussian(distances[p], w, steps, out);
    add_gaussian(-distances[p], w, steps, out);  // reflection at 0
  }
  if (!(total_weight > 0)) {
    std::fill(out.begin(), out.end(), NAN);
    return;
  }
  const double scale = kInverseSqrtTwoPi / (bandwidth * total_weight);
  for (double& v : out) v *= scale;
}

namespace {

// Pair distances (and pair weights when weighted) of the given sites, in pair order
// (0,1), (0,2), ..., (1,2), ...; `weights` are the weights of the sites in the same order.
void pairs_of(const DistanceSites& sites, std::span<const std::uint32_t> chosen, std::span<const double> weights,
              bool weighted, std::vector<double>& distances, std::vector<double>& pair_weights) {
  distances.clear();
  pair_weights.clear();
  for (std::size_t a = 0; a + 1 < chosen.size(); ++a)
    for (std::size_t b = a + 1; b < chosen.size(); ++b) {
      distances.push_back(sites.distance_km(chosen[a], chosen[b]));
      if (weighted) pair_weights.push_back(weights[a] * weights[b]);
    }
}

// Bandwidth by Silverman's rule, or the grid step when the rule gives 0.
double bandwidth_of(std::span<const double> distances, const DistanceGrid& grid) {
  const double h = silverman_bandwidth(distances);
  return h > 0 ? h : grid.step_km;
}

void classify(DurantonOvermanCurve& curve, const DistanceGrid& grid) {
  const Envelope& e = curve.envelope;
  curve.status.assign(grid.points, DistanceStatus::neither);
  if (std::isnan(e.upper_level) || std::isnan(curve.k[0])) {
    curve.localisation = curve.dispersion = NAN;
    return;
  }
  double above = 0, below = 0;
  for (std::size_t d = 0; d < grid.points; ++d) {
    if (curve.k[d] > e.global_upper[d]) above += curve.k[d] - e.global_upper[d];
    if (curve.k[d] < e.global_lower[d]) below += e.global_lower[d] - curve.k[d];
  }
  curve.localisation = above * grid.step_km;
  curve.dispersion = above > 0 ? 0.0 : below * grid.step_km;
  for (std::size_t d = 0; d < grid.points; ++d) {
    if (curve.k[d] > e.global_upper[d])
      curve.status[d] = DistanceStatus::localised;
    else if (above == 0 && curve.k[d] < e.global_lower[d])
      curve.status[d] = DistanceStatus::dispersed;
  }
}

}  // namespace

DurantonOvermanOutcome run_duranton_overman(const DistanceSites& sites, const DistanceGrid& grid,
                                            const DurantonOvermanRequest& request, const Progress& progress) {
  if (request.min_firms < 2) throw UsageError("the K-density needs industries of at least 2 firms (min_firms >= 2)");
  if (request.max_firms < 2) throw UsageError("the firm cap of the K-density must be at least 2");
  if (!(request.alpha > 0 && request.alpha < 1)) throw UsageError("the band level alpha must lie in (0, 1)");
  DurantonOvermanOutcome outcome;
  std::vector<std::uint32_t> industries;
  for (std::uint32_t i = 0; i < sites.industry_count(); ++i)
    if (sites.industry_size(i) >= request.min_firms) industries.push_back(i);
  const std::size_t N = sites.size(), S = request.simulations, D = grid.points;
  const std::uint64_t family = derive_seed(request.seed, kDurantonOvermanStream);

  // One sampler of all sites per thread, kept across industries.
  std::vector<SiteSampler> samplers(static_cast<std::size_t>(omp_get_max_threads()), SiteSampler(N));

  progress.report("duranton-overman", 0.0);
  for (std::size_t done = 0; done < industries.size(); ++done) {
    const std::uint32_t i = industries[done];
    const std::uint64_t industry_seed = derive_seed(family, i);
    DurantonOvermanCurve curve;
    curve.industry = i;
    curve.firms = sites.industry_size(i);
    curve.firms_used = std::min<std::uint64_t>(curve.firms, request.max_firms);

    // The firms standing for the industry: all, or a fixed random subset (in site order).
    std::vector<std::uint32_t> used(curve.firms);
    for (std::size_t t = 0; t < used.size(); ++t) used[t] = static_cast<std::uint32_t>(sites.industry_offsets[i] + t);
    if (curve.subsampled()) used = random_subset(used, curve.firms_used, derive_seed(industry_seed, kSubsampleStream));
    std::vector<double> used_weights(used.size());
    for (std::size_t t = 0; t < used.size(); ++t) used_weights[t] = sites.weight[used[t]];

    std::vector<double> distances, pair_weights;
    pairs_of(sites, used, used_weights, sites.weighted, distances, pair_weights);
    curve.bandwidth_km = bandwidth_of(distances, grid);
    curve.k.assign(D, 0.0);
    k_density(distances, pair_weights, curve.bandwidth_km, grid, curve.k);

    std::vector<double> curves(S * D);
    const auto simulations = static_cast<std::int64_t>(S);
#pragma omp parallel
    {
      SiteSampler& sampler = samplers[static_cast<std::size_t>(omp_get_thread_num())];
      std::vector<double> sim_distances, sim_pair_weights;
#pragma omp for schedule(dynamic, 1)
      for (std::int64_t s = 0; s < simulations; ++s) {
        Rng rng(derive_seed(industry_seed, static_cast<std::uint64_t>(s)));
        const std::vector<std::uint32_t>& drawn = sampler.draw(rng, used.size());
        pairs_of(sites, drawn, used_weights, sites.weighted, sim_distances, sim_pair_weights);
        k_density(sim_distances, sim_pair_weights, bandwidth_of(sim_distances, grid), grid,
                  std::span<double>(curves.data() + static_cast<std::size_t>(s) * D, D));
      }
    }
    curve.envelope = simulation_envelope(curves, S, D, request.alpha);
    classify(curve, grid);
    outcome.industries.push_back(std::move(curve));
    progress.report("duranton-overman", static_cast<double>(done + 1) / static_cast<double>(industries.size()));
  }
  return outcome;
}

}  // namespace firmnet::spatial

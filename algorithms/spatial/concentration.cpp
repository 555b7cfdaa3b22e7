// The co-location index suite (docs/concentration.md); see concentration.hpp.
#include "algorithms/spatial/concentration.hpp"

#include <algorithm>
#include <cmath>

#include "algorithms/spatial/herfindahl.hpp"
#include "algorithms/spatial/location_quotient.hpp"
#include "algorithms/spatial/locational_gini.hpp"
#include "graph/errors.hpp"

namespace firmnet::spatial {
namespace {

// Industries with at least min_firms firms, the `limit` largest by size (ties by name).
std::vector<std::uint32_t> pair_candidates(const ConcentrationData& data, std::uint64_t min_firms, std::size_t limit) {
  std::vector<std::uint32_t> candidates;
  for (std::uint32_t i = 0; i < data.industry_count(); ++i)
    if (data.industry_firms[i] >= min_firms) candidates.push_back(i);
  std::stable_sort(candidates.begin(), candidates.end(), [&](std::uint32_t a, std::uint32_t b) {
    return data.industry_size[a] > data.industry_size[b];
  });
  if (candidates.size() > limit) candidates.resize(limit);
  return candidates;
}

DistanceOutcome run_distance_measures(const NodeTable& nodes, const ConcentrationRequest& request, bool weighted,
                                      const Progress& progress) {
  DistanceOutcome d;
  d.sites = build_distance_sites(nodes, request.industry_level, weighted);
  d.grid = make_distance_grid(d.sites, request.max_distance_km, request.distance_points,
                              derive_seed(request.seed, kGridStream));
  d.duranton_overman = run_duranton_overman(d.sites, d.grid,
                                            {.min_firms = request.min_firms,
                                             .simulations = request.simulations,
                                             .max_firms = request.distance_max_firms,
                                             .alpha = request.band_alpha,
                                             .seed = request.seed},
                                            progress);
  d.marcon_puech = run_marcon_puech(d.sites, d.grid,
                                    {.min_firms = request.min_firms,
                                     .simulations = request.simulations,
                                     .max_sites = request.distance_max_sites,
                                     .max_centres = request.distance_max_firms,
                                     .alpha = request.band_alpha,
                                     .seed = request.seed},
                                    progress);
  return d;
}

}  // namespace

ConcentrationOutcome run_concentration(const GraphView& view, const ConcentrationRequest& request,
                                       const UnitTotals* totals, const Progress& progress) {
  if ((totals != nullptr) != !request.totals.empty())
    throw UsageError("unit totals and their source (request.totals) go together, so that the stored result names them");
  const NodeTable& nodes = view.graph().nodes;
  ConcentrationOutcome outcome;
  progress.report("concentration", 0.0);
  outcome.data = build_concentration_data(nodes, request.unit, request.industry_level, request.measure, totals);
  const ConcentrationData& data = outcome.data;
  std::vector<std::uint32_t> group;
  for (const auto& name : request.group) {
    const auto i = data.find_industry(truncate_industry(name, request.industry_level));
    if (!i) throw UsageError("industry '" + name + "' of the group has no firm in scope");
    group.push_back(*i);
  }
  progress.report("concentration", 0.3);
  outcome.location_quotient = location_quotients(data);
  outcome.ellison_glaeser = ellison_glaeser(data);
  outcome.gini = locational_gini(data, outcome.location_quotient);
  outcome.hhi_units = herfindahl_of_units(data);
  outcome.hhi_firms = herfindahl_of_firms(data);
  progress.report("concentration", 0.6);
  outcome.pairs = pairwise_coagglomeration(data, outcome.ellison_glaeser,
                                           pair_candidates(data, request.min_firms, request.pair_industries));
  std::stable_sort(outcome.pairs.begin(), outcome.pairs.end(), [](const Coagglomeration& a, const Coagglomeration& b) {
    return std::isnan(b.gamma_c) ? !std::isnan(a.gamma_c) : a.gamma_c > b.gamma_c;
  });
  if (!group.empty()) outcome.group = coagglomeration(data, outcome.ellison_glaeser, group);
  progress.report("concentration", 1.0);
  if (request.distance)
    outcome.distance = run_distance_measures(nodes, request, data.measure == SizeMeasure::employees, progress);
  return outcome;
}

}  // namespace firmnet::spatial

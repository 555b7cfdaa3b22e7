// The co-location (concentration) indices of one network, run together: location quotients,
// Ellison-Glaeser gamma with G and H, locational Gini, Herfindahl indices and EG
// coagglomeration for pairs of the largest industries and for a chosen group, over regions or
// parks, optionally against official unit totals; and, on request, the distance-based
// Duranton-Overman K-density and Marcon-Puech M with counterfactual bands
// (docs/concentration.md). These measure concentration only, not linkage.
// Complexity: O(n + c log c + pairs * cells) for n nodes and c in-scope firms, plus with
// distances the costs in duranton_overman.hpp and marcon_puech.hpp.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "algorithms/spatial/coagglomeration.hpp"
#include "algorithms/spatial/concentration_data.hpp"
#include "algorithms/spatial/distance_sites.hpp"
#include "algorithms/spatial/duranton_overman.hpp"
#include "algorithms/spatial/ellison_glaeser.hpp"
#include "algorithms/spatial/marcon_puech.hpp"
#include "graph/progress.hpp"
#include "graph/views.hpp"

namespace firmnet::spatial {

/// The settings of a run; all are stored as parameters of the result.
struct ConcentrationRequest {
  SpatialUnit unit = SpatialUnit::region;
  int industry_level = 0;  // leading characters of the industry code kept; 0 = whole code
  SizeMeasure measure = SizeMeasure::automatic;
  std::uint64_t min_firms = 5;          // industries with fewer firms take part in no pair and get no curve
  std::size_t pair_industries = 20;     // pairs among the largest this many such industries
  std::vector<std::string> group;       // industries (after truncation) of one coagglomeration group
  std::string totals;                   // where the external unit totals came from ("" = sample sizes)

  // Distance-based measures (K-density and M) for industries with >= min_firms firms with
  // coordinates, weighted by employment when the measure used is employees.
  bool distance = false;
  std::size_t simulations = 1000;          // counterfactuals and relabellings per industry
  double max_distance_km = 0;              // 0: the median distance between firms
  std::size_t distance_points = 181;       // grid points 0 .. max distance
  std::size_t distance_max_firms = 500;    // K-density firms and M centres per industry
  std::size_t distance_max_sites = 10000;  // M point pattern
  double band_alpha = 0.05;
  std::uint64_t seed = 0;
};

/// The distance-based measures of one run.
struct DistanceOutcome {
  DistanceSites sites;
  DistanceGrid grid;
  DurantonOvermanOutcome duranton_overman;
  MarconPuechOutcome marcon_puech;
};

struct ConcentrationOutcome {
  ConcentrationData data;
  std::vector<double> location_quotient;           // per cell of data
  std::vector<EllisonGlaeser> ellison_glaeser;     // per industry
  std::vector<double> gini, hhi_units, hhi_firms;  // per industry
  std::vector<Coagglomeration> pairs;              // sorted by gamma_c descending, NaN last
  std::optional<Coagglomeration> group;
  std::optional<DistanceOutcome> distance;         // with request.distance
};

/// Runs every index on the firms of the view's graph (the indices read nodes only; the edge
/// selection plays no part). `totals`: official unit sizes for e_r (request.totals names their
/// source), or null for the sample's sizes. Throws UsageError for an unknown group industry,
/// bad distance settings, totals with a firm-count measure, or totals without a source (or a
/// source without totals); DataError for bad totals or, with distances, fewer than 2 firms
/// with coordinates. O(n + c log c + pairs * cells), plus with distances the costs in
/// duranton_overman.hpp and marcon_puech.hpp.
ConcentrationOutcome run_concentration(const GraphView& view, const ConcentrationRequest& request,
                                       const UnitTotals* totals, const Progress& progress = {});

/// run_concentration with the sample's own unit sizes. Same cost.
inline ConcentrationOutcome run_concentration(const GraphView& view, const ConcentrationRequest& request,
                                              const Progress& progress = {}) {
  return run_concentration(view, request, nullptr, progress);
}

}  // namespace firmnet::spatial

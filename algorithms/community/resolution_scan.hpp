// Resolution scan: Leiden (or Louvain) over a grid of resolutions gamma, reporting at each
// the community count, the objective's quality at that gamma, and the standard modularity
// (gamma = 1) for comparison across the grid. Plateaus of the community count over gamma mark
// scales at which the community structure is robust (Traag, Krings & Van Dooren, Sci. Rep.
// 3:2930, 2013). Time: one Leiden run per grid point. Each run's seed is the base seed, so the
// scan is reproducible.
#pragma once
#include <cstdint>
#include <vector>

#include "algorithms/community/leiden.hpp"

namespace firmnet::community {

struct ScanPoint {
  double resolution = 0;
  std::int64_t communities = 0;
  double quality = 0;     // objective at this resolution
  double modularity = 0;  // modularity at gamma = 1
};

/// steps points from `from` to `to` (inclusive), evenly spaced, or geometrically when
/// logarithmic (then from and to must be > 0). Throws UsageError on a bad range. O(steps).
std::vector<double> resolution_grid(double from, double to, int steps, bool logarithmic);

/// Runs base (objective, refine, seed, ...) at each resolution. O(points * Leiden time).
std::vector<ScanPoint> resolution_scan(const WeightedCsr& symmetric, const LeidenOptions& base,
                                       const std::vector<double>& resolutions, const Progress& progress = {});

}  // namespace firmnet::community

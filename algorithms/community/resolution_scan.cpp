// Resolution scan; see the header.
#include "algorithms/community/resolution_scan.hpp"

#include <cmath>

#include "algorithms/community/modularity.hpp"
#include "graph/errors.hpp"

namespace firmnet::community {

std::vector<double> resolution_grid(double from, double to, int steps, bool logarithmic) {
  if (steps < 1 || !std::isfinite(from) || !std::isfinite(to) || from < 0 || to < from)
    throw UsageError("resolution range needs 0 <= from <= to and steps >= 1");
  if (logarithmic && from <= 0) throw UsageError("a logarithmic resolution range needs from > 0");
  std::vector<double> grid;
  for (int i = 0; i < steps; ++i) {
    const double t = steps == 1 ? 0.0 : static_cast<double>(i) / (steps - 1);
    grid.push_back(logarithmic ? from * std::pow(to / from, t) : from + (to - from) * t);
  }
  return grid;
}

std::vector<ScanPoint> resolution_scan(const WeightedCsr& symmetric, const LeidenOptions& base,
                                       const std::vector<double>& resolutions, const Progress& progress) {
  std::vector<ScanPoint> points;
  for (std::size_t i = 0; i < resolutions.size(); ++i) {
    progress.report("resolution scan", static_cast<double>(i) / resolutions.size());
    LeidenOptions options = base;
    options.resolution = resolutions[i];
    const LeidenResult result = leiden(symmetric, options);
    points.push_back({resolutions[i], result.community_count, result.quality,
                      symmetric.node_count() > 0 ? modularity(symmetric, result.membership, 1.0) : 0.0});
  }
  progress.report("resolution scan", 1.0);
  return points;
}

}  // namespace firmnet::community

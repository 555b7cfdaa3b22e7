// Resolution scan; see the header.
#include "algorithms/community/resolution_scan.hpp"

#include <cmath>

#include "algorithms/community/modularity.hpp"
#include "graph/errors.hpp"
#include "graph/process_group.hpp"

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
  // In a process group (firmnet-mpi) each process runs the grid points r mod size == rank and
  // the points are exchanged; a point's run does not depend on who runs it.
  std::vector<ScanPoint> points(resolutions.size());
  LeidenWorkspace workspace;  // the grid points reuse one run's buffers
  for (std::size_t i = 0; i < resolutions.size(); ++i) {
    if (!runs_replicate(i)) continue;
    progress.report("resolution scan", static_cast<double>(i) / resolutions.size());
    LeidenOptions options = base;
    options.resolution = resolutions[i];
    const LeidenResult result = leiden(symmetric, options, {}, workspace);
    points[i] = {resolutions[i], result.community_count, result.quality,
                 symmetric.node_count() > 0 ? modularity(symmetric, result.membership, 1.0) : 0.0};
  }
  if (process_group()) {
    std::vector<std::vector<std::uint8_t>> records(points.size());
    for (std::size_t i = 0; i < points.size(); ++i)
      if (runs_replicate(i)) append_bytes(records[i], &points[i], 1);
    share_replicates(records);
    for (std::size_t i = 0; i < points.size(); ++i) {
      std::size_t at = 0;
      read_bytes(records[i], at, &points[i], 1);
    }
  }
  progress.report("resolution scan", 1.0);
  return points;
}

}  // namespace firmnet::community

// The report's inline SVG charts: self-contained markup with no script, drawn from a network
// and its stored results.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "graph/graph.hpp"

namespace firmnet::report {

/// Histogram (20 bins) of a unit's null samples with the observed value as a red line.
/// O(samples).
std::string null_chart_svg(const std::vector<double>& samples, double observed, const std::string& title);

/// Firms by coordinates, coloured by community (membership may be empty), with each park's
/// convex hull dashed. O(n log n).
std::string map_svg(const Graph& graph, const std::vector<std::int64_t>& membership);

/// A curve over distances with its counterfactual bands, all of the same length.
struct BandedCurve {
  std::vector<double> distance_km, value, local_lower, local_upper, global_lower, global_upper;
};

/// A curve (e.g. a Duranton-Overman K-density) against its bands: the global band shaded, the
/// local band dashed, the curve solid, and red ticks under the distances where the curve lies
/// above the global band (localised). Bands that are NaN (no simulations) are left out.
/// O(points).
std::string banded_curve_svg(const BandedCurve& curve, const std::string& title);

/// Firm-to-firm links from stage (rows) to stage (columns), shaded by count. O(n + m + stages^2).
std::string stage_heatmap_svg(const Graph& graph);

/// A fitted deterrence function f(d) on log-log axes: one horizontal step per distance bin
/// [lower_km[b], lower_km[b + 1]) at height value[b]; bins with f = 0 are left out, bin 0 starts
/// at half the first positive edge and the open last bin spans one more factor of the previous
/// bin's width. O(bins).
std::string deterrence_chart_svg(const std::vector<double>& lower_km, const std::vector<double>& value,
                                 const std::string& title);

}  // namespace firmnet::report

// The co-location (concentration) indices of one network, run together: location quotients,
// Ellison-Glaeser gamma with G and H, locational Gini, Herfindahl indices and EG
// coagglomeration for pairs of the largest industries and for a chosen group
// (docs/concentration.md). These measure concentration only, not linkage.
// Complexity: O(n + c log c + pairs * cells) for n nodes and c in-scope firms.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "algorithms/spatial/coagglomeration.hpp"
#include "algorithms/spatial/concentration_data.hpp"
#include "algorithms/spatial/ellison_glaeser.hpp"
#include "graph/progress.hpp"

namespace firmnet::spatial {

struct ConcentrationOptions {
  SpatialUnit unit = SpatialUnit::region;
  int industry_level = 0;  // leading characters of the industry code kept; 0 = whole code
  SizeMeasure measure = SizeMeasure::automatic;
  std::uint64_t min_firms = 5;          // industries with fewer firms take part in no pair
  std::size_t pair_industries = 20;     // pairs among the largest this many such industries
  std::vector<std::string> group;       // industries (after truncation) of one coagglomeration group
  Progress progress;
};

struct ConcentrationReport {
  ConcentrationData data;
  std::vector<double> location_quotient;       // per cell of data
  std::vector<EllisonGlaeser> ellison_glaeser;  // per industry
  std::vector<double> gini, hhi_units, hhi_firms;  // per industry
  std::vector<Coagglomeration> pairs;             // sorted by gamma_c descending, NaN last
  std::optional<Coagglomeration> group;
};

/// Runs every index on the firms of `nodes`. Throws UsageError for an unknown group industry.
/// O(n + c log c + pairs * cells).
ConcentrationReport analyze_concentration(const NodeTable& nodes, const ConcentrationOptions& options);

}  // namespace firmnet::spatial

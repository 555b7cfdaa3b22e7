// Packs a park-versus-cluster report as a stored result (/results/<name>/, docs/METHODS.md):
// node column `unit`; tables `units` (all evidence and the verdict with its reason),
// `stage_links` and `null_samples`; scalars; and every parameter of the run.
#pragma once
#include <string>

#include "algorithms/spatial/park_test.hpp"
#include "io/results.hpp"

namespace firmnet::spatial {

/// The settings of a run, as the user gave them (stored as parameters).
struct ParkTestRequest {
  std::string unit = "park";  // park, region or radius
  double radius_km = 2.0;
  std::string null = "degree";
  int replicates = 199;
  std::string layers, years;
  std::string communities;  // where the partition came from, e.g. "result leiden"
  VerdictRules rules;
  std::uint64_t seed = 1;
};

/// The spatial units the request names (park or region column, or DBSCAN groups with the
/// request's radius and min_firms). Throws DataError when there are none. O(n) for a column,
/// DBSCAN's O(n * neighbours) for radius units.
SpatialUnits units_for(const Graph& graph, const ParkTestRequest& request);

/// Test options for the request; communities may be null (no community evidence).
/// O(length of the layer and year texts).
ParkTestOptions options_for(const ParkTestRequest& request, const std::vector<std::int64_t>* communities);

/// The report as a stored result (method "park_test"). O(units * columns + replicates * units).
Result park_test_result(const std::string& name, const Graph& graph, const ParkTestReport& report,
                        const ParkTestRequest& request, int threads);

}  // namespace firmnet::spatial

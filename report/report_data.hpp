// The HTML report's data: everything the page draws (report/web/report.js), gathered from a
// network and its stored results into one JSON object, so the page itself computes nothing
// that depends on the whole network. Large networks stay small here: firm points are an even
// sample (all counted), links are aggregated between places (parks, else regions) and between
// communities, and tables are capped; each cap is stated in the data so the page can say so.
#pragma once
#include <cstddef>
#include <map>
#include <string>

#include "graph/graph.hpp"
#include "io/geojson_polygons.hpp"
#include "io/network_store.hpp"
#include "results/result.hpp"

namespace firmnet::report {

/// Which stored results the report presents; an empty name takes the latest stored result of
/// that kind (resolve_sources).
struct ReportSources {
  std::string communities, anchors, parks, concentration, clusters, evolution, risk, exposure;
};

/// What the report shows and how.
struct ReportOptions {
  ReportSources sources;
  std::string title;                // "" = "firmnet report" and the file name
  std::string lang = "en";          // the page's own labels: "en" or "zh"
  std::size_t max_points = 20000;   // firm points drawn on the map at most (an even sample)
  std::size_t max_flows = 400;      // aggregated place-to-place flows drawn at most
  std::size_t max_communities = 300;  // community rows and network nodes at most
  std::size_t view_members = 60;    // firm-level view of a park or community: members shown
  std::size_t view_partners = 30;   // ... and outside partners shown
  PolygonLayerSource park_polygons;  // park outlines drawn instead of hulls (key "" = park, else name)
  PolygonLayerSource boundaries;     // a boundary layer under the map (key "" = name, NAME or 名称)
  std::size_t max_boundary_positions = 60000;  // the boundary layer is thinned evenly above this
  std::string tiles;  // a tile URL template with {z}, {x} and {y} drawn under the map, "" = none
};

/// A stored result by name with when it was written (ISO-8601, from list_results).
struct StoredResult {
  Result result;
  std::string created;
};

/// The names the report presents: each given name as is (DataError when absent or of another
/// kind), each empty one the latest stored result of its kind (by `created`, ties to the main
/// job's name, then to the first name), or "" when there is none. Kinds: parks hold table
/// `units` with a `verdict` column; communities the node column `membership`; anchors
/// `anchor_score`; concentration table `industries`; clusters table `clusters` with a `type`
/// column; evolution table `unit_years` with a `stage` column; risk node column `esri` and table
/// `riskiest`; exposure table `parks` with `anchors_loss`. O(results).
ReportSources resolve_sources(const std::map<std::string, StoredResult>& results, const ReportSources& requested);

/// The report's data as one JSON object (docs/report.md lists its members). `sources` must be
/// resolved. Throws DataError for a polygon or boundary file that cannot be read, UsageError
/// when its name property is missing. O(n + m + stored results + polygon files).
std::string report_data_json(const Graph& graph, const std::string& network_path, const NetworkHeader& header,
                             const std::map<std::string, StoredResult>& results, const ReportSources& sources,
                             const ReportOptions& options);

}  // namespace firmnet::report

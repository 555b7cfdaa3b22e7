// Network export for other tools: GraphML (yEd, Gephi, networkx, igraph), GEXF 1.3 or 1.2
// (Gephi, networkx), CSV in firmnet's own import format (pandas, R, Excel, `firmnet import`),
// node-link JSON (networkx node_link_data) and GeoJSON (QGIS, geopandas); single result tables
// as CSV. docs/EXPORT.md documents every format.
//
// Every export carries all node attributes (id, name, kind, industry, stage, region, park, lat,
// lon, employees, revenue, founded, ownership, extra columns), the per-node columns of the
// chosen stored results as "<result>.<column>", and all edge attributes (type, weight, year,
// extra columns) of the edges the filter accepts. Missing values are omitted (GraphML, GEXF),
// empty (CSV) or null (JSON). Numbers use the shortest text that reads back to the same double.
// Writes are atomic: a temporary sibling is written, then renamed over the target.
// Cost: O(n x node attributes + m x edge attributes), streamed through a buffered writer.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "graph/graph.hpp"
#include "graph/views.hpp"
#include "io/geojson_polygons.hpp"
#include "io/results.hpp"

namespace firmnet {

enum class ExportFormat { graphml, gexf, csv, json, geojson };

/// "graphml", "gexf", "csv", "json" or "geojson" (case-insensitive); nullopt otherwise. O(length).
std::optional<ExportFormat> parse_export_format(std::string_view text);
/// The name parse_export_format accepts for format. O(1).
std::string_view export_format_name(ExportFormat format);

/// GEXF schema version: 1.3 (gexf.net/1.3) or 1.2 (gexf.net/1.2draft, which networkx 2.x and
/// Gephi before 0.9.3 read).
enum class GexfVersion { v1_2, v1_3 };

/// The parks of a park-test result, for the park features of a GeoJSON export. The caller
/// (cli) takes them from the stored result (results/park_result.hpp) and outlines each park by
/// the convex hull of its located member firms (algorithms/spatial/convex_hull.hpp).
struct ParkLayer {
  using Position = std::pair<double, double>;  // (longitude, latitude)
  std::string kind = "park";             // the features' "feature" value: park, or cluster for
                                         // the identified clusters of a clusters result
  std::string result;                    // the stored result's name
  std::vector<std::string> names;        // one per park (row of the result's units table)
  std::vector<std::vector<Position>> hulls;  // per park: hull vertices counter-clockwise,
                                             // or its 0, 1 or 2 distinct positions
  std::vector<std::uint64_t> located_firms;  // per park: member firms with coordinates
  std::vector<ExtraColumn> evidence;     // the units table's other columns, one row per park
};


struct ExportOptions {
  GexfVersion gexf_version = GexfVersion::v1_3;
  bool byte_order_mark = false;  // CSV: start each file with EF BB BF so Excel reads UTF-8
  const ParkLayer* parks = nullptr;  // GeoJSON: park features (nullptr = none)
  const ParkLayer* clusters = nullptr;  // GeoJSON: cluster footprints (kind "cluster"; nullptr = none)
  bool firm_features = true;         // GeoJSON: a Point feature per located node
  PolygonLayerSource polygons;       // GeoJSON: park outlines from a file instead of hulls
                                     // (io/geojson_polygons.hpp; key "" = "park", else "name")
};

/// What an export wrote.
struct ExportSummary {
  std::vector<std::string> files;  // paths written
  std::uint64_t nodes = 0, edges = 0;
  std::size_t node_attributes = 0, edge_attributes = 0;  // attribute columns (id excluded)
  // GeoJSON only: nodes left out for want of coordinates, park features by geometry source,
  // and polygon features of the user's file that matched no park.
  std::uint64_t nodes_without_coordinates = 0;
  std::uint64_t parks_user = 0, parks_hull = 0, parks_degenerate = 0, parks_without_geometry = 0;
  std::uint64_t unmatched_polygons = 0;
  std::uint64_t clusters = 0;  // cluster footprint features written
};

/// Writes graph, restricted to the edges accepted by filter (all nodes are kept), with the
/// per-node columns of results, to output. For csv, output is a directory (created when
/// missing) that receives nodes.csv and edges.csv; for the others it is a file. GeoJSON
/// writes one FeatureCollection: park features (options.parks) then firm features; edges are
/// not written.
/// Throws UsageError when a result column does not have one row per node or its name collides
/// with another attribute or a polygon key is not in the polygon file, DataError when a file
/// cannot be read or written or the polygon file is malformed. O(n + m) in attributes, plus
/// the hull vertices and the polygon file.
ExportSummary export_network(const Graph& graph, const std::vector<Result>& results, const EdgeFilter& filter,
                             ExportFormat format, const std::string& output, const ExportOptions& options = {});

/// Writes table (a result table, or any equally long columns) to the CSV file output, with a
/// byte-order mark when asked. Atomic. Throws DataError when it cannot be written.
/// O(rows x columns).
void export_table_csv(const ResultTable& table, const std::string& output, bool byte_order_mark);

}  // namespace firmnet

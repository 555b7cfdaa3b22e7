// GeoJSON writer (RFC 7946) for QGIS and geopandas: one FeatureCollection holding
//   - one feature per park of a park-test result (property "feature": "park"): its outline
//     from the user's polygon file when it has one ("geometry_source": "user"), else the convex
//     hull of its located member firms (ParkLayer::hulls, "hull"), a Point or LineString when
//     they have fewer than three distinct non-collinear positions ("degenerate"), or a null
//     geometry without any ("none"); properties: park, the result's name, the number of
//     located firms and every column of the result's units table (verdict, reason, firms,
//     internal_links, null_mean, z, p, q, ...);
//   - with a clusters result, one feature per identified cluster ("feature": "cluster"): the
//     convex hull of its located members, with every column of the result's clusters table;
//   - one Point feature per node with coordinates ("feature": "firm"), with its id and every
//     node attribute and result column of the export.
// Positions are [longitude, latitude] in WGS 84 degrees; numbers are written in the shortest
// form that reads back to the same double; missing and non-finite values are null.
// O(n x columns + parks x evidence columns + the size of the polygon file); the hulls come
// computed.
#include <cmath>
#include <optional>
#include <string>

#include "graph/errors.hpp"
#include "graph/verification.hpp"
#include "io/atomic_file.hpp"
#include "io/csv_writer.hpp"
#include "io/export_support.hpp"
#include "io/geojson_polygons.hpp"
#include "io/json_reader.hpp"
#include "io/json_writer.hpp"

namespace firmnet::export_detail {

namespace {

using Position = ParkLayer::Position;

void append_position(std::string& out, double lon, double lat) {
  out += '[';
  append_csv_number(out, lon);
  out += ", ";
  append_csv_number(out, lat);
  out += ']';
}

// Writes a checked JSON value (a geometry of the user's file) back as compact JSON.
void append_json_value(std::string& out, const JsonValue& value) {
  switch (value.kind) {
    case JsonValue::Kind::null: out += "null"; break;
    case JsonValue::Kind::boolean: out += value.boolean ? "true" : "false"; break;
    case JsonValue::Kind::number: append_csv_number(out, value.number); break;
    case JsonValue::Kind::string: append_json_string(out, value.text); break;
    case JsonValue::Kind::array:
      out += '[';
      for (std::size_t i = 0; i < value.items.size(); ++i) {
        if (i) out += ", ";
        append_json_value(out, value.items[i]);
      }
      out += ']';
      break;
    case JsonValue::Kind::object:
      out += '{';
      for (std::size_t i = 0; i < value.member_names.size(); ++i) {
        if (i) out += ", ";
        append_json_string(out, value.member_names[i]);
        out += ": ";
        append_json_value(out, value.member_values[i]);
      }
      out += '}';
      break;
  }
}

// The hull's geometry; returns its geometry_source.
const char* append_hull_geometry(std::string& out, const std::vector<Position>& hull) {
  if (hull.empty()) {
    out += "null";
    return "none";
  }
  if (hull.size() == 1) {
    out += "{\"type\": \"Point\", \"coordinates\": ";
    append_position(out, hull[0].first, hull[0].second);
    out += '}';
    return "degenerate";
  }
  out += hull.size() == 2 ? "{\"type\": \"LineString\", \"coordinates\": [" : "{\"type\": \"Polygon\", \"coordinates\": [[";
  for (const auto& point : hull) {
    append_position(out, point.first, point.second);
    out += ", ";
  }
  if (hull.size() == 2) {
    out.resize(out.size() - 2);
    out += "]}";
    return "degenerate";
  }
  append_position(out, hull[0].first, hull[0].second);  // RFC 7946: a ring ends where it starts
  out += "]]}";
  return "hull";
}

void write_park_features(const ParkLayer& parks, PolygonFile* polygons, AtomicFile& file,
                         ExportSummary& summary, bool& first) {
  std::vector<AttributeColumn> evidence;
  for (const auto& column : parks.evidence) evidence.push_back(extra_column(column.name, column));
  std::string& out = file.buffer();
  for (std::size_t p = 0; p < parks.names.size(); ++p) {
    out += first ? "\n" : ",\n";
    first = false;
    out += "{\"type\": \"Feature\", \"geometry\": ";
    std::string source;
    if (const PolygonFile::Feature* polygon = polygons ? polygons->find(parks.names[p]) : nullptr) {
      append_json_value(out, *polygon->geometry);
      source = "user";
      ++summary.parks_user;
    } else {
      source = append_hull_geometry(out, parks.hulls[p]);
      ++(source == "hull" ? summary.parks_hull : source == "degenerate" ? summary.parks_degenerate : summary.parks_without_geometry);
    }
    out += ", \"properties\": {\"feature\": \"" + parks.kind + "\", \"" + parks.kind + "\": ";
    append_json_string(out, parks.names[p]);
    out += ", \"" + parks.kind + "_result\": ";
    append_json_string(out, parks.result);
    out += ", \"geometry_source\": \"" + source + "\", \"located_firms\": " + std::to_string(parks.located_firms[p]);
    append_json_members(out, evidence, p);
    out += "}}";
    file.flush_if_full();
  }
}

}  // namespace

void write_geojson(const Graph& graph, const std::vector<AttributeColumn>& node_columns, const ExportOptions& options,
                   const std::string& path, ExportSummary& summary) {
  std::optional<PolygonFile> polygons;
  if (!options.polygons.path.empty())
    polygons.emplace(options.polygons, PolygonNaming{{"park", "name"}, "--park-polygon-key", true, true});
  AtomicFile file(path);
  std::string& out = file.buffer();
  out += "{\"type\": \"FeatureCollection\", \"features\": [";
  bool first = true;
  if (options.parks)
    write_park_features(*options.parks, polygons ? &*polygons : nullptr, file, summary, first);
  if (polygons) summary.unmatched_polygons = polygons->unmatched();
  if (options.clusters) {
    ExportSummary clusters;  // the park counts of the summary stay the parks'
    write_park_features(*options.clusters, nullptr, file, clusters, first);
    summary.clusters = options.clusters->names.size();
  }
  summary.nodes = 0;
  for (NodeId u = 0; u < graph.node_count(); ++u) {
    if (!options.firm_features) break;
    if (!graph.nodes.located(u)) {
      ++summary.nodes_without_coordinates;
      continue;
    }
    ++summary.nodes;
    out += first ? "\n" : ",\n";
    first = false;
    out += "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": ";
    append_position(out, graph.nodes.lon[u], graph.nodes.lat[u]);
    out += "}, \"properties\": {\"feature\": \"firm\", \"id\": ";
    append_json_string(out, graph.nodes.id[u]);
    append_json_members(out, node_columns, u);
    out += "}}";
    file.flush_if_full();
  }
  out += "\n]}\n";
  file.commit();
}

}  // namespace firmnet::export_detail

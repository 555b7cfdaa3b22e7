// GeoJSON writer (RFC 7946) for QGIS and geopandas: one FeatureCollection holding
//   - one feature per park of a park-test result (property "feature": "park"): its outline
//     from the user's polygon file when it has one ("geometry_source": "user"), else the convex
//     hull of its located member firms (ParkLayer::hulls, "hull"), a Point or LineString when
//     they have fewer than three distinct non-collinear positions ("degenerate"), or a null
//     geometry without any ("none"); properties: park, the result's name, the number of
//     located firms and every column of the result's units table (verdict, reason, firms,
//     internal_links, null_mean, z, p, q, ...);
//   - one Point feature per node with coordinates ("feature": "firm"), with its id and every
//     node attribute and result column of the export.
// Positions are [longitude, latitude] in WGS 84 degrees; numbers are written in the shortest
// form that reads back to the same double; missing and non-finite values are null.
// O(n x columns + parks x evidence columns + the size of the polygon file); the hulls come
// computed.
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "graph/errors.hpp"
#include "graph/verification.hpp"
#include "io/atomic_file.hpp"
#include "io/csv_writer.hpp"
#include "io/export_support.hpp"
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

// A user polygon, checked: its geometry value and the line of its feature, for messages.
struct UserPolygon {
  const JsonValue* geometry = nullptr;
  std::uint64_t line = 0;
};

class PolygonFile {
 public:
  explicit PolygonFile(const ParkPolygons& polygons) : path_(polygons.path), root_(read_json_file(polygons.path)) {
    const JsonValue* type = root_.find("type");
    if (root_.kind != JsonValue::Kind::object || !type || type->text != "FeatureCollection")
      fail(root_.line, "not a GeoJSON FeatureCollection (its top level needs \"type\": \"FeatureCollection\")");
    const JsonValue* features = root_.find("features");
    if (!features || features->kind != JsonValue::Kind::array) fail(root_.line, "no \"features\" array");
    const std::string key = choose_key(*features, polygons.key);
    for (const JsonValue& feature : features->items) {
      if (feature.kind != JsonValue::Kind::object) fail(feature.line, "a feature is a " + std::string(feature.kind_name()));
      const JsonValue* geometry = feature.find("geometry");
      if (!geometry || geometry->kind != JsonValue::Kind::object) fail(feature.line, "a feature without a geometry object");
      check_geometry(*geometry);
      const JsonValue* properties = feature.find("properties");
      const JsonValue* value = properties ? properties->find(key) : nullptr;
      std::string park;
      if (value && value->kind == JsonValue::Kind::string) park = value->text;
      if (value && value->kind == JsonValue::Kind::number) append_csv_number(park, value->number);
      if (park.empty()) {
        ++without_key_;
        continue;
      }
      if (!by_park_.emplace(park, UserPolygon{geometry, feature.line}).second)
        fail(feature.line, "a second polygon for park '" + park + "' (property '" + key + "')");
    }
  }

  const UserPolygon* find(const std::string& park) {
    const auto it = by_park_.find(park);
    if (it == by_park_.end()) return nullptr;
    used_.emplace(park);
    return &it->second;
  }
  /// Features that named no park of the result, or had no key value.
  std::uint64_t unmatched() const { return without_key_ + by_park_.size() - used_.size(); }

 private:
  [[noreturn]] void fail(std::uint64_t line, const std::string& reason) const {
    throw DataError(path_ + ":" + std::to_string(line) + ": " + reason);
  }

  std::string choose_key(const JsonValue& features, const std::string& requested) const {
    std::set<std::string> seen;
    for (const JsonValue& feature : features.items)
      if (const JsonValue* properties = feature.find("properties"))
        seen.insert(properties->member_names.begin(), properties->member_names.end());
    const std::string key = !requested.empty() ? requested : seen.count("park") ? "park" : "name";
    if (!seen.count(key)) {
      std::string names;
      for (const auto& name : seen) names += (names.empty() ? "" : ", ") + name;
      throw UsageError(path_ + ": no feature has the property '" + key + "'" +
                       (requested.empty() ? " (nor 'park'); name the park property with --park-polygon-key" : "") +
                       " (properties: " + (names.empty() ? "none" : names) + ")");
    }
    return key;
  }

  void check_position(const JsonValue& position) const {
    if (position.kind != JsonValue::Kind::array || position.items.size() < 2)
      fail(position.line, "a position must be an array [longitude, latitude]");
    for (const JsonValue& number : position.items)
      if (number.kind != JsonValue::Kind::number) fail(position.line, "a position holds a " + std::string(number.kind_name()));
    const double lon = position.items[0].number, lat = position.items[1].number;
    if (!(std::fabs(lon) <= 180 && std::fabs(lat) <= 90))
      fail(position.line, "position [" + number_text(lon) + ", " + number_text(lat) +
                              "] is not [longitude, latitude] in degrees (RFC 7946 GeoJSON is WGS 84)");
  }

  void check_polygon(const JsonValue& rings) const {
    if (rings.kind != JsonValue::Kind::array || rings.items.empty())
      fail(rings.line, "a polygon must be a non-empty array of rings");
    for (const JsonValue& ring : rings.items) {
      if (ring.kind != JsonValue::Kind::array || ring.items.size() < 4)
        fail(ring.line, "a polygon ring needs at least 4 positions");
      for (const JsonValue& position : ring.items) check_position(position);
      const auto& first = ring.items.front().items;
      const auto& last = ring.items.back().items;
      if (first[0].number != last[0].number || first[1].number != last[1].number)
        fail(ring.line, "a polygon ring is not closed (its first and last positions differ)");
    }
  }

  void check_geometry(const JsonValue& geometry) const {
    const JsonValue* type = geometry.find("type");
    const JsonValue* coordinates = geometry.find("coordinates");
    const std::string kind = type && type->kind == JsonValue::Kind::string ? type->text : "";
    if (kind != "Polygon" && kind != "MultiPolygon")
      fail(geometry.line, "geometry type '" + kind + "' is not Polygon or MultiPolygon");
    if (!coordinates || coordinates->kind != JsonValue::Kind::array) fail(geometry.line, "geometry without coordinates");
    if (kind == "Polygon") {
      check_polygon(*coordinates);
    } else {
      if (coordinates->items.empty()) fail(coordinates->line, "a MultiPolygon without polygons");
      for (const JsonValue& polygon : coordinates->items) check_polygon(polygon);
    }
  }

  std::string path_;
  JsonValue root_;
  std::map<std::string, UserPolygon, std::less<>> by_park_;
  std::set<std::string, std::less<>> used_;
  std::uint64_t without_key_ = 0;
};

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
    if (const UserPolygon* polygon = polygons ? polygons->find(parks.names[p]) : nullptr) {
      append_json_value(out, *polygon->geometry);
      source = "user";
      ++summary.parks_user;
    } else {
      source = append_hull_geometry(out, parks.hulls[p]);
      ++(source == "hull" ? summary.parks_hull : source == "degenerate" ? summary.parks_degenerate : summary.parks_without_geometry);
    }
    out += ", \"properties\": {\"feature\": \"park\", \"park\": ";
    append_json_string(out, parks.names[p]);
    out += ", \"park_result\": ";
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
  if (!options.polygons.path.empty()) polygons.emplace(options.polygons);
  AtomicFile file(path);
  std::string& out = file.buffer();
  out += "{\"type\": \"FeatureCollection\", \"features\": [";
  bool first = true;
  if (options.parks)
    write_park_features(*options.parks, polygons ? &*polygons : nullptr, file, summary, first);
  if (polygons) summary.unmatched_polygons = polygons->unmatched();
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

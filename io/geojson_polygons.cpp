// GeoJSON polygon layers: reading and checking (io/geojson_polygons.hpp).
#include "io/geojson_polygons.hpp"

#include <cmath>

#include "graph/errors.hpp"
#include "graph/verification.hpp"
#include "io/csv_writer.hpp"

namespace firmnet {

PolygonFile::PolygonFile(const PolygonLayerSource& source, const PolygonNaming& naming)
    : path_(source.path), root_(read_json_file(source.path)) {
  const JsonValue* type = root_.find("type");
  if (root_.kind != JsonValue::Kind::object || !type || type->text != "FeatureCollection")
    fail(root_.line, "not a GeoJSON FeatureCollection (its top level needs \"type\": \"FeatureCollection\")");
  const JsonValue* features = root_.find("features");
  if (!features || features->kind != JsonValue::Kind::array) fail(root_.line, "no \"features\" array");
  key_ = choose_key(*features, source.key, naming);
  for (const JsonValue& feature : features->items) {
    if (feature.kind != JsonValue::Kind::object) fail(feature.line, "a feature is a " + std::string(feature.kind_name()));
    const JsonValue* geometry = feature.find("geometry");
    if (!geometry || geometry->kind != JsonValue::Kind::object) fail(feature.line, "a feature without a geometry object");
    check_geometry(*geometry);
    const JsonValue* properties = feature.find("properties");
    const JsonValue* value = properties && !key_.empty() ? properties->find(key_) : nullptr;
    std::string name;
    if (value && value->kind == JsonValue::Kind::string) name = value->text;
    if (value && value->kind == JsonValue::Kind::number) append_csv_number(name, value->number);
    if (!name.empty()) {
      const bool first = by_name_.emplace(name, features_.size()).second;
      if (!first && naming.names_unique) fail(feature.line, "a second polygon for '" + name + "' (property '" + key_ + "')");
    }
    features_.push_back({name, geometry, feature.line});
  }
}

const PolygonFile::Feature* PolygonFile::find(const std::string& name) {
  const auto it = by_name_.find(name);
  if (it == by_name_.end()) return nullptr;
  used_.insert(it->second);
  return &features_[it->second];
}

std::vector<GeoRing> PolygonFile::outer_rings(const JsonValue& geometry) {
  auto ring_of = [](const JsonValue& polygon) {
    GeoRing ring;
    for (const JsonValue& position : polygon.items.front().items) ring.push_back({position.items[0].number, position.items[1].number});
    return ring;
  };
  const JsonValue& coordinates = *geometry.find("coordinates");
  std::vector<GeoRing> rings;
  if (geometry.find("type")->text == "Polygon") {
    rings.push_back(ring_of(coordinates));
  } else {
    for (const JsonValue& polygon : coordinates.items) rings.push_back(ring_of(polygon));
  }
  return rings;
}

void PolygonFile::fail(std::uint64_t line, const std::string& reason) const {
  throw DataError(path_ + ":" + std::to_string(line) + ": " + reason);
}

std::string PolygonFile::choose_key(const JsonValue& features, const std::string& requested, const PolygonNaming& naming) const {
  std::set<std::string> seen;
  for (const JsonValue& feature : features.items)
    if (const JsonValue* properties = feature.find("properties"))
      seen.insert(properties->member_names.begin(), properties->member_names.end());
  if (!requested.empty() && seen.count(requested)) return requested;
  if (requested.empty())
    for (const auto& key : naming.default_keys)
      if (seen.count(key)) return key;
  if (requested.empty() && !naming.names_required) return "";
  std::string names, defaults;
  for (const auto& name : seen) names += (names.empty() ? "" : ", ") + name;
  for (const auto& key : naming.default_keys) defaults += (defaults.empty() ? "'" : " or '") + key + "'";
  throw UsageError(path_ + ": no feature has the property " + (requested.empty() ? defaults : "'" + requested + "'") +
                   (requested.empty() ? "; name the property with " + naming.key_option : "") +
                   " (properties: " + (names.empty() ? "none" : names) + ")");
}

void PolygonFile::check_position(const JsonValue& position) const {
  if (position.kind != JsonValue::Kind::array || position.items.size() < 2)
    fail(position.line, "a position must be an array [longitude, latitude]");
  for (const JsonValue& number : position.items)
    if (number.kind != JsonValue::Kind::number) fail(position.line, "a position holds a " + std::string(number.kind_name()));
  const double lon = position.items[0].number, lat = position.items[1].number;
  if (!(std::fabs(lon) <= 180 && std::fabs(lat) <= 90))
    fail(position.line, "position [" + number_text(lon) + ", " + number_text(lat) +
                            "] is not [longitude, latitude] in degrees (RFC 7946 GeoJSON is WGS 84)");
}

void PolygonFile::check_polygon(const JsonValue& rings) const {
  if (rings.kind != JsonValue::Kind::array || rings.items.empty()) fail(rings.line, "a polygon must be a non-empty array of rings");
  for (const JsonValue& ring : rings.items) {
    if (ring.kind != JsonValue::Kind::array || ring.items.size() < 4) fail(ring.line, "a polygon ring needs at least 4 positions");
    for (const JsonValue& position : ring.items) check_position(position);
    const auto& first = ring.items.front().items;
    const auto& last = ring.items.back().items;
    if (first[0].number != last[0].number || first[1].number != last[1].number)
      fail(ring.line, "a polygon ring is not closed (its first and last positions differ)");
  }
}

void PolygonFile::check_geometry(const JsonValue& geometry) const {
  const JsonValue* type = geometry.find("type");
  const JsonValue* coordinates = geometry.find("coordinates");
  const std::string kind = type && type->kind == JsonValue::Kind::string ? type->text : "";
  if (kind != "Polygon" && kind != "MultiPolygon") fail(geometry.line, "geometry type '" + kind + "' is not Polygon or MultiPolygon");
  if (!coordinates || coordinates->kind != JsonValue::Kind::array) fail(geometry.line, "geometry without coordinates");
  if (kind == "Polygon") {
    check_polygon(*coordinates);
  } else {
    if (coordinates->items.empty()) fail(coordinates->line, "a MultiPolygon without polygons");
    for (const JsonValue& polygon : coordinates->items) check_polygon(polygon);
  }
}

}  // namespace firmnet

// Polygon layers users give firmnet as GeoJSON (RFC 7946) FeatureCollections: park outlines
// (`firmnet export --format geojson --park-polygons`, `firmnet report --park-polygons`) and
// boundary layers for the report's map (`firmnet report --boundaries`: counties, towns).
// Every feature must have a Polygon or MultiPolygon geometry whose rings are closed and hold
// [longitude, latitude] positions in WGS 84 degrees; a feature is named by the text (or number)
// of one property. Anything else is a DataError "<file>:<line>: <reason>".
// Reading is O(file bytes); the parsed document is kept, and features point into it.
#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "io/json_reader.hpp"

namespace firmnet {

/// A polygon file and the property naming its features.
struct PolygonLayerSource {
  std::string path;  // "" = no file
  std::string key;   // "" = the first of the default keys some feature has
};

using GeoPosition = std::array<double, 2>;  // [longitude, latitude]
using GeoRing = std::vector<GeoPosition>;

/// The names a feature may carry, and what a missing or repeated one means.
struct PolygonNaming {
  std::vector<std::string> default_keys;  // tried in order when the source gives no key
  std::string key_option;                 // the option that names the key, for messages
  bool names_required = true;             // no feature has the key: UsageError
  bool names_unique = true;               // two features with one name: DataError
};

class PolygonFile {
 public:
  struct Feature {
    std::string name;  // "" when the feature has no value for the key
    const JsonValue* geometry = nullptr;
    std::uint64_t line = 0;  // where the feature starts, for messages
  };

  /// Reads and checks source.path. Throws DataError for a file that is not a FeatureCollection
  /// of valid polygons, UsageError when naming.names_required and no feature has the key.
  /// O(file bytes + features log features).
  PolygonFile(const PolygonLayerSource& source, const PolygonNaming& naming);
  PolygonFile(const PolygonFile&) = delete;
  PolygonFile& operator=(const PolygonFile&) = delete;

  const std::string& path() const { return path_; }
  const std::string& key() const { return key_; }
  /// Every feature in file order. O(1).
  const std::vector<Feature>& features() const { return features_; }
  /// The feature named name (the first, when names may repeat), or nullptr; a found feature
  /// counts as used. O(log features).
  const Feature* find(const std::string& name);
  /// Features never found: unnamed ones and those no find() asked for. O(1).
  std::uint64_t unmatched() const { return features_.size() - used_.size(); }

  /// The outer ring of each polygon of a checked Polygon or MultiPolygon geometry (holes are
  /// left out: the report draws outlines). O(positions).
  static std::vector<GeoRing> outer_rings(const JsonValue& geometry);

 private:
  [[noreturn]] void fail(std::uint64_t line, const std::string& reason) const;
  std::string choose_key(const JsonValue& features, const std::string& requested, const PolygonNaming& naming) const;
  void check_position(const JsonValue& position) const;
  void check_polygon(const JsonValue& rings) const;
  void check_geometry(const JsonValue& geometry) const;

  std::string path_, key_;
  JsonValue root_;
  std::vector<Feature> features_;
  std::map<std::string, std::size_t, std::less<>> by_name_;  // name -> first feature
  std::set<std::size_t> used_;
};

}  // namespace firmnet

// A small, strict JSON reader (RFC 8259) for the GeoJSON files users hand to firmnet (park
// polygons and boundary layers, io/geojson_polygons.hpp). The whole document is parsed into a tree:
// objects keep their members in document order, numbers are doubles, strings are UTF-8
// (\uXXXX escapes and surrogate pairs decoded). Malformed input, bytes that are not UTF-8 and
// nesting deeper than 512 levels raise DataError("<file>:<line>: <reason>").
// The whole file is held in memory; parsing is O(file bytes).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace firmnet {

struct JsonValue {
  enum class Kind { null, boolean, number, string, array, object };
  Kind kind = Kind::null;
  bool boolean = false;
  double number = 0;
  std::string text;  // a string's value
  std::vector<JsonValue> items;                            // array elements
  // An object's members in document order: member_names[i] names member_values[i]. (Two
  // vectors rather than one of pairs: a pair holding the still-incomplete JsonValue is refused
  // by clang's standard library checks.)
  std::vector<std::string> member_names;
  std::vector<JsonValue> member_values;
  std::uint64_t line = 0;                                  // 1-based line where the value starts

  /// The first member named key of an object, or nullptr (also for non-objects). O(members).
  const JsonValue* find(std::string_view key) const;
  /// "null", "boolean", "number", "string", "array" or "object", for messages. O(1).
  std::string_view kind_name() const;
};

/// Parses text; source names it in messages. Throws DataError("<source>:<line>: <reason>").
/// O(length).
JsonValue parse_json(std::string_view text, const std::string& source);

/// Reads and parses a file (a leading UTF-8 byte-order mark is skipped). Throws DataError
/// naming path when it cannot be read or is not JSON. O(file bytes).
JsonValue read_json_file(const std::string& path);

}  // namespace firmnet

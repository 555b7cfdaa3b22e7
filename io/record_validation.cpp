#include "io/record_validation.hpp"

#include <limits>

#include "graph/errors.hpp"
#include "io/text_fields.hpp"

namespace firmnet {

using text::parse_double;
using text::parse_int;
using text::quoted;
using text::trim;

NodeId next_node_id(std::size_t count) {
  if (count >= std::numeric_limits<NodeId>::max() - 1)
    throw DataError("too many nodes: firmnet's 32-bit node indices hold at most 4,294,967,294 nodes");
  return static_cast<NodeId>(count);
}

std::optional<Rejection> parse_node_values(const NodeText& text, NodeValues& values) {
  if (!trim(text.kind).empty()) {
    const auto kind = parse_node_kind(trim(text.kind));
    if (!kind) return Rejection{"unknown_kind", "kind " + quoted(text.kind) + " is not a node kind (see docs/FORMAT.md)"};
    values.kind = *kind;
  }
  if (!trim(text.lat).empty() && (!parse_double(text.lat, values.lat) || !(values.lat >= -90 && values.lat <= 90)))
    return Rejection{"bad_coordinate", "lat " + quoted(text.lat) + " is not a latitude in [-90, 90]"};
  if (!trim(text.lon).empty() && (!parse_double(text.lon, values.lon) || !(values.lon >= -180 && values.lon <= 180)))
    return Rejection{"bad_coordinate", "lon " + quoted(text.lon) + " is not a longitude in [-180, 180]"};
  if (!trim(text.employees).empty() &&
      (!parse_double(text.employees, values.employees) || !std::isfinite(values.employees) || values.employees < 0))
    return Rejection{"bad_number", "employees " + quoted(text.employees) + " is not a finite number >= 0"};
  if (!trim(text.revenue).empty() && (!parse_double(text.revenue, values.revenue) || !std::isfinite(values.revenue)))
    return Rejection{"bad_number", "revenue " + quoted(text.revenue) + " is not a finite number"};
  long long founded = 0;
  if (!trim(text.founded).empty() && (!parse_int(text.founded, founded) || founded < 1 || founded > 9999))
    return Rejection{"bad_number", "founded " + quoted(text.founded) + " is not a year (1-9999)"};
  values.founded = static_cast<std::int32_t>(founded);
  return std::nullopt;
}

std::optional<Rejection> parse_edge_values(const EdgeText& text, EdgeValues& values) {
  if (!trim(text.type).empty()) {
    const auto type = parse_relation_type(trim(text.type));
    if (!type) return Rejection{"unknown_type", "type " + quoted(text.type) + " is not a relation type (see docs/FORMAT.md)"};
    values.type = *type;
  }
  if (!trim(text.weight).empty() &&
      (!parse_double(text.weight, values.weight) || !std::isfinite(values.weight) || values.weight < 0))
    return Rejection{"bad_weight", "weight " + quoted(text.weight) + " is not a finite number >= 0"};
  long long year = kNoYear;
  if (!trim(text.year).empty() && (!parse_int(text.year, year) || year < 1 || year > 9999))
    return Rejection{"bad_year", "year " + quoted(text.year) + " is not a year (1-9999)"};
  values.year = static_cast<std::int16_t>(year);
  return std::nullopt;
}

}  // namespace firmnet

#include "io/record_validation.hpp"

#include <algorithm>
#include <limits>

#include "graph/errors.hpp"
#include "io/text_fields.hpp"

namespace firmnet {

using text::parse_double;
using text::parse_int;
using text::quoted;
using text::trim;

namespace {

// A number, read with a decimal comma when allowed and the text is digits, one comma, digits.
bool parse_number(std::string_view s, double& out, bool decimal_comma) {
  if (decimal_comma) {
    const std::string_view t = trim(s);
    const std::size_t comma = t.find(',');
    const std::size_t digits_from = !t.empty() && (t[0] == '-' || t[0] == '+') ? 1 : 0;
    auto digits = [](std::string_view d) {
      return !d.empty() && std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (comma != std::string_view::npos && digits(t.substr(digits_from, comma - digits_from)) &&
        digits(t.substr(comma + 1))) {
      std::string point(t);
      point[comma] = '.';
      return parse_double(point, out);
    }
  }
  return parse_double(s, out);
}

// A year kFirstYear-kLastYear (reason `reason`); a one- or two-digit year is named as such.
std::optional<Rejection> parse_year(std::string_view field, std::string_view text, const char* reason, long long& year) {
  if (!parse_int(text, year))
    return Rejection{reason, std::string(field) + " " + quoted(text) + " is not a year (" + std::to_string(kFirstYear) +
                                 "-" + std::to_string(kLastYear) + ")"};
  if (year >= 0 && year <= 99)
    return Rejection{reason, std::string(field) + ": two-digit year " + quoted(trim(text)) + "; write the full year"};
  if (year < kFirstYear || year > kLastYear)
    return Rejection{reason, std::string(field) + " " + quoted(text) + " is outside the years " +
                                 std::to_string(kFirstYear) + "-" + std::to_string(kLastYear)};
  return std::nullopt;
}

}  // namespace

NodeId next_node_id(std::size_t count) {
  if (count >= std::numeric_limits<NodeId>::max() - 1)
    throw DataError("too many nodes: firmnet's 32-bit node indices hold at most 4,294,967,294 nodes");
  return static_cast<NodeId>(count);
}

std::optional<Rejection> parse_node_values(const NodeText& text, NodeValues& values, bool decimal_comma) {
  if (!trim(text.kind).empty()) {
    const auto kind = parse_node_kind(trim(text.kind));
    if (!kind) return Rejection{"unknown_kind", "kind " + quoted(text.kind) + " is not a node kind (see docs/FORMAT.md)"};
    values.kind = *kind;
  }
  if (!trim(text.lat).empty() && (!parse_number(text.lat, values.lat, decimal_comma) || !(values.lat >= -90 && values.lat <= 90)))
    return Rejection{"bad_coordinate", "lat " + quoted(text.lat) + " is not a latitude in [-90, 90]"};
  if (!trim(text.lon).empty() && (!parse_number(text.lon, values.lon, decimal_comma) || !(values.lon >= -180 && values.lon <= 180)))
    return Rejection{"bad_coordinate", "lon " + quoted(text.lon) + " is not a longitude in [-180, 180]"};
  if (!trim(text.employees).empty() &&
      (!parse_number(text.employees, values.employees, decimal_comma) || !std::isfinite(values.employees) || values.employees < 0))
    return Rejection{"bad_number", "employees " + quoted(text.employees) + " is not a finite number >= 0"};
  if (!trim(text.revenue).empty() && (!parse_number(text.revenue, values.revenue, decimal_comma) || !std::isfinite(values.revenue)))
    return Rejection{"bad_number", "revenue " + quoted(text.revenue) + " is not a finite number"};
  long long founded = 0;
  if (!trim(text.founded).empty())
    if (auto rejection = parse_year("founded", text.founded, "bad_number", founded)) return rejection;
  values.founded = static_cast<std::int32_t>(founded);
  long long closed = 0;
  if (!trim(text.closed).empty())
    if (auto rejection = parse_year("closed", text.closed, "bad_number", closed)) return rejection;
  if (closed != 0 && founded != 0 && closed < founded)
    return Rejection{"bad_number", "closed " + quoted(text.closed) + " is before founded " + quoted(text.founded)};
  values.closed = static_cast<std::int32_t>(closed);
  return std::nullopt;
}

std::optional<Rejection> parse_edge_values(const EdgeText& text, EdgeValues& values, bool decimal_comma) {
  if (!trim(text.type).empty()) {
    const auto type = parse_relation_type(trim(text.type));
    if (!type) return Rejection{"unknown_type", "type " + quoted(text.type) + " is not a relation type (see docs/FORMAT.md)"};
    values.type = *type;
  }
  if (!trim(text.weight).empty() &&
      (!parse_number(text.weight, values.weight, decimal_comma) || !std::isfinite(values.weight) || values.weight < 0))
    return Rejection{"bad_weight", "weight " + quoted(text.weight) + " is not a finite number >= 0"};
  long long year = kNoYear;
  if (!trim(text.year).empty())
    if (auto rejection = parse_year("year", text.year, "bad_year", year)) return rejection;
  values.year = static_cast<std::int16_t>(year);
  return std::nullopt;
}

}  // namespace firmnet

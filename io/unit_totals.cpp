// Reader of official unit totals (region or park, employment); see unit_totals.hpp.
#include "io/unit_totals.hpp"

#include <cmath>
#include <unordered_map>

#include "graph/errors.hpp"
#include "io/csv_reader.hpp"
#include "io/text_fields.hpp"

namespace firmnet {

std::vector<std::pair<std::string, double>> read_unit_totals(const std::string& path, std::string_view key_column) {
  CsvReader reader(path);
  std::vector<std::string_view> fields;
  auto fail = [&](const std::string& reason) -> DataError {
    return DataError(path + ":" + std::to_string(reader.record_line()) + ": " + reason);
  };
  if (!reader.next(fields)) throw DataError(path + ": empty file (expected a header with " + std::string(key_column) +
                                            " and employment)");
  if (reader.has_problem()) throw fail("header: " + reader.record_problem().detail);
  long key = -1, value = -1;
  for (std::size_t c = 0; c < fields.size(); ++c) {
    const std::string name = text::normalise_name(fields[c]);
    if (name == key_column && key < 0) key = static_cast<long>(c);
    if ((name == "employment" || name == "employees") && value < 0) value = static_cast<long>(c);
  }
  if (key < 0 || value < 0)
    throw fail("the header needs the columns " + std::string(key_column) + " and employment (or employees)");

  std::vector<std::pair<std::string, double>> totals;
  std::unordered_map<std::string, std::uint64_t> line_of;
  while (reader.next(fields)) {
    if (reader.has_problem()) throw fail(reader.record_problem().detail);
    if (fields.size() <= static_cast<std::size_t>(std::max(key, value)))
      throw fail("expected at least " + std::to_string(std::max(key, value) + 1) + " fields, found " +
                 std::to_string(fields.size()));
    const std::string_view unit = text::trim(fields[static_cast<std::size_t>(key)]);
    const std::string_view text = fields[static_cast<std::size_t>(value)];
    if (unit.empty()) throw fail("empty " + std::string(key_column));
    double employment = 0;
    if (!text::parse_double(text, employment) || !std::isfinite(employment) || employment < 0)
      throw fail("employment " + text::quoted(text::trim(text)) + " of " + text::quoted(unit) +
                 " is not a finite number >= 0");
    const auto [it, fresh] = line_of.emplace(std::string(unit), reader.record_line());
    if (!fresh)
      throw fail(std::string(key_column) + " " + text::quoted(unit) + " is already given on line " +
                 std::to_string(it->second));
    totals.emplace_back(std::string(unit), employment);
  }
  return totals;
}

}  // namespace firmnet

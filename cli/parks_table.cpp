#include "cli/parks_table.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <set>

#include "graph/errors.hpp"
#include "io/csv_reader.hpp"
#include "io/record_validation.hpp"
#include "io/text_fields.hpp"

namespace firmnet::cli {
namespace {

enum Field { kPark, kEstablished, kArea, kFieldCount };

// Accepted header names, canonical first (docs/FORMAT.md lists the same).
const std::array<std::vector<std::string_view>, kFieldCount> kAliases = {{
    {"park", "zone", "industrial_park", "estate", "园区"},
    {"established", "park_established", "opened", "year_established", "设立年份", "成立年份"},
    {"area_km2", "area", "km2", "面积"},
}};

}  // namespace

std::vector<evolution::ParkRecord> read_parks_table(const std::string& path) {
  CsvReader reader(path);
  std::vector<std::string_view> fields;
  std::array<int, kFieldCount> column{-1, -1, -1};
  std::size_t width = 0;
  std::vector<evolution::ParkRecord> rows;
  std::set<std::string> seen;
  bool header = true;
  while (reader.next(fields)) {
    const std::string where = path + ":" + std::to_string(reader.record_line());
    if (reader.has_problem()) throw DataError(where + ": " + reader.record_problem().detail);
    if (header) {
      header = false;
      width = fields.size();
      for (std::size_t i = 0; i < fields.size(); ++i)
        for (int f = 0; f < kFieldCount; ++f)
          for (std::string_view alias : kAliases[static_cast<std::size_t>(f)])
            if (text::trim(fields[i]) == alias && column[static_cast<std::size_t>(f)] < 0) column[static_cast<std::size_t>(f)] = static_cast<int>(i);
      if (column[kPark] < 0 || column[kEstablished] < 0)
        throw DataError(where + ": the header must name the columns park and established (optional: area_km2)");
      continue;
    }
    if (fields.size() != width)
      throw DataError(where + ": expected " + std::to_string(width) + " fields as in the header, found " +
                      std::to_string(fields.size()));
    evolution::ParkRecord record;
    record.line = reader.record_line();
    record.park = std::string(text::trim(fields[static_cast<std::size_t>(column[kPark])]));
    if (record.park.empty()) throw DataError(where + ": an empty park");
    if (!seen.insert(record.park).second) throw DataError(where + ": park '" + record.park + "' is listed twice");
    const std::string_view year = text::trim(fields[static_cast<std::size_t>(column[kEstablished])]);
    if (!year.empty()) {
      long long value = 0;
      const auto [end, error] = std::from_chars(year.data(), year.data() + year.size(), value);
      if (error != std::errc() || end != year.data() + year.size() || value < kFirstYear || value > kLastYear)
        throw DataError(where + ": established '" + std::string(year) + "' is not a year 1800-2100");
      record.established = static_cast<int>(value);
    }
    record.area_km2 = std::numeric_limits<double>::quiet_NaN();
    if (column[kArea] >= 0) {
      const std::string_view area = text::trim(fields[static_cast<std::size_t>(column[kArea])]);
      if (!area.empty()) {
        double value = 0;
        const auto [end, error] = std::from_chars(area.data(), area.data() + area.size(), value);
        if (error != std::errc() || end != area.data() + area.size() || !(value > 0) || !std::isfinite(value))
          throw DataError(where + ": area_km2 '" + std::string(area) + "' is not a number > 0");
        record.area_km2 = value;
      }
    }
    rows.push_back(std::move(record));
  }
  if (header) throw DataError(path + ": the parks table is empty");
  if (rows.empty()) throw DataError(path + ": the parks table holds no row");
  return rows;
}

}  // namespace firmnet::cli

#include "cli/category_table.hpp"

#include "graph/errors.hpp"
#include "io/csv_reader.hpp"

namespace firmnet::cli {

clusters::IndustryCategories read_category_table(const std::string& path) {
  CsvReader reader(path);
  clusters::IndustryCategories table;
  table.source = path.substr(path.find_last_of('/') + 1);
  std::vector<std::string_view> fields;
  bool first = true;
  while (reader.next(fields)) {
    const std::string where = path + ":" + std::to_string(reader.record_line());
    if (reader.has_problem()) throw DataError(where + ": " + reader.record_problem().detail);
    if (fields.size() != 2)
      throw DataError(where + ": expected 2 fields (industry code, category), found " + std::to_string(fields.size()));
    const bool header = first && fields[0] == "industry";
    first = false;
    if (header) continue;
    if (fields[0].empty() || fields[1].empty())
      throw DataError(where + ": an empty " + std::string(fields[0].empty() ? "industry code" : "category"));
    table.rows.emplace_back(std::string(fields[0]), std::string(fields[1]));
  }
  if (table.rows.empty()) throw DataError(path + ": the category table holds no row");
  return table;
}

}  // namespace firmnet::cli

#include "cli/essentiality_table.hpp"

#include "graph/errors.hpp"
#include "io/csv_reader.hpp"

namespace firmnet::cli {

risk::EssentialityTable read_essentiality_table(const std::string& path) {
  CsvReader reader(path);
  risk::EssentialityTable table;
  std::vector<std::string_view> fields;
  bool first = true;
  while (reader.next(fields)) {
    const std::string where = path + " line " + std::to_string(reader.record_line());
    if (reader.has_problem()) throw DataError(where + ": " + reader.record_problem().detail);
    if (fields.size() != 3) throw DataError(where + ": expected 3 fields, found " + std::to_string(fields.size()));
    if (auto rule = risk::essentiality_rule(fields[0], fields[1], fields[2], first, where))
      table.rules.push_back(std::move(*rule));
    first = false;
  }
  if (table.rules.empty()) throw DataError(path + ": the essentiality table holds no rule");
  return table;
}

}  // namespace firmnet::cli

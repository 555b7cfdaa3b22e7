#include "cli/presenters.hpp"

#include <iostream>

#include "graph/errors.hpp"
#include "report/views.hpp"

namespace firmnet::cli {

void print_json_result(const Result& result, const std::string& file, const std::vector<std::string>& omit_tables) {
  JsonWriter json(std::cout);
  json.begin_object().key("file").value(file);
  report::render_json_members(json, result, omit_tables);
  json.end_object();
}

void print_scalars(const Result& result, const std::vector<std::pair<std::string, std::string>>& labels) {
  TextTable table({"measure", "value"});
  for (const auto& [name, label] : labels)
    for (const auto& [key, value] : result.scalars)
      if (key == name) {
        const auto* real = std::get_if<double>(&value);
        table.add_row({label, real ? format_number(*real, 6) : scalar_text(value)});
      }
  table.print(std::cout);
}

void print_park_verdicts(const Result& parks) {
  namespace s = spatial::stored;
  const ResultTable* units = parks.find_table(s::units);
  if (!units) throw DataError("result '" + parks.name + "' has no table '" + s::units + "'");
  report::render_text(std::cout, *units, report::park_verdicts_view());
  std::cout << "\nWhy:\n";
  const ExtraColumn &name = units->column(s::name), &verdict = units->column(s::verdict), &reason = units->column(s::reason);
  for (std::size_t u = 0; u < units->rows(); ++u)
    std::cout << "  " << report::cell_text(name, u) << ": " << report::cell_text(verdict, u) << ": "
              << report::cell_text(reason, u) << "\n";
}

void require_verified(const std::string& what, const Verification& verification) {
  if (verification.ok()) {
    std::cerr << "verified: " << what << "\n";
    return;
  }
  std::string message = what + " failed verification:";
  for (const auto& violation : verification.violations) message += "\n  " + violation;
  throw DataError(message);
}

}  // namespace firmnet::cli

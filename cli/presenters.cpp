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

namespace {

std::string percent(std::uint64_t part, std::uint64_t whole) {
  return whole == 0 ? "0%" : format_number(100.0 * static_cast<double>(part) / static_cast<double>(whole), 3) + "%";
}

}  // namespace

std::vector<CapabilityRow> capability_rows(const structure::NetworkCapabilities& c) {
  std::vector<CapabilityRow> rows;
  rows.push_back({"park test", c.park_test(),
                  c.park_test() ? format_count(c.parks) + " parks holding " + percent(c.park_firms, c.firms) + " of firms"
                                : "no firm has a park value",
                  c.regions > 0 ? "add a 'park' column (园区), or test regions with --unit region"
                                : "add a 'park' column (园区), or coordinates and --unit radius"});
  rows.push_back({"vertical links", c.vertical_links(),
                  format_count(c.stages) + " stages on " + percent(c.staged_firms, c.firms) + " of firms",
                  "add a 'stage' column (环节) with at least two value-chain stages"});
  const double located = c.firms ? static_cast<double>(c.located_firms) / static_cast<double>(c.firms) : 0.0;
  rows.push_back({"distance null and maps", c.distance_methods(),
                  percent(c.located_firms, c.firms) + " of firms have coordinates" +
                      (!c.distance_methods() ? ""
                       : located >= kMostFirmsLocated ? " (the distance null is the default)"
                                                      : " (under 50%: the degree null is the default)"),
                  "add 'lat' and 'lon' columns (纬度, 经度)"});
  rows.push_back({"concentration", c.concentration(),
                  format_count(c.industries) + " industries on " + percent(c.industry_firms, c.firms) +
                      " of firms, employees on " + percent(c.employee_firms, c.firms),
                  "add 'industry' (行业代码) and 'employees' (从业人数) columns"});
  rows.push_back({"evolution", c.evolution(),
                  c.years == 0 ? "no dated links"
                               : format_count(c.years) + " years (" + std::to_string(c.first_year) + "-" +
                                     std::to_string(c.last_year) + ") on " + percent(c.dated_links, c.links) + " of links",
                  "add a 'year' column (年份) to the links, over at least two years"});
  rows.push_back({"entries", c.entries(), percent(c.founded_firms, c.firms) + " of firms have a founding year",
                  "add a 'founded' column (成立年份)"});
  rows.push_back({"exits", c.exits(), percent(c.closed_firms, c.firms) + " of firms have a closing year",
                  "add a 'closed' column (注销年份) for firms that closed"});
  rows.push_back({"institution links", c.institution_links(), format_count(c.institutions) + " institutions",
                  "add nodes of kind university, agency, association, ..."});
  for (CapabilityRow& row : rows)
    if (row.supported) row.hint.clear();
  return rows;
}

void print_capabilities(const structure::NetworkCapabilities& capabilities) {
  std::cout << "\n== What this network supports\n";
  TextTable table({"analysis", "supported", "the data", "to enable it"});
  for (const CapabilityRow& row : capability_rows(capabilities))
    table.add_row({row.analysis, row.supported ? "yes" : "no", row.evidence, row.hint});
  table.print(std::cout);
}

void write_capabilities_json(JsonWriter& json, const structure::NetworkCapabilities& capabilities) {
  json.begin_array();
  for (const CapabilityRow& row : capability_rows(capabilities)) {
    json.begin_object().key("analysis").value(row.analysis).key("supported").value(row.supported);
    json.key("evidence").value(row.evidence).key("hint").value(row.hint).end_object();
  }
  json.end_array();
}

}  // namespace firmnet::cli

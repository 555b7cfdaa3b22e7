#include "algorithms/risk/essentiality.hpp"

#include <charconv>
#include <cmath>

#include "graph/errors.hpp"
#include "graph/industry_code.hpp"

namespace firmnet::risk {
namespace {

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '"')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '"' || text.back() == '\r'))
    text.remove_suffix(1);
  return text;
}

bool parse_number(std::string_view text, double& value) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc{} && end == text.data() + text.size();
}

bool is_prefix(std::string_view prefix, std::string_view code) { return code.substr(0, prefix.size()) == prefix; }

}  // namespace

EssentialityTable parse_essentiality_csv(std::string_view text) {
  EssentialityTable table;
  std::size_t line_number = 0;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view line = trimmed(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++line_number;
    if (line.empty()) continue;
    std::vector<std::string_view> fields;
    std::string_view rest = line;
    while (true) {
      const std::size_t comma = rest.find(',');
      fields.push_back(trimmed(rest.substr(0, comma)));
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
    const std::string where = "essentiality table line " + std::to_string(line_number);
    if (fields.size() != 3) throw DataError(where + ": expected 3 fields, found " + std::to_string(fields.size()));
    if (auto rule = essentiality_rule(fields[0], fields[1], fields[2], line_number == 1, where))
      table.rules.push_back(std::move(*rule));
  }
  return table;
}

std::optional<EssentialityRule> essentiality_rule(std::string_view supplier, std::string_view customer,
                                                  std::string_view value_text, bool first_row, const std::string& where) {
  double value = 0;
  value_text = trimmed(value_text);
  if (!parse_number(value_text, value)) {
    if (first_row) return std::nullopt;
    throw DataError(where + ": essential value '" + std::string(value_text) + "' is not a number");
  }
  if (!(value >= 0 && value <= 1)) throw DataError(where + ": essential value must lie in [0, 1]");
  return EssentialityRule{normalised_industry(trimmed(supplier)), normalised_industry(trimmed(customer)), value};
}

double match_essentiality(const EssentialityTable& table, std::string_view supplier, std::string_view customer) {
  const std::string s = normalised_industry(supplier), c = normalised_industry(customer);
  double best = -1;
  std::size_t best_total = 0, best_supplier = 0;
  bool found = false;
  for (const EssentialityRule& rule : table.rules) {
    if (!is_prefix(rule.supplier_industry, s) || !is_prefix(rule.customer_industry, c)) continue;
    const std::size_t total = rule.supplier_industry.size() + rule.customer_industry.size();
    if (!found || total > best_total || (total == best_total && rule.supplier_industry.size() > best_supplier)) {
      found = true;
      best = rule.essential;
      best_total = total;
      best_supplier = rule.supplier_industry.size();
    }
  }
  return best;
}

}  // namespace firmnet::risk

#include "results/result.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace firmnet {

namespace {

const ScalarValue& find_scalar(const std::vector<NamedScalar>& values, const std::string& key, const char* what) {
  for (const auto& [k, v] : values)
    if (k == key) return v;
  throw std::out_of_range(std::string("result has no ") + what + " '" + key + "'");
}

}  // namespace

std::size_t ResultTable::rows() const { return columns.empty() ? 0 : columns.front().size(); }

const ExtraColumn* ResultTable::find(std::string_view column) const {
  for (const auto& c : columns)
    if (c.name == column) return &c;
  return nullptr;
}

const ExtraColumn& ResultTable::column(std::string_view column) const {
  if (const ExtraColumn* c = find(column)) return *c;
  throw std::out_of_range("table '" + name + "' has no column '" + std::string(column) + "'");
}

void Result::add_column(std::string column, std::vector<double> values) {
  node_columns.push_back({std::move(column), std::move(values)});
}
void Result::add_column(std::string column, std::vector<std::int64_t> values) {
  node_columns.push_back({std::move(column), std::move(values)});
}
const ScalarValue& Result::parameter(const std::string& key) const { return find_scalar(parameters, key, "parameter"); }
const ScalarValue& Result::scalar(const std::string& key) const { return find_scalar(scalars, key, "scalar"); }
const ExtraColumn& Result::column(const std::string& name) const {
  for (const auto& c : node_columns)
    if (c.name == name) return c;
  throw std::out_of_range("result '" + this->name + "' has no column '" + name + "'");
}
const ResultTable* Result::find_table(std::string_view table) const {
  for (const auto& t : tables)
    if (t.name == table) return &t;
  return nullptr;
}

std::string scalar_text(const ScalarValue& value) {
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return std::to_string(*integer);
  const double v = std::get<double>(value);
  if (!std::isfinite(v)) return "–";
  char buf[64];
  if (v == std::round(v) && std::fabs(v) < 1e12) std::snprintf(buf, sizeof buf, "%.0f", v);
  else std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

ExtraColumn text_column(std::string name, const std::vector<std::string>& values) {
  StringColumnBuilder builder;
  for (const auto& v : values) builder.push_back(v);
  return {std::move(name), std::move(builder).finish()};
}

}  // namespace firmnet

#include "algorithms/spatial/concentration_verifier.hpp"

#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace firmnet::spatial {

namespace {

/// The first `level` UTF-8 code points of code (all of it for level 0).
std::string leading_code_points(std::string_view code, int level) {
  if (level <= 0) return std::string(code);
  std::string kept;
  int points = 0;
  for (char byte : code) {
    const bool starts_point = (static_cast<unsigned char>(byte) >> 6) != 0b10;
    if (starts_point && ++points > level) break;
    kept += byte;
  }
  return kept;
}

struct Cell {
  double size = 0;
  std::uint64_t firms = 0;
};

}  // namespace

Verification verify_concentration(const NodeTable& nodes, const ConcentrationOutcome& outcome,
                                  const UnitTotals* totals) {
  Verification out;
  const ConcentrationData& data = outcome.data;
  std::map<std::string, double> official;
  if (totals)
    for (const auto& [unit, size] : *totals) official[unit] = size;
  const StringColumn& unit_column = data.unit == SpatialUnit::region ? nodes.region : nodes.park;
  const bool employment = data.measure == SizeMeasure::employees;

  std::map<std::string, double> unit_size, industry_size;
  std::map<std::string, std::vector<double>> firm_sizes;  // industry -> sizes of its firms
  std::map<std::pair<std::string, std::string>, Cell> cells;  // (industry, unit)
  std::uint64_t in_scope = 0;
  double total = 0;
  for (std::size_t v = 0; v < nodes.size(); ++v) {
    if (nodes.kind[v] != NodeKind::firm || unit_column.missing(v) || nodes.industry.missing(v)) continue;
    const double employees = nodes.employees[v];
    if (employment && !(std::isfinite(employees) && employees >= 0)) continue;
    const double size = employment ? employees : 1.0;
    const std::string unit(unit_column.value(v));
    if (totals && !official.count(unit)) continue;
    const std::string industry = leading_code_points(nodes.industry.value(v), data.industry_level);
    ++in_scope;
    total += size;
    unit_size[unit] += size;
    industry_size[industry] += size;
    firm_sizes[industry].push_back(size);
    Cell& cell = cells[{industry, unit}];
    cell.size += size;
    ++cell.firms;
  }
  if (totals) {
    unit_size = official;
    total = 0;
    for (const auto& [unit, size] : official) total += size;
  }

  if (in_scope != data.scope.in_scope)
    out.fail("firms in scope: reported " + std::to_string(data.scope.in_scope) + ", recounted " +
             std::to_string(in_scope));
  std::vector<std::string> units, industries;
  for (const auto& [name, size] : unit_size) units.push_back(name);
  for (const auto& [name, size] : industry_size) industries.push_back(name);
  if (units != data.unit_names || industries != data.industry_names ||
      outcome.location_quotient.size() != data.cell_unit.size() ||
      outcome.ellison_glaeser.size() != data.industry_count() || data.cell_offsets.size() != industries.size() + 1) {
    out.fail("units, industries or index vectors differ from the recount (" + std::to_string(units.size()) +
             " units, " + std::to_string(industries.size()) + " industries recounted)");
    return out;
  }

  // Location quotients of the stored cells, and the stored cells against the recounted ones.
  std::size_t cells_seen = 0;
  for (std::size_t i = 0; i < industries.size(); ++i)
    for (std::uint64_t c = data.cell_offsets[i]; c < data.cell_offsets[i + 1]; ++c, ++cells_seen) {
      const std::string& unit = units.at(data.cell_unit[c]);
      const std::string where = "cell (" + unit + ", " + industries[i] + ")";
      const auto found = cells.find({industries[i], unit});
      if (found == cells.end()) {
        out.fail(where + " is stored but holds no firm");
        continue;
      }
      if (found->second.firms != data.cell_firms[c])
        out.fail(where + " firms: reported " + std::to_string(data.cell_firms[c]) + ", recounted " +
                 std::to_string(found->second.firms));
      out.expect_close(where + " size", data.cell_size[c], found->second.size, 1e-9);
      const double e_r = unit_size[unit], e_i = industry_size[industries[i]];
      const double lq = e_r > 0 && e_i > 0 && total > 0 ? (found->second.size / e_r) / (e_i / total) : std::nan("");
      out.expect_close("LQ of " + where, outcome.location_quotient[c], lq, 1e-9);
    }
  if (cells_seen != cells.size())
    out.fail(std::to_string(cells_seen) + " cells stored, " + std::to_string(cells.size()) + " recounted");

  // Ellison-Glaeser, dense over all units.
  double sum_x_squared = 0;
  std::uint64_t positive_units = 0;
  for (const auto& [unit, e_j] : unit_size) {
    if (total > 0) sum_x_squared += (e_j / total) * (e_j / total);
    positive_units += e_j > 0;
  }
  for (std::size_t i = 0; i < industries.size(); ++i) {
    const std::string& industry = industries[i];
    const double e_i = industry_size[industry];
    double G = std::nan(""), H = std::nan(""), gamma = std::nan("");
    if (total > 0 && e_i > 0) {
      G = 0;
      for (const auto& [unit, e_j] : unit_size) {
        const auto cell = cells.find({industry, unit});
        const double s = cell == cells.end() ? 0.0 : cell->second.size / e_i;
        G += (s - e_j / total) * (s - e_j / total);
      }
      H = 0;
      std::uint64_t positive_firms = 0;
      for (double size : firm_sizes[industry]) {
        H += (size / e_i) * (size / e_i);
        positive_firms += size > 0;
      }
      if (positive_units > 1 && positive_firms > 1)
        gamma = (G - (1 - sum_x_squared) * H) / ((1 - sum_x_squared) * (1 - H));
    }
    const EllisonGlaeser& eg = outcome.ellison_glaeser[i];
    out.expect_close("G of " + industry, eg.G, G, 1e-9, 1e-12);
    out.expect_close("H of " + industry, eg.H, H, 1e-9, 1e-12);
    out.expect_close("gamma of " + industry, eg.gamma, gamma, 1e-9, 1e-9);
  }
  return out;
}

}  // namespace firmnet::spatial

// Aggregation of firms into the unit x industry matrix used by the co-location indices.
// See concentration_data.hpp for the scope and size-measure rules.
#include "algorithms/spatial/concentration_data.hpp"

#include <algorithm>
#include <cmath>

#include "graph/errors.hpp"

namespace firmnet::spatial {

std::string_view spatial_unit_name(SpatialUnit unit) { return unit == SpatialUnit::region ? "region" : "park"; }

std::optional<SpatialUnit> parse_spatial_unit(std::string_view text) {
  if (text == "region") return SpatialUnit::region;
  if (text == "park") return SpatialUnit::park;
  return std::nullopt;
}

std::string_view size_measure_name(SizeMeasure measure) {
  switch (measure) {
    case SizeMeasure::automatic: return "auto";
    case SizeMeasure::employees: return "employees";
    case SizeMeasure::firm_count: return "firm_count";
  }
  return "auto";
}

std::optional<SizeMeasure> parse_size_measure(std::string_view text) {
  if (text == "auto") return SizeMeasure::automatic;
  if (text == "employees") return SizeMeasure::employees;
  if (text == "firm_count" || text == "firms") return SizeMeasure::firm_count;
  return std::nullopt;
}

std::string truncate_industry(std::string_view code, int level) {
  if (level <= 0) return std::string(code);
  std::size_t end = 0;
  int points = 0;
  while (end < code.size()) {
    // A code point starts at a byte that is not a UTF-8 continuation byte (10xxxxxx).
    if ((static_cast<unsigned char>(code[end]) & 0xC0) != 0x80 && points++ == level) break;
    ++end;
  }
  return std::string(code.substr(0, end));
}

std::optional<std::uint32_t> ConcentrationData::find_industry(std::string_view name) const {
  auto it = std::lower_bound(industry_names.begin(), industry_names.end(), name);
  if (it == industry_names.end() || *it != name) return std::nullopt;
  return static_cast<std::uint32_t>(it - industry_names.begin());
}

namespace {

bool usable_employees(double e) { return std::isfinite(e) && e >= 0; }

// Sorted distinct names of the used dictionary codes, and a code -> index map (-1 unused).
std::vector<std::string> index_names(const std::vector<std::string>& code_names, const std::vector<bool>& used,
                                     std::vector<std::int64_t>& index_of_code) {
  std::vector<std::string> names;
  for (std::size_t c = 0; c < code_names.size(); ++c)
    if (used[c]) names.push_back(code_names[c]);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  index_of_code.assign(code_names.size(), -1);
  for (std::size_t c = 0; c < code_names.size(); ++c)
    if (used[c])
      index_of_code[c] = std::lower_bound(names.begin(), names.end(), code_names[c]) - names.begin();
  return names;
}

struct FirmEntry {
  std::uint32_t industry, unit;
  double size;
};

// Unit names of the totals, sorted, with their sizes; checks that each unit appears once with
// a finite size >= 0.
UnitTotals sorted_totals(const UnitTotals& totals) {
  UnitTotals sorted = totals;
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t k = 0; k < sorted.size(); ++k) {
    if (k > 0 && sorted[k].first == sorted[k - 1].first)
      throw DataError("unit totals name '" + sorted[k].first + "' twice");
    if (!usable_employees(sorted[k].second))
      throw DataError("unit total of '" + sorted[k].first + "' is not a finite number >= 0");
  }
  return sorted;
}

}  // namespace

ConcentrationData build_concentration_data(const NodeTable& nodes, SpatialUnit unit, int industry_level,
                                           SizeMeasure requested, const UnitTotals* totals) {
  if (industry_level < 0) throw UsageError("industry level must be 0 (full code) or a positive number of characters");
  if (totals && requested == SizeMeasure::firm_count)
    throw UsageError("unit totals are employment, so the size measure must be employment, not firm counts");
  ConcentrationData data;
  data.unit = unit;
  data.industry_level = industry_level;
  const StringColumn& unit_column = unit == SpatialUnit::region ? nodes.region : nodes.park;
  const StringColumn& industry_column = nodes.industry;
  const std::size_t n = nodes.size();

  // Truncated industry of each industry dictionary code.
  std::vector<std::string> truncated(industry_column.dictionary.size());
  for (std::size_t c = 0; c < truncated.size(); ++c)
    truncated[c] = truncate_industry(industry_column.dictionary[c], industry_level);

  // With external totals: the index of each unit dictionary code in the totals, or -1.
  UnitTotals table;
  std::vector<std::int64_t> total_of_code;
  if (totals) {
    data.external_totals = true;
    table = sorted_totals(*totals);
    total_of_code.assign(unit_column.dictionary.size(), -1);
    for (std::size_t c = 0; c < total_of_code.size(); ++c) {
      const auto it = std::lower_bound(table.begin(), table.end(), unit_column.dictionary[c],
                                       [](const auto& entry, const std::string& name) { return entry.first < name; });
      if (it != table.end() && it->first == unit_column.dictionary[c]) total_of_code[c] = it - table.begin();
    }
  }
  auto has_total = [&](std::size_t v) { return !totals || total_of_code[unit_column.codes[v]] >= 0; };
  std::vector<UnitWithoutTotal> without_total(totals ? unit_column.dictionary.size() : 0);

  // Pass 1: classify firms and decide the measure.
  ScopeCounts& scope = data.scope;
  bool all_employees = true;
  double employee_total = 0;
  for (std::size_t v = 0; v < n; ++v) {
    if (nodes.kind[v] != NodeKind::firm) continue;
    ++scope.firms;
    const bool has_unit = !unit_column.missing(v), has_industry = !industry_column.missing(v);
    if (!has_unit || !has_industry) {
      scope.missing_both += !has_unit && !has_industry;
      scope.missing_unit += !has_unit && has_industry;
      scope.missing_industry += has_unit && !has_industry;
      continue;
    }
    if (!has_total(v)) {
      ++scope.missing_total;
      UnitWithoutTotal& u = without_total[unit_column.codes[v]];
      ++u.firms;
      if (usable_employees(nodes.employees[v])) u.size += nodes.employees[v];
      continue;
    }
    if (usable_employees(nodes.employees[v]))
      employee_total += nodes.employees[v];
    else {
      ++scope.missing_employees;
      all_employees = false;
    }
  }
  const bool use_employees = requested == SizeMeasure::employees || totals ||
                             (requested == SizeMeasure::automatic && all_employees && employee_total > 0);
  data.measure = use_employees ? SizeMeasure::employees : SizeMeasure::firm_count;
  if (use_employees) scope.excluded_missing_employees = scope.missing_employees;
  for (std::size_t c = 0; c < without_total.size(); ++c)
    if (without_total[c].firms > 0) {
      without_total[c].name = unit_column.dictionary[c];
      data.units_without_total.push_back(std::move(without_total[c]));
    }
  std::sort(data.units_without_total.begin(), data.units_without_total.end(),
            [](const UnitWithoutTotal& a, const UnitWithoutTotal& b) { return a.name < b.name; });

  // Pass 2: in-scope firms with their size.
  auto in_scope = [&](std::size_t v) {
    return nodes.kind[v] == NodeKind::firm && !unit_column.missing(v) && !industry_column.missing(v) &&
           has_total(v) && (!use_employees || usable_employees(nodes.employees[v]));
  };
  std::vector<bool> unit_used(unit_column.dictionary.size(), false), industry_used(truncated.size(), false);
  for (std::size_t v = 0; v < n; ++v)
    if (in_scope(v)) {
      unit_used[unit_column.codes[v]] = true;
      industry_used[industry_column.codes[v]] = true;
    }
  std::vector<std::int64_t> unit_of_code, industry_of_code;
  if (totals) {
    for (const auto& [name, size] : table) data.unit_names.push_back(name);
    unit_of_code = total_of_code;
  } else {
    data.unit_names = index_names(unit_column.dictionary, unit_used, unit_of_code);
  }
  data.industry_names = index_names(truncated, industry_used, industry_of_code);

  std::vector<FirmEntry> firms;
  for (std::size_t v = 0; v < n; ++v)
    if (in_scope(v))
      firms.push_back({static_cast<std::uint32_t>(industry_of_code[industry_column.codes[v]]),
                       static_cast<std::uint32_t>(unit_of_code[unit_column.codes[v]]),
                       use_employees ? nodes.employees[v] : 1.0});
  scope.in_scope = firms.size();
  // Stable: sums within a cell run in node order, so results do not depend on the sort.
  std::stable_sort(firms.begin(), firms.end(), [](const FirmEntry& a, const FirmEntry& b) {
    return a.industry != b.industry ? a.industry < b.industry : a.unit < b.unit;
  });

  const std::size_t units = data.unit_names.size(), industries = data.industry_names.size();
  data.unit_size.assign(units, 0.0);
  data.unit_firms.assign(units, 0);
  data.industry_size.assign(industries, 0.0);
  data.industry_firms.assign(industries, 0);
  data.industry_positive_firms.assign(industries, 0);
  data.industry_size_squares.assign(industries, 0.0);
  data.cell_offsets.assign(industries + 1, 0);
  for (std::size_t k = 0; k < firms.size(); ++k) {
    const FirmEntry& f = firms[k];
    if (k == 0 || f.industry != firms[k - 1].industry || f.unit != firms[k - 1].unit) {
      data.cell_unit.push_back(f.unit);
      data.cell_size.push_back(0.0);
      data.cell_firms.push_back(0);
      ++data.cell_offsets[f.industry + 1];
    }
    data.cell_size.back() += f.size;
    ++data.cell_firms.back();
    data.unit_size[f.unit] += f.size;
    ++data.unit_firms[f.unit];
    data.industry_size[f.industry] += f.size;
    ++data.industry_firms[f.industry];
    data.industry_positive_firms[f.industry] += f.size > 0;
    data.industry_size_squares[f.industry] += f.size * f.size;
  }
  for (std::size_t i = 0; i < industries; ++i) data.cell_offsets[i + 1] += data.cell_offsets[i];

  if (totals)
    for (std::uint32_t r = 0; r < units; ++r) {
      if (data.unit_size[r] > table[r].second) data.units_above_total.push_back(r);
      data.unit_size[r] = table[r].second;
    }
  for (double e : data.unit_size) {
    data.total_size += e;
    data.positive_units += e > 0;
  }
  if (data.total_size > 0)
    for (double e : data.unit_size) data.sum_x_squared += (e / data.total_size) * (e / data.total_size);
  return data;
}

}  // namespace firmnet::spatial

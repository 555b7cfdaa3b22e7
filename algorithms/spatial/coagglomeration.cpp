// Ellison-Glaeser (1997) coagglomeration gamma_c of a group of industries (docs/concentration.md).
#include "algorithms/spatial/coagglomeration.hpp"

#include <algorithm>
#include <cmath>

#include "graph/errors.hpp"

namespace firmnet::spatial {
namespace {

// The group's combined cells: unit and summed size, units ascending. O(cells log cells).
void group_cells(const ConcentrationData& data, std::span<const std::uint32_t> group, std::vector<std::uint32_t>& units,
                 std::vector<double>& sizes) {
  std::vector<std::pair<std::uint32_t, double>> cells;
  for (std::uint32_t i : group)
    for (std::uint64_t c = data.cell_offsets[i]; c < data.cell_offsets[i + 1]; ++c)
      cells.emplace_back(data.cell_unit[c], data.cell_size[c]);
  std::stable_sort(cells.begin(), cells.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  units.clear();
  sizes.clear();
  for (const auto& [unit, size] : cells) {
    if (units.empty() || units.back() != unit) {
      units.push_back(unit);
      sizes.push_back(0.0);
    }
    sizes.back() += size;
  }
}

Coagglomeration evaluate(const ConcentrationData& data, std::span<const EllisonGlaeser> per_industry,
                         std::span<const std::uint32_t> group, const std::vector<std::uint32_t>& units,
                         const std::vector<double>& sizes) {
  Coagglomeration out;
  out.industries.assign(group.begin(), group.end());
  for (std::uint32_t i : group) out.size += data.industry_size[i];
  if (!(data.total_size > 0) || !(out.size > 0)) {
    out.G = out.H = out.gamma_c = NAN;
    out.degeneracy = Degeneracy::no_size;
    return out;
  }
  out.G = raw_geographic_concentration(data, units.data(), sizes.data(), units.size(), out.size);
  const double spread = 1 - data.sum_x_squared;
  double sum_w_squared = 0, own_agglomeration = 0;
  std::size_t positive_industries = 0;
  for (std::uint32_t i : group) {
    const double e_i = data.industry_size[i];
    if (!(e_i > 0)) continue;  // w_i = 0: no term
    ++positive_industries;
    const double w = e_i / out.size, H_i = per_industry[i].H;
    sum_w_squared += w * w;
    out.H += w * w * H_i;
    // gamma_i (1 - H_i), with the H_i = 1 limit G_i / (1 - sum x^2) - H_i (see header).
    const double gamma_weight = std::isfinite(per_industry[i].gamma) ? per_industry[i].gamma * (1 - H_i)
                                                                     : per_industry[i].G / spread - H_i;
    own_agglomeration += gamma_weight * w * w;
  }
  if (data.positive_units <= 1)
    out.degeneracy = Degeneracy::single_unit;
  else if (positive_industries <= 1)
    out.degeneracy = Degeneracy::single_industry;
  out.gamma_c = out.degeneracy == Degeneracy::none
                    ? (out.G / spread - out.H - own_agglomeration) / (1 - sum_w_squared)
                    : NAN;
  return out;
}

}  // namespace

Coagglomeration coagglomeration(const ConcentrationData& data, std::span<const EllisonGlaeser> per_industry,
                                std::span<const std::uint32_t> group) {
  if (group.size() < 2) throw UsageError("a coagglomeration group needs at least two industries");
  std::vector<std::uint32_t> sorted(group.begin(), group.end());
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
    throw UsageError("a coagglomeration group lists an industry twice");
  std::vector<std::uint32_t> units;
  std::vector<double> sizes;
  group_cells(data, group, units, sizes);
  return evaluate(data, per_industry, group, units, sizes);
}

std::vector<Coagglomeration> pairwise_coagglomeration(const ConcentrationData& data,
                                                      std::span<const EllisonGlaeser> per_industry,
                                                      std::span<const std::uint32_t> industries) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  for (std::size_t a = 0; a < industries.size(); ++a)
    for (std::size_t b = a + 1; b < industries.size(); ++b) pairs.emplace_back(industries[a], industries[b]);
  std::vector<Coagglomeration> out(pairs.size());
  const auto count = static_cast<std::int64_t>(pairs.size());
#pragma omp parallel
  {
    std::vector<std::uint32_t> units;
    std::vector<double> sizes;
#pragma omp for schedule(dynamic, 16)
    for (std::int64_t p = 0; p < count; ++p) {
      const std::uint32_t group[2] = {pairs[p].first, pairs[p].second};
      group_cells(data, group, units, sizes);
      out[p] = evaluate(data, per_industry, group, units, sizes);
    }
  }
  return out;
}

}  // namespace firmnet::spatial

#include "algorithms/evolution/event_study.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "graph/errors.hpp"
#include "graph/random.hpp"

namespace firmnet::evolution {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::uint64_t kBootstrapStream = 0x65766e74;  // "evnt": the bootstrap's Rng stream

using Outcome = double (*)(const UnitYear&);
const std::array<std::pair<const char*, Outcome>, 3> kOutcomes = {{
    {"ratio", [](const UnitYear& r) { return r.ratio; }},
    {"vertical_share", [](const UnitYear& r) { return r.vertical_share; }},
    {"internal_links", [](const UnitYear& r) { return static_cast<double>(r.internal_links); }},
}};

struct Delta {
  std::size_t unit;
  double change;  // Y_y - Y_b
};

// One (park, year) cell of one outcome.
struct Cell {
  std::size_t unit;
  int year;
  bool after;
  double treated_change;
  std::vector<Delta> comparison;
};

class Panel {
 public:
  explicit Panel(const std::vector<UnitYear>& rows) {
    for (const UnitYear& row : rows) at_[{row.unit, row.year}] = &row;
  }
  const UnitYear* find(std::size_t unit, int year) const {
    const auto it = at_.find({unit, year});
    return it == at_.end() ? nullptr : it->second;
  }
  // Y_y - Y_b of the unit, NaN when either is missing or not finite.
  double change(std::size_t unit, int year, int base, Outcome outcome) const {
    const UnitYear* now = find(unit, year);
    const UnitYear* before = find(unit, base);
    if (!now || !before) return kNaN;
    const double d = outcome(*now) - outcome(*before);
    return std::isfinite(d) ? d : kNaN;
  }

 private:
  std::map<std::pair<std::size_t, int>, const UnitYear*> at_;
};

bool not_yet(int established, int year) { return established == 0 || established > year; }

// The weighted effect over cells of one period (weights per unit; all 1 for the estimate).
// Returns NaN when no cell has a treated weight and a comparison weight.
double weighted_effect(const std::vector<Cell>& cells, bool after, const std::vector<double>& weight) {
  double sum = 0, total = 0;
  for (const Cell& cell : cells) {
    if (cell.after != after || weight[cell.unit] == 0) continue;
    double comparison = 0, comparison_weight = 0;
    for (const Delta& d : cell.comparison) comparison += weight[d.unit] * d.change, comparison_weight += weight[d.unit];
    if (comparison_weight == 0) continue;
    sum += weight[cell.unit] * (cell.treated_change - comparison / comparison_weight);
    total += weight[cell.unit];
  }
  return total > 0 ? sum / total : kNaN;
}

// Linear interpolation between order statistics (Hyndman & Fan 1996, type 7). sorted non-empty.
double quantile(const std::vector<double>& sorted, double probability) {
  const double at = probability * static_cast<double>(sorted.size() - 1);
  const auto low = static_cast<std::size_t>(std::floor(at));
  const std::size_t high = std::min(low + 1, sorted.size() - 1);
  return sorted[low] + (at - static_cast<double>(low)) * (sorted[high] - sorted[low]);
}

}  // namespace

EventStudy event_study(const std::vector<UnitYear>& rows, const std::vector<int>& established,
                       const std::vector<UnitYear>& rest, const EventStudyRequest& request) {
  if (request.bootstrap < 0) throw UsageError("--did-bootstrap must be >= 0");
  if (!(request.level > 0 && request.level < 1)) throw UsageError("the interval level must lie in (0, 1)");
  const Panel panel(rows);
  std::set<std::size_t> units_with_rows;
  std::map<std::size_t, std::vector<int>> years_of;
  for (const UnitYear& row : rows) units_with_rows.insert(row.unit), years_of[row.unit].push_back(row.year);
  std::map<int, const UnitYear*> rest_by_year;
  for (const UnitYear& row : rest) rest_by_year[row.year] = &row;

  // Cells per outcome.
  std::array<std::vector<Cell>, kOutcomes.size()> cells;
  for (std::size_t o = 0; o < kOutcomes.size(); ++o)
    for (const auto& [unit, years] : years_of) {
      const int e = established[unit];
      if (e == 0) continue;
      const int base = e - 1;
      for (const int year : years) {
        if (year == base) continue;
        const double treated = panel.change(unit, year, base, kOutcomes[o].second);
        if (!std::isfinite(treated)) continue;
        Cell cell{unit, year, year >= e, treated, {}};
        for (const std::size_t other : units_with_rows) {
          if (other == unit || !not_yet(established[other], std::max(year, base))) continue;
          const double change = panel.change(other, year, base, kOutcomes[o].second);
          if (std::isfinite(change)) cell.comparison.push_back({other, change});
        }
        cells[o].push_back(std::move(cell));
      }
    }

  // The unweighted effect of each cell with a comparison, by outcome, park and year.
  std::array<std::map<std::pair<std::size_t, int>, double>, kOutcomes.size()> cell_effect;
  for (std::size_t o = 0; o < kOutcomes.size(); ++o)
    for (const Cell& cell : cells[o]) {
      if (cell.comparison.empty()) continue;
      double mean = 0;
      for (const Delta& d : cell.comparison) mean += d.change;
      cell_effect[o][{cell.unit, cell.year}] = cell.treated_change - mean / static_cast<double>(cell.comparison.size());
    }

  EventStudy out;
  // Rows: each established park's years, with the comparison means and the cell effects.
  for (const auto& [unit, years] : years_of) {
    const int e = established[unit];
    if (e == 0) continue;
    for (const int year : years) {
      const UnitYear& row = *panel.find(unit, year);
      EventStudyRow r;
      r.unit = unit;
      r.established = e;
      r.year = year;
      r.relative_year = year - e;
      r.firms = row.firms;
      r.internal_links = row.internal_links;
      r.expected = row.expected;
      r.ratio = row.ratio;
      r.vertical_share = row.vertical_share;
      double ratio_sum = 0, vertical_sum = 0;
      std::uint64_t ratio_n = 0, vertical_n = 0;
      for (const std::size_t other : units_with_rows) {
        if (other == unit || !not_yet(established[other], year)) continue;
        const UnitYear* o = panel.find(other, year);
        if (!o) continue;
        ++r.comparison_parks;
        if (std::isfinite(o->ratio)) ratio_sum += o->ratio, ++ratio_n;
        if (std::isfinite(o->vertical_share)) vertical_sum += o->vertical_share, ++vertical_n;
      }
      r.comparison_ratio = ratio_n ? ratio_sum / ratio_n : kNaN;
      r.comparison_vertical_share = vertical_n ? vertical_sum / vertical_n : kNaN;
      const auto rest_row = rest_by_year.find(year);
      r.rest_ratio = rest_row == rest_by_year.end() ? kNaN : rest_row->second->ratio;
      r.rest_vertical_share = rest_row == rest_by_year.end() ? kNaN : rest_row->second->vertical_share;
      double* did[] = {&r.did_ratio, &r.did_vertical_share, &r.did_internal_links};
      for (std::size_t o = 0; o < kOutcomes.size(); ++o) {
        const auto effect = cell_effect[o].find({unit, year});
        *did[o] = effect == cell_effect[o].end() ? kNaN : effect->second;
      }
      out.rows.push_back(r);
    }
  }

  // Estimates and the cluster bootstrap over parks.
  const std::vector<std::size_t> pool(units_with_rows.begin(), units_with_rows.end());
  const std::size_t unit_count = established.size();
  const std::vector<double> ones(unit_count, 1.0);
  std::array<std::array<std::vector<double>, 2>, kOutcomes.size()> replicates;
  Rng rng(derive_seed(request.seed, kBootstrapStream));
  std::vector<double> weight(unit_count);
  for (int b = 0; b < request.bootstrap && !pool.empty(); ++b) {
    std::fill(weight.begin(), weight.end(), 0.0);
    for (std::size_t i = 0; i < pool.size(); ++i) weight[pool[rng.below(pool.size())]] += 1;
    for (std::size_t o = 0; o < kOutcomes.size(); ++o)
      for (int period = 0; period < 2; ++period) {
        const double value = weighted_effect(cells[o], period == 0, weight);
        if (std::isfinite(value)) replicates[o][period].push_back(value);
      }
  }
  const double tail = (1 - request.level) / 2;
  for (std::size_t o = 0; o < kOutcomes.size(); ++o)
    for (int period = 0; period < 2; ++period) {
      DidEstimate estimate;
      estimate.outcome = kOutcomes[o].first;
      estimate.period = period == 0 ? kDidAfter : kDidBefore;
      estimate.estimate = weighted_effect(cells[o], period == 0, ones);
      std::set<std::size_t> treated, comparison;
      for (const Cell& cell : cells[o]) {
        if (cell.after != (period == 0) || cell.comparison.empty()) continue;
        ++estimate.cells;
        treated.insert(cell.unit);
        for (const Delta& d : cell.comparison) comparison.insert(d.unit);
      }
      estimate.treated_parks = treated.size();
      estimate.comparison_parks = comparison.size();
      std::vector<double>& values = replicates[o][period];
      estimate.replicates = static_cast<int>(values.size());
      std::sort(values.begin(), values.end());
      estimate.lower = values.empty() ? kNaN : quantile(values, tail);
      estimate.upper = values.empty() ? kNaN : quantile(values, 1 - tail);
      out.estimates.push_back(estimate);
    }
  return out;
}

}  // namespace firmnet::evolution

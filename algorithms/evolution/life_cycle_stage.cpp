#include "algorithms/evolution/life_cycle_stage.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "graph/errors.hpp"
#include "graph/verification.hpp"

namespace firmnet::evolution {
namespace {

double change(std::uint64_t now, std::uint64_t before) {
  return (static_cast<double>(now) - static_cast<double>(before)) / std::max<double>(static_cast<double>(before), 1.0);
}

std::string percent(double x) {
  const long rounded = std::lround(100 * x);
  return (rounded > 0 ? "+" : "") + std::to_string(rounded) + "%";
}

}  // namespace

void validate(const StageRules& rules) {
  if (rules.lookback < 1) throw UsageError("the stage lookback must be at least 1 snapshot");
  if (!(rules.linked_ratio >= 0) || !(rules.growth_rate >= 0) || !(rules.decline_rate >= 0))
    throw UsageError("stage thresholds must be numbers >= 0");
}

void assign_stages(std::vector<UnitYear>& rows, const StageRules& rules) {
  validate(rules);
  std::vector<std::size_t> order(rows.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return rows[a].unit != rows[b].unit ? rows[a].unit < rows[b].unit : rows[a].year < rows[b].year;
  });
  std::size_t start = 0;
  bool linked_before = false;
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (i == 0 || rows[order[i]].unit != rows[order[i - 1]].unit) start = i, linked_before = false;
    UnitYear& row = rows[order[i]];
    const std::size_t back = i - std::min<std::size_t>(i - start, static_cast<std::size_t>(rules.lookback));
    const UnitYear& before = rows[order[back]];
    const double firm_change = change(row.firms, before.firms), link_change = change(row.internal_links, before.internal_links);
    const bool linked = row.internal_links >= rules.min_links && row.ratio >= rules.linked_ratio;
    const std::string numbers = "firms " + std::to_string(row.firms) + " (" + percent(firm_change) + " since " +
                                std::to_string(before.year) + "), internal links " + std::to_string(row.internal_links) +
                                " (" + percent(link_change) + "), observed/expected " + number_text(std::round(row.ratio * 100) / 100);
    if (linked_before && (firm_change <= -rules.decline_rate || link_change <= -rules.decline_rate)) {
      row.stage = kDecline;
      row.reason = "was linked; firms or internal links fell by at least " + percent(rules.decline_rate).substr(1) + ": " + numbers;
    } else if (!linked) {
      row.stage = kEmbryonic;
      row.reason = "not linked (needs " + std::to_string(rules.min_links) + " internal links and observed/expected >= " +
                   number_text(rules.linked_ratio) + "): " + numbers;
    } else if (firm_change >= rules.growth_rate || link_change >= rules.growth_rate) {
      row.stage = kGrowth;
      row.reason = "linked; firms or internal links rose by at least " + percent(rules.growth_rate).substr(1) + ": " + numbers;
    } else {
      row.stage = kMaturity;
      row.reason = "linked and stable: " + numbers;
    }
    linked_before = linked_before || linked;
  }
}

}  // namespace firmnet::evolution

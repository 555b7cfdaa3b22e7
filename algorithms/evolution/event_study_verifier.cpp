#include "algorithms/evolution/event_study_verifier.hpp"

#include <cmath>
#include <string>

namespace firmnet::evolution {
namespace {

// The value of a field of unit's row in year, NaN without such a row.
double value_of(const std::vector<UnitYear>& rows, std::size_t unit, int year, bool links) {
  for (const UnitYear& row : rows)
    if (row.unit == unit && row.year == year) return links ? static_cast<double>(row.internal_links) : row.ratio;
  return std::nan("");
}

// ATT(p, y) straight from the definition; NaN when undefined.
double cell(const std::vector<UnitYear>& rows, const std::vector<int>& established, std::size_t park, int year, bool links) {
  const int base = established[park] - 1;
  const double treated = value_of(rows, park, year, links) - value_of(rows, park, base, links);
  if (year == base || !std::isfinite(treated)) return std::nan("");
  double sum = 0;
  int count = 0;
  for (std::size_t c = 0; c < established.size(); ++c) {
    const int later = year > base ? year : base;
    if (c == park || (established[c] != 0 && established[c] <= later)) continue;
    const double change = value_of(rows, c, year, links) - value_of(rows, c, base, links);
    if (std::isfinite(change)) sum += change, ++count;
  }
  return count ? treated - sum / count : std::nan("");
}

}  // namespace

Verification verify_event_study(const std::vector<UnitYear>& rows, const std::vector<int>& established,
                                const EventStudy& study) {
  Verification v;
  for (const EventStudyRow& r : study.rows) {
    const std::string where = "park " + std::to_string(r.unit) + " " + std::to_string(r.year);
    if (r.relative_year != r.year - established[r.unit]) v.fail(where + ": relative year " + std::to_string(r.relative_year));
    std::uint64_t comparison = 0;
    for (std::size_t c = 0; c < established.size(); ++c)
      comparison += c != r.unit && (established[c] == 0 || established[c] > r.year) &&
                    !std::isnan(value_of(rows, c, r.year, true));
    if (comparison != r.comparison_parks)
      v.fail(where + ": " + std::to_string(r.comparison_parks) + " comparison parks, recounted " + std::to_string(comparison));
    v.expect_close(where + " cell effect on the ratio", r.did_ratio, cell(rows, established, r.unit, r.year, false), 1e-9, 1e-12);
    v.expect_close(where + " cell effect on internal links", r.did_internal_links,
                   cell(rows, established, r.unit, r.year, true), 1e-9, 1e-12);
  }
  for (const DidEstimate& e : study.estimates) {
    if (e.outcome != "ratio" && e.outcome != "internal_links") continue;
    double sum = 0;
    std::uint64_t cells = 0;
    for (const EventStudyRow& r : study.rows) {
      const double effect = e.outcome == "ratio" ? r.did_ratio : r.did_internal_links;
      const bool in_period = e.period == kDidAfter ? r.relative_year >= 0 : r.relative_year <= -2;
      if (in_period && std::isfinite(effect)) sum += effect, ++cells;
    }
    const std::string where = e.outcome + " " + e.period;
    if (cells != e.cells) v.fail(where + ": " + std::to_string(e.cells) + " cells, recounted " + std::to_string(cells));
    v.expect_close(where + " estimate", e.estimate, cells ? sum / static_cast<double>(cells) : std::nan(""), 1e-9, 1e-12);
    if (e.lower > e.upper) v.fail(where + ": interval bounds out of order");
  }
  return v;
}

}  // namespace firmnet::evolution

#include "algorithms/evolution/park_verdict_trajectory.hpp"

#include <cmath>
#include <limits>

#include "algorithms/spatial/multiple_testing.hpp"

namespace firmnet::evolution {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// run_parks's ratio: infinite when links appear where none are expected.
double ratio_of(double observed, double expected) {
  return expected > 0 ? observed / expected : (observed > 0 ? INFINITY : kNaN);
}

bool tested(const UnitYear& row, const spatial::VerdictRules& rules) {
  return row.firms >= rules.min_firms && row.link_ends >= rules.min_links;
}

// The snapshot rows [begin, end): q-values across its tested units, then the verdicts.
void decide_snapshot(std::vector<UnitYear>& rows, std::size_t begin, std::size_t end, const spatial::VerdictRules& rules,
                     std::string_view null_name) {
  std::vector<double> p, vertical_p;
  for (std::size_t i = begin; i < end; ++i) {
    p.push_back(tested(rows[i], rules) ? rows[i].p : kNaN);
    vertical_p.push_back(tested(rows[i], rules) ? rows[i].vertical_p : kNaN);
  }
  const std::vector<double> q = spatial::benjamini_hochberg(p), vertical_q = spatial::benjamini_hochberg(vertical_p);
  for (std::size_t i = begin; i < end; ++i) {
    UnitYear& row = rows[i];
    row.q = q[i - begin];
    row.vertical_q = vertical_q[i - begin];
    spatial::UnitReport report;
    report.firms = row.firms;
    report.members = row.members;
    report.link_ends = row.link_ends;
    report.share_external = row.link_ends > 0 ? static_cast<double>(row.region_external_ends) / row.link_ends : kNaN;
    report.internal_links = row.internal_links;
    report.vertical_links = row.vertical_links;
    report.horizontal_links = row.horizontal_links;
    report.vertical_share = row.vertical_share;
    report.expected_analytic = row.expected;
    report.degree_ratio = ratio_of(static_cast<double>(row.internal_links), row.expected);
    report.null_mean = row.null_mean;
    report.null_sd = row.null_sd;
    report.z = row.z;
    report.ratio = ratio_of(static_cast<double>(row.internal_links), row.null_mean);
    report.p = row.p;
    report.q = row.q;
    report.vertical_null_mean = row.vertical_null_mean;
    report.vertical_p = row.vertical_p;
    report.vertical_q = row.vertical_q;
    report.tested = tested(row, rules);
    spatial::decide_verdict(report, rules, false, null_name);
    row.verdict = std::move(report.verdict);
    row.verdict_reason = std::move(report.reason);
  }
}

}  // namespace

void assign_verdicts(std::vector<UnitYear>& rows, const spatial::VerdictRules& rules, bool sampled,
                     std::string_view null_name) {
  if (!sampled) {
    for (UnitYear& row : rows) {
      row.q = row.vertical_q = kNaN;
      row.verdict = kVerdictUntested;
      row.verdict_reason = "no null replicates (--null-models 0)";
    }
    return;
  }
  std::size_t begin = 0;
  for (std::size_t i = 1; i <= rows.size(); ++i)
    if (i == rows.size() || rows[i].year != rows[begin].year) {
      decide_snapshot(rows, begin, i, rules, null_name);
      begin = i;
    }
}

}  // namespace firmnet::evolution

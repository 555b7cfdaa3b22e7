// The co-location index suite and its stored result layout (docs/concentration.md).
#include "algorithms/spatial/concentration.hpp"

#include <algorithm>
#include <cmath>

#include "algorithms/spatial/herfindahl.hpp"
#include "algorithms/spatial/location_quotient.hpp"
#include "algorithms/spatial/locational_gini.hpp"
#include "graph/errors.hpp"

namespace firmnet::spatial {
namespace {

// Industries with at least min_firms firms, the `limit` largest by size (ties by name).
std::vector<std::uint32_t> pair_candidates(const ConcentrationData& data, std::uint64_t min_firms, std::size_t limit) {
  std::vector<std::uint32_t> candidates;
  for (std::uint32_t i = 0; i < data.industry_count(); ++i)
    if (data.industry_firms[i] >= min_firms) candidates.push_back(i);
  std::stable_sort(candidates.begin(), candidates.end(), [&](std::uint32_t a, std::uint32_t b) {
    return data.industry_size[a] > data.industry_size[b];
  });
  if (candidates.size() > limit) candidates.resize(limit);
  return candidates;
}

}  // namespace

ConcentrationReport analyze_concentration(const NodeTable& nodes, const ConcentrationOptions& options) {
  ConcentrationReport report;
  options.progress.report("concentration", 0.0);
  report.data = build_concentration_data(nodes, options.unit, options.industry_level, options.measure);
  const ConcentrationData& data = report.data;
  std::vector<std::uint32_t> group;
  for (const auto& name : options.group) {
    const auto i = data.find_industry(truncate_industry(name, options.industry_level));
    if (!i) throw UsageError("industry '" + name + "' of the group has no firm in scope");
    group.push_back(*i);
  }
  options.progress.report("concentration", 0.3);
  report.location_quotient = location_quotients(data);
  report.ellison_glaeser = ellison_glaeser(data);
  report.gini = locational_gini(data, report.location_quotient);
  report.hhi_units = herfindahl_of_units(data);
  report.hhi_firms = herfindahl_of_firms(data);
  options.progress.report("concentration", 0.6);
  report.pairs = pairwise_coagglomeration(data, report.ellison_glaeser,
                                          pair_candidates(data, options.min_firms, options.pair_industries));
  std::stable_sort(report.pairs.begin(), report.pairs.end(), [](const Coagglomeration& a, const Coagglomeration& b) {
    return std::isnan(b.gamma_c) ? !std::isnan(a.gamma_c) : a.gamma_c > b.gamma_c;
  });
  if (!group.empty()) report.group = coagglomeration(data, report.ellison_glaeser, group);
  options.progress.report("concentration", 1.0);
  return report;
}

}  // namespace firmnet::spatial

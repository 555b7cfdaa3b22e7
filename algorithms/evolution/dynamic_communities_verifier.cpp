#include "algorithms/evolution/dynamic_communities_verifier.hpp"

#include <algorithm>
#include <iterator>
#include <set>
#include <string>

namespace firmnet::evolution {

Verification verify_tracking(const std::vector<std::vector<std::int64_t>>& memberships, const std::vector<int>& years,
                             const TrackingRules& rules, const DynamicCommunities& tracked) {
  Verification v;
  for (std::size_t t = 0; t < memberships.size(); ++t) {
    std::set<std::int64_t> labels;
    for (std::int64_t label : memberships[t])
      if (label >= 0 && static_cast<std::size_t>(std::count(memberships[t].begin(), memberships[t].end(), label)) >= rules.min_size)
        labels.insert(label);
    std::set<std::int64_t> found;
    for (const DynamicStep& step : tracked.steps) {
      if (step.year != years[t]) continue;
      if (!found.insert(step.community).second)
        v.fail("year " + std::to_string(years[t]) + ": community " + std::to_string(step.community) + " tracked twice");
      for (std::uint32_t u : step.nodes)
        if (memberships[t][u] != step.community)
          v.fail("year " + std::to_string(years[t]) + ": node " + std::to_string(u) + " is not in community " +
                 std::to_string(step.community));
    }
    if (found != labels)
      v.fail("year " + std::to_string(years[t]) + ": " + std::to_string(found.size()) + " communities tracked, " +
             std::to_string(labels.size()) + " of at least " + std::to_string(rules.min_size) + " nodes");
  }
  const auto step_of = [&](std::int64_t dynamic, int year) -> const DynamicStep* {
    for (const DynamicStep& step : tracked.steps)
      if (step.dynamic == dynamic && step.year == year) return &step;
    return nullptr;
  };
  for (std::size_t t = 1; t < years.size(); ++t)
    for (const DynamicStep& step : tracked.steps) {
      if (step.year != years[t]) continue;
      const DynamicStep* before = step_of(step.dynamic, years[t - 1]);
      if (!before) continue;
      std::vector<std::uint32_t> common;
      std::set_intersection(step.nodes.begin(), step.nodes.end(), before->nodes.begin(), before->nodes.end(),
                            std::back_inserter(common));
      const double jaccard = static_cast<double>(common.size()) / (step.nodes.size() + before->nodes.size() - common.size());
      if (jaccard < rules.threshold)
        v.fail("dynamic community " + std::to_string(step.dynamic) + " continues into " + std::to_string(years[t]) +
               " at Jaccard " + number_text(jaccard));
    }
  for (const CommunityEvent& event : tracked.events) {
    if (event.event != kMerge && event.event != kSplit) continue;
    const std::int64_t earlier = event.event == kMerge ? event.dynamic : event.other;
    const auto year = std::find(years.begin(), years.end(), event.year);
    if (year == years.begin() || year == years.end() || !step_of(earlier, *(year - 1)))
      v.fail(std::string(event.event) + " in " + std::to_string(event.year) + " names dynamic community " +
             std::to_string(earlier) + ", absent the step before");
  }
  for (std::int64_t d = 0; d < tracked.count; ++d) {
    const bool started = std::any_of(tracked.events.begin(), tracked.events.end(), [&](const CommunityEvent& e) {
      return e.dynamic == d && (e.event == kBirth || e.event == kSplit);
    });
    if (!started) v.fail("dynamic community " + std::to_string(d) + " has no birth or split");
  }
  return v;
}

}  // namespace firmnet::evolution

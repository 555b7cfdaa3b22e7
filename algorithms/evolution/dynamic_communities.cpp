#include "algorithms/evolution/dynamic_communities.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string>

#include "graph/errors.hpp"

namespace firmnet::evolution {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct StepCommunity {
  std::int64_t label;
  std::vector<std::uint32_t> nodes;
};

// Step communities of at least min_size nodes, by label.
std::vector<StepCommunity> step_communities(const std::vector<std::int64_t>& membership, std::size_t min_size) {
  std::map<std::int64_t, std::vector<std::uint32_t>> by_label;
  for (std::size_t u = 0; u < membership.size(); ++u)
    if (membership[u] >= 0) by_label[membership[u]].push_back(static_cast<std::uint32_t>(u));
  std::vector<StepCommunity> out;
  for (auto& [label, nodes] : by_label)
    if (nodes.size() >= min_size) out.push_back({label, std::move(nodes)});
  return out;
}

struct Front {
  std::int64_t dynamic;
  std::vector<std::uint32_t> nodes;
};

}  // namespace

DynamicCommunities track_communities(const std::vector<std::vector<std::int64_t>>& memberships,
                                     const std::vector<int>& years, const TrackingRules& rules) {
  if (!(rules.threshold > 0 && rules.threshold <= 1)) throw UsageError("the matching threshold must lie in (0, 1]");
  if (!(rules.size_change >= 0 && rules.size_change < 1)) throw UsageError("the size change must lie in [0, 1)");
  DynamicCommunities out;
  std::vector<Front> fronts;
  std::vector<std::int64_t> front_of;  // per node: index into fronts, -1 = none
  for (std::size_t t = 0; t < memberships.size(); ++t) {
    const int year = years[t];
    std::vector<StepCommunity> communities = step_communities(memberships[t], rules.min_size);
    const std::size_t c_count = communities.size(), f_count = fronts.size();
    // Overlaps through the node -> front index: |C ∩ F| for every pair that shares a node.
    std::vector<std::map<std::size_t, std::uint64_t>> overlap(c_count);
    if (front_of.size() < memberships[t].size()) front_of.resize(memberships[t].size(), -1);
    for (std::size_t c = 0; c < c_count; ++c)
      for (std::uint32_t u : communities[c].nodes)
        if (front_of[u] >= 0) ++overlap[c][static_cast<std::size_t>(front_of[u])];
    std::vector<std::vector<std::pair<std::size_t, double>>> matches_of_c(c_count);
    std::vector<std::int64_t> best_c(f_count, -1);
    std::vector<double> best_j(f_count, -1);
    std::vector<std::uint64_t> matched_count(f_count, 0);
    for (std::size_t c = 0; c < c_count; ++c)
      for (const auto& [f, shared] : overlap[c]) {
        const double j = static_cast<double>(shared) /
                         static_cast<double>(communities[c].nodes.size() + fronts[f].nodes.size() - shared);
        if (j < rules.threshold) continue;
        matches_of_c[c].push_back({f, j});
        ++matched_count[f];
        if (j > best_j[f]) best_j[f] = j, best_c[f] = static_cast<std::int64_t>(c);
      }
    std::vector<Front> next;
    std::vector<std::int64_t> dynamic_of_c(c_count, -1);
    for (std::size_t c = 0; c < c_count; ++c) {
      const std::uint64_t size = communities[c].nodes.size();
      std::vector<std::pair<std::size_t, double>> best_for;  // fronts whose best match is c
      for (const auto& match : matches_of_c[c])
        if (best_c[match.first] == static_cast<std::int64_t>(c)) best_for.push_back(match);
      const auto by_jaccard = [&](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : fronts[a.first].dynamic < fronts[b.first].dynamic;
      };
      std::sort(best_for.begin(), best_for.end(), by_jaccard);
      std::sort(matches_of_c[c].begin(), matches_of_c[c].end(), by_jaccard);
      if (matches_of_c[c].empty()) {
        dynamic_of_c[c] = out.count++;
        out.events.push_back({year, kBirth, dynamic_of_c[c], -1, 0, size, kNaN});
      } else if (best_for.empty()) {
        const auto& [parent, j] = matches_of_c[c].front();
        dynamic_of_c[c] = out.count++;
        out.events.push_back({year, kSplit, dynamic_of_c[c], fronts[parent].dynamic, fronts[parent].nodes.size(), size, j});
      } else {
        const auto& [kept, j] = best_for.front();
        const std::int64_t dynamic = fronts[kept].dynamic;
        dynamic_of_c[c] = dynamic;
        const std::uint64_t before = fronts[kept].nodes.size();
        const char* event = size >= (1 + rules.size_change) * before   ? kGrowthEvent
                            : size <= (1 - rules.size_change) * before ? kContraction
                                                                       : kContinuation;
        out.events.push_back({year, event, dynamic, -1, before, size, j});
        for (std::size_t k = 1; k < best_for.size(); ++k) {
          const auto& [merged, jm] = best_for[k];
          out.events.push_back({year, kMerge, fronts[merged].dynamic, dynamic, fronts[merged].nodes.size(), size, jm});
        }
      }
    }
    for (std::size_t f = 0; f < f_count; ++f)
      if (matched_count[f] == 0)
        out.events.push_back({year, kDeath, fronts[f].dynamic, -1, fronts[f].nodes.size(), 0, kNaN});
    std::fill(front_of.begin(), front_of.end(), -1);
    for (std::size_t c = 0; c < c_count; ++c) {
      for (std::uint32_t u : communities[c].nodes) front_of[u] = static_cast<std::int64_t>(next.size());
      out.steps.push_back({dynamic_of_c[c], year, communities[c].label, communities[c].nodes});
      next.push_back({dynamic_of_c[c], std::move(communities[c].nodes)});
    }
    fronts = std::move(next);
  }
  return out;
}

}  // namespace firmnet::evolution

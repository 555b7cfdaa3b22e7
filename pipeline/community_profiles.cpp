#include "pipeline/community_profiles.hpp"

#include <algorithm>
#include <map>

namespace firmnet::pipeline {

namespace {

// Most common non-missing value of a dictionary column among rows; "" when none.
std::pair<std::string, double> mode_of(const StringColumn& column, const std::vector<NodeId>& rows) {
  std::map<std::int32_t, std::uint64_t> counts;
  std::uint64_t known = 0;
  for (NodeId r : rows)
    if (!column.missing(r)) {
      ++counts[column.codes[r]];
      ++known;
    }
  if (known == 0) return {"", 0.0};
  auto best = std::max_element(counts.begin(), counts.end(),
                               [](const auto& a, const auto& b) { return a.second < b.second; });
  return {column.dictionary[best->first], static_cast<double>(best->second) / known};
}

}  // namespace

std::vector<CommunityProfile> profile_communities(const Graph& graph, const std::vector<std::int64_t>& membership,
                                                  const std::vector<double>& anchor_score,
                                                  const std::vector<std::int64_t>& ranked,
                                                  const std::vector<double>& consensus) {
  std::map<std::int64_t, std::vector<NodeId>> members;
  for (NodeId u = 0; u < graph.node_count(); ++u)
    if (membership[u] >= 0) members[membership[u]].push_back(u);
  std::vector<CommunityProfile> out;
  for (const auto& [c, nodes] : members) {
    CommunityProfile p;
    p.community = c;
    p.nodes = nodes.size();
    std::vector<NodeId> firms;
    std::map<std::int32_t, int> parks;
    double consensus_sum = 0;
    for (NodeId u : nodes) {
      if (graph.nodes.kind[u] == NodeKind::firm) {
        firms.push_back(u);
        if (!graph.nodes.park.missing(u)) parks[graph.nodes.park.codes[u]] = 1;
      }
      if (!ranked.empty() && ranked[u] && (p.anchor < 0 || anchor_score[u] > anchor_score[p.anchor])) p.anchor = u;
      if (!consensus.empty()) consensus_sum += consensus[u];
    }
    p.firms = firms.size();
    p.institutions = p.nodes - p.firms;
    std::tie(p.top_industry, p.top_industry_share) = mode_of(graph.nodes.industry, firms);
    std::tie(p.top_stage, p.top_stage_share) = mode_of(graph.nodes.stage, firms);
    std::tie(p.top_park, p.top_park_share) = mode_of(graph.nodes.park, firms);
    p.parks_spanned = parks.size();
    p.consensus = consensus.empty() ? 0.0 : consensus_sum / static_cast<double>(nodes.size());
    out.push_back(std::move(p));
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.nodes > b.nodes; });
  return out;
}

}  // namespace firmnet::pipeline

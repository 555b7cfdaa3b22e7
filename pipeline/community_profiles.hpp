// A profile of each community as a researcher describes it: size, firms and institutions,
// the dominant industry, stage and park with their shares, the parks it spans, its anchor
// (the ranked firm with the highest anchor score) and its mean consensus over stability runs.
// Used by the main job's summary and by the report, from outcomes or from stored results.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "graph/graph.hpp"

namespace firmnet::pipeline {

struct CommunityProfile {
  std::int64_t community = 0;
  std::uint64_t nodes = 0, firms = 0, institutions = 0;
  std::string top_industry, top_stage, top_park;  // most common values among its firms
  double top_industry_share = 0, top_stage_share = 0, top_park_share = 0;
  std::uint64_t parks_spanned = 0;  // parks holding at least one of its firms
  std::int64_t anchor = -1;         // ranked firm with the highest anchor score, -1 if none
  double consensus = 0;             // mean consensus share over the stability runs
};

/// Profiles of every community of membership (labels >= 0), largest first. anchor_score and
/// ranked (one entry per node, or empty for no anchors) pick each community's anchor among
/// ranked firms; consensus (per node) may be empty. O(n log n).
std::vector<CommunityProfile> profile_communities(const Graph& graph, const std::vector<std::int64_t>& membership,
                                                  const std::vector<double>& anchor_score,
                                                  const std::vector<std::int64_t>& ranked,
                                                  const std::vector<double>& consensus);

}  // namespace firmnet::pipeline

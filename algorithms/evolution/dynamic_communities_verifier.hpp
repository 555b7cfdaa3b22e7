// Verifier of dynamic community tracking (dynamic_communities.hpp), written by brute force.
#pragma once
#include <cstdint>
#include <vector>

#include "algorithms/evolution/dynamic_communities.hpp"
#include "graph/verification.hpp"

namespace firmnet::evolution {

/// Checks, serially and by brute force over all pairs of consecutive steps: each step
/// community of min_size nodes appears exactly once in its step with the nodes of its label; a
/// dynamic community present in consecutive steps overlaps its previous step at Jaccard >=
/// threshold; every merge and split names a dynamic community present in the step before;
/// each dynamic community's first step carries a birth or a split. O(T s^2 n) for s step
/// communities per snapshot.
Verification verify_tracking(const std::vector<std::vector<std::int64_t>>& memberships, const std::vector<int>& years,
                             const TrackingRules& rules, const DynamicCommunities& tracked);

}  // namespace firmnet::evolution

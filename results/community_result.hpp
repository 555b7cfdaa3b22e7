// Describes a community detection (algorithms/community/community_detection.hpp) as a stored
// result: node columns membership and consensus_share; table `communities`; scalars for
// quality, modularity, coverage and stability; with the spatial objective, table `deterrence`
// (the fitted f(d)) and its fit's scalars; every parameter of the request and the edge
// selection. docs/FORMAT.md lists the paths; docs/community.md the method.
#pragma once
#include <string>

#include "algorithms/community/community_detection.hpp"
#include "algorithms/community/resolution_scan.hpp"
#include "results/result.hpp"

namespace firmnet::community {

/// Names of what a community result stores.
namespace stored {
inline constexpr const char* membership = "membership";            // node column, -1 = none
inline constexpr const char* consensus_share = "consensus_share";  // node column
inline constexpr const char* communities = "communities";          // table, one row per community
inline constexpr const char* community = "community";
inline constexpr const char* size = "size";
inline constexpr const char* internal_weight = "internal_weight";
inline constexpr const char* volume = "volume";
inline constexpr const char* cut = "cut";
inline constexpr const char* density = "density";
inline constexpr const char* conductance = "conductance";
inline constexpr const char* consensus = "consensus";
inline constexpr const char* modularity = "modularity";  // scalar
inline constexpr const char* mean_pairwise_nmi = "mean_pairwise_nmi";  // scalar
inline constexpr const char* scan = "scan";  // table of a resolution scan
inline constexpr const char* deterrence = "deterrence";  // table of the fitted f(d), spatial objective
inline constexpr const char* bin = "bin";
inline constexpr const char* lower_km = "lower_km";
inline constexpr const char* upper_km = "upper_km";  // NaN for the open last bin
inline constexpr const char* deterrence_value = "value";
}  // namespace stored

/// The fitted deterrence function as table `deterrence`: bin, lower_km, upper_km, value,
/// observed_weight, pair_mass, links. O(bins).
ResultTable deterrence_table(const DeterrenceFunction& deterrence);

/// The outcome as result `name` (method = the method's name); filter is the view's edge
/// selection, threads the thread count used. O(n + communities).
Result community_result(const std::string& name, const CommunityOutcome& outcome, const CommunityRequest& request,
                        const EdgeFilter& filter, int threads);

/// A resolution scan as result `name` (method "<method>-scan"): table `scan` with resolution,
/// communities, quality and modularity per point; scan_text is the user's FROM:TO:STEPS.
/// O(points).
Result resolution_scan_result(const std::string& name, const std::vector<ScanPoint>& points,
                              const CommunityRequest& request, const EdgeFilter& filter, const std::string& scan_text,
                              bool logarithmic, int threads);

}  // namespace firmnet::community

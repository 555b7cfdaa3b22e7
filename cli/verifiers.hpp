// --verify: after an analysis, its outcome is checked by the verifiers that sit beside the
// main kernels (algorithms/<family>/<kernel>_verifier.hpp): simple, serial re-computations of
// the outcome's invariants, written differently from the kernels. These adapters choose the
// verifiers of each command's outcome and merge their findings.
#pragma once
#include <vector>

#include "algorithms/anchors/anchor_score.hpp"
#include "algorithms/centrality/centrality_suite.hpp"
#include "algorithms/community/community_detection.hpp"
#include "algorithms/spatial/park_verdicts.hpp"
#include "graph/verification.hpp"
#include "pipeline/main_job.hpp"

namespace firmnet::cli {

/// Communities: labels, connectivity of Leiden/Louvain communities and the reported quality
/// recomputed from scratch, plus sampled single-node moves. O(n + m) plus the sampled moves.
Verification verify_communities(const GraphView& view, const community::CommunityRequest& request,
                                const community::CommunityOutcome& outcome);

/// Centrality: degree/strength recounted, PageRank's fixed point, coreness by peeling,
/// exact betweenness by plain path counting on graphs up to 2,000 nodes. O(n + m) per measure,
/// O(n m) for betweenness.
Verification verify_centrality(const GraphView& view, const centrality::CentralityRequest& request,
                               const centrality::CentralityOutcome& outcome);

/// Anchors: Guimerà–Amaral z and P by formula, supply dominators on a sample of nodes.
/// O(n + m) plus O(sample (n + m)).
Verification verify_anchors(const GraphView& view, const anchors::AnchorRequest& request,
                            const std::vector<std::int64_t>& membership, const anchors::AnchorOutcome& outcome);

/// Park evidence recounted per unit by a plain edge scan, and the first null replicate replayed
/// and checked (degrees, link-length bands, counts). O((burn_in + spacing) m + m log m).
Verification verify_parks(const GraphView& view, const spatial::ParkOutcome& outcome);

/// Every step of the main job with the verifiers above. The sum of their costs.
Verification verify_main_job(const Graph& graph, const pipeline::MainJobRequest& request,
                             const pipeline::MainJobOutcome& outcome);

}  // namespace firmnet::cli

// Verifier of run_clusters (cluster_identification.hpp), written apart from it: serially and
// by recounting from the graph, it checks that
//   - membership has one entry per node and node v is in cluster k exactly when v is a member
//     of the k-th kept candidate; members are sorted, distinct, inside the study area and of
//     the community the candidate came from; every candidate has >= min_firms firms;
//   - a candidate is kept exactly when its three tests pass against the request's thresholds,
//     and every q-value lies in [p, 1] (a Benjamini-Hochberg q-value is never below its p);
//   - the internal links of each candidate, recounted edge by edge from the view, equal the
//     stored count, and vertical + horizontal <= internal;
//   - a kept cluster's region shares sum to at most 1, its border regions are those holding
//     >= border_share, its type is a type name or "unclassified", and the type's score
//     recomputed by classify_cluster from the stored signature agrees.
// Complexity: O(n + m + sum of candidate sizes).
#pragma once
#include "algorithms/clusters/cluster_identification.hpp"
#include "graph/verification.hpp"

namespace firmnet::clusters {

/// The checks above. O(n + m + sum of candidate sizes).
Verification verify_clusters(const GraphView& view, const ClusterRequest& request, const ClusterOutcome& outcome);

}  // namespace firmnet::clusters

#include "algorithms/clusters/cluster_identification_verifier.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace firmnet::clusters {

Verification verify_clusters(const GraphView& view, const ClusterRequest& request, const ClusterOutcome& outcome) {
  Verification check;
  const Graph& g = view.graph();
  const NodeId n = g.node_count();
  if (outcome.membership.size() != n || outcome.community.size() != n) {
    check.fail("membership or community has the wrong length");
    return check;
  }
  const spatial::StudyAreaMembers area = spatial::study_area_members(g, request.study_area);
  std::map<NodeId, std::int64_t> expected_cluster;
  std::vector<std::int64_t> candidate_of(n, -1);
  for (std::size_t c = 0; c < outcome.candidates.size(); ++c) {
    const CandidateCluster& cand = outcome.candidates[c];
    const std::string name = "candidate " + std::to_string(c);
    std::set<NodeId> seen;
    std::uint64_t firms = 0;
    for (std::size_t i = 0; i < cand.members.size(); ++i) {
      const NodeId v = cand.members[i];
      if (i > 0 && !(cand.members[i - 1] < v)) check.fail(name + ": members not sorted and distinct");
      if (!area.inside[v]) check.fail(name + ": member " + std::to_string(v) + " outside the study area");
      if (outcome.community[v] != cand.community) check.fail(name + ": member " + std::to_string(v) + " of another community");
      firms += g.nodes.kind[v] == NodeKind::firm;
      candidate_of[v] = static_cast<std::int64_t>(c);
      if (cand.cluster >= 0) expected_cluster[v] = cand.cluster;
    }
    if (firms != cand.firms || firms < request.min_firms) check.fail(name + ": firm count " + std::to_string(firms));
    for (const ClusterTest* test : {&cand.localised, &cand.linked, &cand.vertical})
      if (!std::isnan(test->q) && (test->q < test->p - 1e-12 || test->q > 1)) check.fail(name + ": q-value outside [p, 1]");
    const bool passes = cand.localised.q <= request.alpha && cand.linked.q <= request.alpha &&
                        cand.linked.statistic >= request.min_ratio &&
                        static_cast<double>(cand.internal_links) >= request.min_link_density * static_cast<double>(cand.members.size()) &&
                        cand.vertical.q <= request.alpha &&
                        cand.vertical.statistic >= request.vertical_share;
    if (passes != (cand.cluster >= 0)) check.fail(name + ": kept does not follow from its tests");
    if (cand.vertical_links + cand.horizontal_links > cand.internal_links) check.fail(name + ": more staged than internal links");
    if (cand.cluster < 0) continue;
    if (cand.cluster >= static_cast<std::int64_t>(outcome.clusters.size()) || outcome.clusters[static_cast<std::size_t>(cand.cluster)] != c)
      check.fail(name + ": cluster index does not point back to it");
    double regions = 0;
    for (const ValueShare& share : cand.footprint.regions) {
      regions += share.second;
      const bool border = std::find(cand.footprint.border_regions.begin(), cand.footprint.border_regions.end(), share.first) !=
                          cand.footprint.border_regions.end();
      if (border != (share.second >= request.border_share)) check.fail(name + ": border regions disagree with shares");
    }
    if (regions > 1 + 1e-9) check.fail(name + ": region shares sum above 1");
    const auto& names = cluster_type_names();
    if (cand.type.type != kUnclassified && std::find(names.begin(), names.end(), cand.type.type) == names.end())
      check.fail(name + ": unknown type " + cand.type.type);
    check.expect_close(name + " type score", cand.type.score, classify_cluster(cand.profile.signature, request.typology).score, 1e-12);
  }
  // Internal links recounted from the view, edge by edge.
  std::vector<std::uint64_t> internal(outcome.candidates.size(), 0);
  for (NodeId u = 0; u < n; ++u)
    for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e) {
      const NodeId v = g.out_target[e];
      if (view.accepts(e) && candidate_of[u] >= 0 && candidate_of[u] == candidate_of[v]) ++internal[static_cast<std::size_t>(candidate_of[u])];
    }
  for (std::size_t c = 0; c < internal.size(); ++c)
    if (internal[c] != outcome.candidates[c].internal_links) check.fail("candidate " + std::to_string(c) + ": internal links recount " + std::to_string(internal[c]));
  for (NodeId v = 0; v < n; ++v) {
    const auto it = expected_cluster.find(v);
    if (outcome.membership[v] != (it == expected_cluster.end() ? -1 : it->second)) check.fail("node " + std::to_string(v) + ": membership disagrees with the kept clusters");
  }
  return check;
}

}  // namespace firmnet::clusters

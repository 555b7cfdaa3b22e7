#include "algorithms/clusters/cluster_identification.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "algorithms/spatial/multiple_testing.hpp"
#include "algorithms/spatial/park_verdicts.hpp"
#include "graph/errors.hpp"
#include "graph/random.hpp"

namespace firmnet::clusters {
namespace {

constexpr std::uint64_t kLocalisationStream = 0x434c;  // "CL"

std::string format(const char* pattern, double a, double b) {
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, pattern, a, b);
  return buffer;
}

// The core of a community (docs/clusters.md, "Candidates"): its firms of the industries it is
// specialised in (location quotient >= core_quotient against the study area, at least
// kCoreIndustryFirms firms), and its other nodes (institutions, firms without an industry)
// linked to such a firm inside the community; the whole community when none of its firms has
// an industry. Firms of other industries are the community's trade partners, not the cluster.
// O(community degrees x log community size).
constexpr std::uint64_t kCoreIndustryFirms = 3;

std::vector<NodeId> core_members(const GraphView& view, const std::vector<NodeId>& community,
                                 const std::vector<std::uint64_t>& industry_firms, std::uint64_t area_firms,
                                 const ClusterRequest& r) {
  if (!(r.core_quotient > 0)) return community;
  const NodeTable& t = view.graph().nodes;
  std::map<std::int32_t, std::uint64_t> counts;
  std::uint64_t firms = 0;
  for (const NodeId v : community)
    if (t.kind[v] == NodeKind::firm) {
      ++firms;
      if (!t.industry.missing(v)) ++counts[t.industry.codes[v]];
    }
  if (counts.empty()) return community;  // no firm with an industry: nothing to cut by
  std::vector<std::uint8_t> core_industry(t.industry.dictionary.size(), 0);
  for (const auto& [code, count] : counts) {
    const double share = static_cast<double>(count) / static_cast<double>(firms);
    const double area_share = static_cast<double>(industry_firms[static_cast<std::size_t>(code)]) / static_cast<double>(area_firms);
    core_industry[static_cast<std::size_t>(code)] = count >= kCoreIndustryFirms && share >= r.core_quotient * area_share;
  }
  auto is_core_firm = [&](NodeId v) {
    return t.kind[v] == NodeKind::firm && !t.industry.missing(v) && core_industry[static_cast<std::size_t>(t.industry.codes[v])];
  };
  auto in_community = [&](NodeId v) { return std::binary_search(community.begin(), community.end(), v); };
  std::vector<NodeId> core;
  for (const NodeId v : community) {
    bool keep = is_core_firm(v);
    if (!keep && !(t.kind[v] == NodeKind::firm && !t.industry.missing(v))) {
      auto touch = [&](NodeId w, EdgeId, double) { keep = keep || (is_core_firm(w) && in_community(w)); };
      view.for_out_edges(v, touch);
      view.for_in_edges(v, touch);
    }
    if (keep) core.push_back(v);
  }
  return core;
}

void validate(const ClusterRequest& r) {
  if (r.min_firms < 3) throw UsageError("clusters: --min-firms must be >= 3");
  if (!(r.alpha > 0 && r.alpha < 1)) throw UsageError("clusters: --alpha must be in (0, 1)");
  if (!(r.min_ratio >= 0) || !std::isfinite(r.min_ratio)) throw UsageError("clusters: --min-ratio must be >= 0");
  if (!(r.min_link_density >= 0) || !std::isfinite(r.min_link_density)) throw UsageError("clusters: --min-link-density must be >= 0");
  if (!(r.vertical_share >= 0 && r.vertical_share <= 1)) throw UsageError("clusters: --vertical-share must be in [0, 1]");
  if (!(r.border_share > 0 && r.border_share <= 0.5)) throw UsageError("clusters: --border-share must be in (0, 0.5]");
  if (r.localisation.simulations < 19) throw UsageError("clusters: --simulations must be >= 19");
  if (r.localisation.max_firms < 3) throw UsageError("clusters: --max-sites must be >= 3");
  if (!(r.core_quotient >= 0) || !std::isfinite(r.core_quotient)) throw UsageError("clusters: --core-quotient must be >= 0");
  if (r.top_anchors < 1) throw UsageError("clusters: --top-anchors must be >= 1");
  if (r.growth_window < 1) throw UsageError("clusters: --growth-window must be >= 1");

  if (!community::uses_objective(r.communities.method))
    throw UsageError("clusters: the community method must optimise an objective (leiden, louvain)");
}

// The located firms of the study area as distance sites (one "industry": all of them).
spatial::DistanceSites area_sites(const NodeTable& t, const std::vector<std::uint8_t>& inside, std::vector<std::int64_t>& site_of) {
  spatial::DistanceSites sites;
  sites.industry_names = {"all"};
  site_of.assign(t.size(), -1);
  for (NodeId v = 0; v < t.size(); ++v) {
    if (!inside[v] || t.kind[v] != NodeKind::firm) continue;
    ++sites.scope.firms;
    if (!t.located(v)) {
      ++sites.scope.missing_coordinates;
      continue;
    }
    site_of[v] = static_cast<std::int64_t>(sites.node.size());
    sites.node.push_back(v);
    sites.lat.push_back(t.lat[v]);
    sites.lon.push_back(t.lon[v]);
    sites.weight.push_back(1);
    sites.position.push_back(unit_vector(t.lat[v], t.lon[v]));
  }
  sites.scope.in_scope = sites.node.size();
  sites.industry_offsets = {0, sites.node.size()};
  return sites;
}

void decide(CandidateCluster& c, const ClusterRequest& r) {
  c.localised.passed = c.localised.q <= r.alpha;
  c.linked.passed = c.linked.q <= r.alpha && c.linked.statistic >= r.min_ratio &&
                   static_cast<double>(c.internal_links) >= r.min_link_density * static_cast<double>(c.members.size());
  c.vertical.passed = c.vertical.q <= r.alpha && c.vertical.statistic >= r.vertical_share;
  std::string failed;
  if (!c.localised.passed) failed += format("not localised (Gamma %.3g, q %.3g); ", c.localised.statistic, c.localised.q);
  if (!c.linked.passed)
    failed += format("not linked above the null (ratio %.3g, q %.3g", c.linked.statistic, c.linked.q) +
              format(", %.3g links per member of %.3g needed); ", static_cast<double>(c.internal_links) / static_cast<double>(c.members.size()), r.min_link_density);
  if (!c.vertical.passed) failed += format("not mainly vertical (share %.3g, q %.3g); ", c.vertical.statistic, c.vertical.q);
  if (failed.empty()) {
    c.reason = format("localised (q %.3g) and linked above the null (ratio %.3g", c.localised.q, c.linked.statistic) +
               format(", q %.3g), mainly vertically (share %.3g)", c.linked.q, c.vertical.statistic);
  } else {
    c.reason = failed.substr(0, failed.size() - 2);
  }
}

}  // namespace

EdgeFilter value_chain_layers() {
  return EdgeFilter::of_types({RelationType::supply, RelationType::subcontract, RelationType::cooperation,
                               RelationType::technology, RelationType::service, RelationType::membership});
}

ClusterOutcome run_clusters(const GraphView& view, const ClusterRequest& request, const Progress& progress) {
  validate(request);
  const Graph& g = view.graph();
  const NodeTable& t = g.nodes;
  const NodeId n = g.node_count();
  if (!request.systemic_risk.empty() && request.systemic_risk.size() != n)
    throw UsageError("clusters: the systemic risk (ESRI) must have one entry per node");
  ClusterOutcome out;
  const spatial::StudyAreaMembers area = spatial::study_area_members(g, request.study_area);
  out.study_area = area.description;

  progress.report("clusters: communities", 0);
  const community::CommunityOutcome communities = community::run_communities(view, request.communities, progress);
  out.community = communities.membership;
  out.community_count = communities.community_count;
  out.community_quality = communities.quality;

  // Study-area firms per industry, for the core industries and the location quotients.
  std::vector<std::uint64_t> industry_firms(t.industry.dictionary.size(), 0);
  std::uint64_t area_firms = 0;
  for (NodeId v = 0; v < n; ++v)
    if (area.inside[v] && t.kind[v] == NodeKind::firm) {
      ++area_firms;
      if (!t.industry.missing(v)) ++industry_firms[static_cast<std::size_t>(t.industry.codes[v])];
    }

  // Candidates: communities cut to the study area and to their core industries, with enough firms.
  std::vector<std::vector<NodeId>> by_community(static_cast<std::size_t>(communities.community_count));
  for (NodeId v = 0; v < n; ++v)
    if (area.inside[v] && out.community[v] >= 0) by_community[static_cast<std::size_t>(out.community[v])].push_back(v);
  std::vector<std::int64_t> unit_of(n, -1);
  for (std::size_t c = 0; c < by_community.size(); ++c) {
    std::vector<NodeId> members = core_members(view, by_community[c], industry_firms, area_firms, request);
    std::uint64_t firms = 0;
    for (const NodeId v : members) firms += t.kind[v] == NodeKind::firm;
    if (firms < request.min_firms) continue;
    CandidateCluster candidate;
    candidate.community = static_cast<std::int64_t>(c);
    candidate.community_size = by_community[c].size();
    candidate.members = std::move(members);
    candidate.firms = firms;
    for (const NodeId v : candidate.members) unit_of[v] = static_cast<std::int64_t>(out.candidates.size());
    out.candidates.push_back(std::move(candidate));
  }
  const std::size_t count = out.candidates.size();

  std::vector<std::int64_t> site_of;
  const spatial::DistanceSites sites = area_sites(t, area.inside, site_of);
  out.sites = sites.size();
  out.located_share = sites.scope.firms ? static_cast<double>(sites.size()) / static_cast<double>(sites.scope.firms) : 0;
  if (sites.size() < 2) throw DataError("clusters: fewer than 2 firms of the study area have coordinates");
  out.grid = spatial::make_distance_grid(sites, request.max_km, request.grid_points, derive_seed(request.localisation.seed, spatial::kGridStream));

  // (b), (c): the park test's null with the candidates as units.
  spatial::ParkRequest null_request;
  null_request.null = request.null;
  null_request.automatic_null = request.automatic_null;
  out.null_options = request.null;
  out.null_options.kind = spatial::choose_null(null_request, out.located_share, out.null_choice);
  progress.report("clusters: null model", 0);
  const spatial::NullDistribution null = spatial::sample_null(view, unit_of, count, out.null_options, progress);
  const auto replicates = static_cast<std::uint64_t>(out.null_options.replicates);

  // (a): localisation, one Rng stream per candidate.
  progress.report("clusters: localisation", 0);
#pragma omp parallel for schedule(dynamic, 1)
  for (std::size_t c = 0; c < count; ++c) {
    std::vector<std::uint32_t> member_sites;
    for (const NodeId v : out.candidates[c].members)
      if (site_of[v] >= 0) member_sites.push_back(static_cast<std::uint32_t>(site_of[v]));
    LocalisationOptions options = request.localisation;
    options.seed = derive_seed(derive_seed(request.localisation.seed, kLocalisationStream), c);
    out.candidates[c].localisation = localisation_test(sites, out.grid, member_sites, options);
  }

  std::vector<double> p_localised(count), p_linked(count), p_vertical(count);
  for (std::size_t c = 0; c < count; ++c) {
    CandidateCluster& cand = out.candidates[c];
    cand.localised.statistic = cand.localisation.gamma;
    cand.localised.p = cand.localisation.p;
    cand.internal_links = null.observed[c];
    cand.null_mean = null.mean[c];
    cand.null_sd = null.sd[c];
    cand.z = null.sd[c] > 0 ? (static_cast<double>(null.observed[c]) - null.mean[c]) / null.sd[c] : 0;
    cand.linked.statistic = null.mean[c] > 0 ? static_cast<double>(null.observed[c]) / null.mean[c]
                                             : (null.observed[c] > 0 ? INFINITY : 0);
    cand.linked.p = spatial::empirical_p_value(null.at_least[c], replicates);
    cand.vertical_links = null.vertical.observed[c];
    cand.horizontal_links = null.horizontal.observed[c];
    cand.vertical_null_mean = null.vertical.mean[c];
    const double staged = static_cast<double>(cand.vertical_links + cand.horizontal_links);
    cand.vertical.statistic = staged > 0 ? static_cast<double>(cand.vertical_links) / staged : 0;
    cand.vertical.p = spatial::empirical_p_value(null.vertical.at_least[c], replicates);
    p_localised[c] = cand.localised.p;
    p_linked[c] = cand.linked.p;
    p_vertical[c] = cand.vertical.p;
  }
  const std::vector<double> q_localised = spatial::benjamini_hochberg(p_localised);
  const std::vector<double> q_linked = spatial::benjamini_hochberg(p_linked);
  const std::vector<double> q_vertical = spatial::benjamini_hochberg(p_vertical);

  out.membership.assign(n, -1);
  out.last_year = last_link_year(view);
  if (out.last_year == 0)  // no dated link: the latest founding year
    out.last_year = t.founded.empty() ? 0 : *std::max_element(t.founded.begin(), t.founded.end());
  progress.report("clusters: profiles", 0);
  for (std::size_t c = 0; c < count; ++c) {
    CandidateCluster& cand = out.candidates[c];
    cand.localised.q = q_localised[c];
    cand.linked.q = q_linked[c];
    cand.vertical.q = q_vertical[c];
    decide(cand, request);
    if (!(cand.localised.passed && cand.linked.passed && cand.vertical.passed)) continue;
    cand.cluster = static_cast<std::int64_t>(out.clusters.size());
    out.clusters.push_back(c);
    for (const NodeId v : cand.members) out.membership[v] = cand.cluster;
    cand.footprint = cluster_footprint(t, cand.members, request.border_share);
    cand.profile = profile_cluster(view, cand.members, area.inside, industry_firms, area_firms, request.typology, request.top_anchors);
    cand.type = classify_cluster(cand.profile.signature, request.typology);
    cand.growth = cluster_growth(view, cand.members, out.last_year, request.growth_window);
    for (const NodeId v : cand.members) {
      const double e = request.systemic_risk.empty() ? NAN : request.systemic_risk[v];
      if (!std::isfinite(e)) continue;
      cand.risk_sum += e;
      if (cand.riskiest < 0 || e > cand.risk_max) {
        cand.risk_max = e;
        cand.riskiest = static_cast<std::int64_t>(v);
      }
    }
  }
  if (!request.categories.rows.empty())
    out.categories = compare_with_categories(t, out.membership, out.clusters.size(), request.categories);
  progress.report("clusters: done", 1);
  return out;
}

}  // namespace firmnet::clusters

#include "algorithms/main_job.hpp"

#include <algorithm>
#include <map>

#include "algorithms/centrality/centrality_suite.hpp"
#include "algorithms/anchors/anchor_report.hpp"

namespace firmnet {

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
                                                  const AnchorAnalysis* anchors, const std::vector<double>& consensus) {
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
      if (anchors && anchors->ranked[u] && (p.anchor < 0 || anchors->score[u] > anchors->score[p.anchor])) p.anchor = u;
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

MainJobOutcome run_main_job(const Graph& graph, const MainJobOptions& options) {
  MainJobOutcome out;
  const EdgeFilter filter = EdgeFilter::parse(options.layers, options.years);
  const GraphView view(graph, filter);
  const Progress& progress = options.progress;

  progress.report("summary", 0.0);
  out.summary = summarize(view);
  progress.report("summary", 1.0);

  community::DetectionRequest detection;
  detection.runs = options.stability_runs;
  detection.seed = options.seed;
  out.communities = community::detect_communities(view, detection, progress);
  out.results.push_back(community::to_result("leiden", out.communities, detection, filter, options.threads));

  CentralityRequest centrality;
  centrality.measures = parse_centrality_measures("degree,pagerank,betweenness,coreness");
  centrality.seed = options.seed;
  if (graph.node_count() > options.exact_betweenness_below) centrality.samples = 1000;
  centrality.progress = progress;
  Result centrality_result = run_centrality(view, centrality);
  centrality_result.name = "centrality";
  centrality_result.seed = options.seed;
  centrality_result.threads = options.threads;
  out.results.push_back(std::move(centrality_result));

  AnchorOptions anchor_options;
  anchor_options.top = options.top_anchors;
  progress.report("anchors", 0.0);
  out.anchors = analyse_anchors(graph, filter, out.communities.membership, anchor_options);
  Result anchors = anchor_result(graph, filter, out.anchors, anchor_options, "leiden");
  anchors.name = "anchors";
  anchors.seed = options.seed;
  anchors.threads = options.threads;
  out.results.push_back(std::move(anchors));
  progress.report("anchors", 1.0);

  spatial::ParkTestRequest park_request;
  park_request.unit = options.unit;
  park_request.layers = options.layers;
  park_request.years = options.years;
  park_request.replicates = options.null_models;
  park_request.seed = options.seed;
  park_request.communities = "result leiden";
  const bool has_units = options.unit == "radius" || (options.unit == "park" ? !graph.nodes.park.dictionary.empty()
                                                                              : !graph.nodes.region.dictionary.empty());
  if (has_units) {
    out.parks = spatial::run_park_test(graph, spatial::units_for(graph, park_request),
                                       spatial::options_for(park_request, &out.communities.membership), progress);
    out.parks_run = true;
    out.results.push_back(spatial::park_test_result("parks", graph, out.parks, park_request, options.threads));
  }

  spatial::ConcentrationOptions concentration;
  // Parks are the finer co-location units when a network has several; regions otherwise.
  concentration.unit = graph.nodes.park.dictionary.size() >= 2 ? spatial::SpatialUnit::park : spatial::SpatialUnit::region;
  concentration.progress = progress;
  out.concentration = spatial::analyze_concentration(graph.nodes, concentration);
  Result concentration_result = spatial::concentration_result(out.concentration, concentration);
  concentration_result.name = "concentration";
  concentration_result.seed = options.seed;
  concentration_result.threads = options.threads;
  out.results.push_back(std::move(concentration_result));

  out.profiles = profile_communities(graph, out.communities.membership, &out.anchors,
                                     out.communities.stability.consensus_share);
  return out;
}

}  // namespace firmnet

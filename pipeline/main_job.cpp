#include "pipeline/main_job.hpp"

#include <omp.h>


#include "algorithms/centrality/centrality_suite.hpp"
#include "graph/errors.hpp"
#include "results/anchor_result.hpp"
#include "results/centrality_result.hpp"
#include "results/community_result.hpp"
#include "results/cluster_result.hpp"
#include "results/concentration_result.hpp"
#include "results/evolution_result.hpp"
#include "results/risk_result.hpp"
#include "results/park_result.hpp"

namespace firmnet::pipeline {

namespace {

// The distance curves need classified firms with coordinates whose median pair distance (the
// default extent of the curves) is positive; a network whose firms mostly share one point has none.
bool distances_measurable(const NodeTable& nodes, std::uint64_t seed) {
  const spatial::DistanceSites sites = spatial::build_distance_sites(nodes, 0, false);
  bool exact = false;
  return sites.size() >= 2 && spatial::median_site_distance(sites, derive_seed(seed, spatial::kGridStream), exact) > 0;
}

bool has_units(const Graph& graph, const std::string& unit) {
  return unit == "radius" || (unit == "park" ? !graph.nodes.park.dictionary.empty() : !graph.nodes.region.dictionary.empty());
}

}  // namespace

spatial::ParkRequest default_park_request() {
  spatial::ParkRequest request;
  request.null.replicates = 199;
  return request;
}

community::CommunityRequest community_step(std::uint64_t seed, int runs, community::Method method, double resolution) {
  if (method != community::Method::leiden && method != community::Method::louvain)
    throw UsageError("the main job's community step runs leiden or louvain");
  community::CommunityRequest request;
  request.method = method;
  request.resolution = resolution;
  request.runs = runs;
  request.seed = seed;
  return request;
}

PhaseClock::PhaseClock() : last_(omp_get_wtime()) {}

void PhaseClock::lap(std::string phase) {
  const double now = omp_get_wtime();
  phases_.push_back({std::move(phase), now - last_});
  last_ = now;
}

Result phase_times_result(const std::vector<PhaseTime>& phases, std::uint64_t seed, int threads) {
  Result result;
  result.name = result_names::phases;
  result.method = "main-job";
  result.seed = seed;
  result.threads = threads;
  std::vector<std::string> names;
  std::vector<double> seconds;
  double total = 0;
  for (const PhaseTime& p : phases) {
    names.push_back(p.phase);
    seconds.push_back(p.seconds);
    total += p.seconds;
  }
  result.tables.push_back({"phases", {text_column("phase", names), {"seconds", seconds}}});
  result.scalars.push_back({"total_seconds", total});
  return result;
}

std::string community_step_text(const community::CommunityRequest& request) {
  std::string text = std::string(community::method_name(request.method)) + " (" +
                     std::string(community::objective_name(request.objective)) + ", resolution " +
                     scalar_text(request.resolution) + ")";
  if (request.runs > 1)
    text += ", best of seeds " + std::to_string(request.seed) + ".." + std::to_string(request.seed + request.runs - 1);
  return text;
}

bool clusters_enabled(const Graph& graph, const MainJobRequest& request, bool distance_curves) {
  return graph.node_count() < request.clusters_below && distance_curves;
}

std::vector<SkippedSection> skipped_sections(const Graph& graph, const MainJobRequest& request,
                                             const structure::NetworkCapabilities& capabilities, bool distance_curves) {
  std::vector<SkippedSection> skipped;
  if (graph.node_count() < request.clusters_below && !distance_curves)
    skipped.push_back({"clusters", "firms lack coordinates at a positive distance from each other (add 'lat' and 'lon'): "
                                   "the clusters' localisation test needs them"});
  const spatial::ParkRequest& parks = request.parks;
  if (!has_units(graph, parks.unit))
    skipped.push_back({"park test", parks.unit == "park" ? "no firm has a park value (add a 'park' column, or use --unit region)"
                                                           : "no node has a region value (add a 'region' column)"});
  else if (!capabilities.vertical_links())
    skipped.push_back({"vertical links", "fewer than two value-chain stages (add a 'stage' column): no park can be "
                                         "found a linked cluster, only co-location or wider"});
  if (has_units(graph, parks.unit) && parks.automatic_null && located_firm_share(graph.nodes) < parks.min_located_share)
    skipped.push_back({"distance null", "under half the firms have coordinates (add 'lat' and 'lon'): the park test "
                                        "uses the degree null, which takes proximity for linkage"});
  if (!capabilities.concentration())
    skipped.push_back({"concentration", "no firm has both an industry and employees (add 'industry' and 'employees')"});
  else if (!distance_curves)
    skipped.push_back({"distance curves", "classified firms lack coordinates at a positive distance from each other"});
  return skipped;
}

MainJobOutcome run_main_job(const Graph& graph, const MainJobRequest& request, const Progress& progress) {
  MainJobOutcome out;
  out.capabilities = structure::network_capabilities(graph);
  const bool distance_curves = distances_measurable(graph.nodes, request.seed);
  out.skipped = skipped_sections(graph, request, out.capabilities, distance_curves);
  spatial::study_area_members(graph, request.study_area);  // a study area naming nothing fails before any work
  if (request.strict_sections && !out.skipped.empty()) {
    std::string message = "--strict-sections: the data cannot support every section:";
    for (const SkippedSection& s : out.skipped) message += "\n  " + s.section + ": " + s.reason;
    throw DataError(message);
  }
  const EdgeFilter filter = EdgeFilter::parse(request.layers, request.years);
  const GraphView view(graph, filter);
  PhaseClock clock;

  out.summary = structure::run_summary(view, progress);
  clock.lap("summary");

  const community::CommunityRequest communities = community_step(request.seed, request.stability_runs, request.community_method, request.resolution);
  out.communities = community::run_communities(view, communities, progress);
  out.results.push_back(
      community::community_result(result_names::communities, out.communities, communities, filter, request.threads));
  out.results.back().parameters.emplace_back("step", community_step_text(communities));
  clock.lap("communities");

  centrality::CentralityRequest centrality;
  centrality.measures = centrality::parse_centrality_measures("degree,pagerank,betweenness,coreness");
  centrality.seed = request.seed;
  if (graph.node_count() > request.exact_betweenness_below) {  // KADABRA with a stated guarantee
    centrality.epsilon = request.betweenness_epsilon;
    centrality.delta = request.betweenness_delta;
  }
  out.results.push_back(centrality::centrality_result(
      result_names::centrality, centrality::run_centrality(view, centrality, progress), centrality, filter, request.threads));
  clock.lap("centrality");

  // Systemic risk on the supply links, before the anchors so that their score can weigh it.
  std::uint64_t firms = 0;
  for (const NodeKind kind : graph.nodes.kind) firms += kind == NodeKind::firm;
  EdgeFilter supply = filter;
  supply.type_mask &= static_cast<std::uint16_t>(1u << static_cast<unsigned>(RelationType::supply));
  if (firms < request.risk_below && supply.type_mask != 0) {
    risk::RiskRequest risk_request;
    risk_request.top = request.risk_top;
    risk_request.cascade.tolerance = request.risk_tolerance;
    out.risk = risk::run_risk(GraphView(graph, supply), risk_request, progress);
    out.risk_run = true;
    Result risk_result = risk::risk_result(result_names::risk, graph, out.risk, risk_request, supply, request.threads,
                                           out.communities.membership, std::string("result ") + result_names::communities);
    risk_result.seed = request.seed;
    out.results.push_back(std::move(risk_result));
  }
  clock.lap("risk");

  anchors::AnchorRequest anchor_request;
  anchor_request.top = request.top_anchors;
  if (out.risk_run) {
    anchor_request.systemic_risk = out.risk.esri;
    anchor_request.systemic_source = std::string("result ") + result_names::risk;
  }
  anchor_request.study_area = request.study_area;
  anchor_request.communities = std::string("result ") + result_names::communities;
  out.anchors = anchors::run_anchors(view, anchor_request, out.communities.membership, progress);
  Result anchors = anchors::anchor_result(result_names::anchors, graph, out.anchors, anchor_request, filter, request.threads);
  anchors.seed = request.seed;
  out.results.push_back(std::move(anchors));
  clock.lap("anchors");

  // Each park's output at risk from its own anchors and from outside lockdowns, with the
  // risk step's cascade settings and the anchor scores just computed.
  if (out.risk_run && !graph.nodes.park.dictionary.empty()) {
    risk::ExposureRequest exposure_request;
    exposure_request.cascade.tolerance = request.risk_tolerance;
    exposure_request.anchor_score = out.anchors.score;
    exposure_request.anchor_source = std::string("result ") + result_names::anchors;
    out.exposure = risk::run_park_exposure(GraphView(graph, supply), exposure_request, progress);
    out.exposure_run = true;
    Result exposure = risk::exposure_result(result_names::exposure, graph, out.exposure, exposure_request, supply,
                                            request.threads);
    exposure.seed = request.seed;
    out.results.push_back(std::move(exposure));
  }
  clock.lap("exposure");

  spatial::ParkRequest park_request = request.parks;
  park_request.null.seed = request.seed;
  park_request.study_area = request.study_area;
  park_request.communities = std::string("result ") + result_names::communities;
  if (has_units(graph, park_request.unit)) {
    out.parks = spatial::run_parks(view, park_request, &out.communities.membership, progress);
    out.parks_run = true;
    out.results.push_back(spatial::park_result(result_names::parks, graph, out.parks, park_request, filter, request.threads));
  }
  clock.lap("parks");

  spatial::ConcentrationRequest concentration;
  // Parks are the finer co-location units when a network has several; regions otherwise.
  concentration.unit = graph.nodes.park.dictionary.size() >= 2 ? spatial::SpatialUnit::park : spatial::SpatialUnit::region;
  // Distance curves whenever they are measurable, at a cost kept near the other steps': 99
  // counterfactuals (4 may reach a 5% global band) and 200 firms standing for a larger industry.
  concentration.distance = distance_curves;
  concentration.simulations = 99;
  concentration.distance_max_firms = 200;
  concentration.seed = request.seed;
  out.concentration = spatial::run_concentration(view, concentration, progress);
  out.results.push_back(
      spatial::concentration_result(result_names::concentration, out.concentration, concentration, request.threads));
  clock.lap("concentration");

  // Clusters where no park is drawn, on the value-chain layers (or the layers asked for), with
  // the job's years and study area; left to `firmnet clusters` on large networks.
  if (clusters_enabled(graph, request, distance_curves)) {
    clusters::ClusterRequest cluster_request;
    cluster_request.communities.seed = cluster_request.null.seed = cluster_request.localisation.seed = request.seed;
    cluster_request.study_area = request.study_area;
    if (out.risk_run) cluster_request.systemic_risk = out.risk.esri;
    EdgeFilter cluster_filter = filter;
    if (request.layers.empty()) cluster_filter.type_mask = clusters::value_chain_layers().type_mask;
    out.clusters = clusters::run_clusters(GraphView(graph, cluster_filter), cluster_request, progress);
    out.clusters_run = true;
    out.results.push_back(
        clusters::cluster_result(result_names::clusters, graph, out.clusters, cluster_request, cluster_filter, request.threads));
  }
  clock.lap("clusters");

  // Parks (else regions) over the years; on large networks the per-year signatures and the
  // analytic expectation only, leaving the swap nulls and dynamic communities to `firmnet evolution`.
  if (request.evolution && out.capabilities.years >= 3) {
    evolution::EvolutionRequest evolution_request;
    evolution_request.unit = has_units(graph, "park") ? "park" : "region";
    evolution_request.null.seed = request.seed;
    evolution_request.event_study.seed = request.seed;
    evolution_request.leiden = community_step(request.seed, 1);
    out.evolution_full = graph.node_count() < request.full_evolution_below;
    if (!out.evolution_full) {
      evolution_request.null.replicates = 0;
      evolution_request.communities = false;
    }
    if (has_units(graph, evolution_request.unit)) {
      out.evolution = evolution::run_evolution(view, evolution_request, progress);
      out.evolution_run = true;
      out.results.push_back(
          evolution::evolution_result(result_names::evolution, out.evolution, evolution_request, filter, request.threads));
    }
  }
  clock.lap("evolution");

  out.profiles = profile_communities(graph, out.communities.membership, out.anchors.score,
                                     std::vector<std::int64_t>(out.anchors.ranked.begin(), out.anchors.ranked.end()),
                                     out.communities.stability.consensus_share);
  clock.lap("profiles");
  out.phases = clock.phases();
  return out;
}

}  // namespace firmnet::pipeline

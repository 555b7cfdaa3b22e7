#include "cli/verifiers.hpp"

#include "algorithms/anchors/guimera_amaral_verifier.hpp"
#include "algorithms/anchors/supply_dependency_verifier.hpp"
#include "algorithms/anchors/supply_flow.hpp"
#include "algorithms/centrality/betweenness_verifier.hpp"
#include "algorithms/centrality/coreness_verifier.hpp"
#include "algorithms/centrality/degree_verifier.hpp"
#include "algorithms/centrality/kadabra_verifier.hpp"
#include "algorithms/centrality/pagerank_verifier.hpp"
#include "algorithms/community/leiden_verifier.hpp"
#include "algorithms/risk/park_exposure_verifier.hpp"
#include "algorithms/spatial/concentration_verifier.hpp"
#include "algorithms/spatial/distance_concentration_verifier.hpp"
#include "algorithms/spatial/linkage_null_verifier.hpp"
#include "algorithms/spatial/park_verdicts_verifier.hpp"

namespace firmnet::cli {

namespace {

// A score column of the outcome, or nullptr.
template <typename T>
const std::vector<T>* score_column(const centrality::CentralityOutcome& outcome, std::string_view name) {
  for (const auto& column : outcome.columns)
    if (column.name == name) return std::get_if<std::vector<T>>(&column.values);
  return nullptr;
}

double fact_value(const centrality::CentralityOutcome& outcome, std::string_view name) {
  for (const auto& fact : outcome.facts)
    if (fact.name == name) return std::visit([](auto v) { return static_cast<double>(v); }, fact.value);
  return 0.0;
}

// The view restricted to the goods-flow layers the anchors' supply analysis reads.
GraphView supply_view(const GraphView& view) {
  EdgeFilter filter = view.filter();
  filter.type_mask &= static_cast<std::uint16_t>((1u << static_cast<unsigned>(RelationType::supply)) |
                                                 (1u << static_cast<unsigned>(RelationType::subcontract)));
  return GraphView(view.graph(), filter);
}

}  // namespace

Verification verify_communities(const GraphView& view, const community::CommunityRequest& request,
                                const community::CommunityOutcome& outcome) {
  Verification out;
  if (request.method != community::Method::leiden && request.method != community::Method::louvain) {
    out.notes.push_back("only firmnet's own Leiden and Louvain have a verifier; " +
                        std::string(community::method_name(request.method)) + " was not checked");
    return out;
  }
  community::LeidenOptions options = community::leiden_options(request, request.seed + outcome.best_run);
  community::LeidenResult result;
  result.membership = outcome.membership;
  result.community_count = outcome.community_count;
  result.quality = outcome.quality;
  if (outcome.deterrence) {
    options.coordinates = {view.graph().nodes.lat, view.graph().nodes.lon};
    options.deterrence = &*outcome.deterrence;
  }
  return community::verify_leiden(undirected_projection(view), options, result);
}

Verification verify_centrality(const GraphView& view, const centrality::CentralityRequest& request,
                               const centrality::CentralityOutcome& outcome) {
  using namespace centrality;
  Verification out;
  const Adjacency directed = Adjacency::directed(view);
  const Adjacency undirected = Adjacency::undirected(view);
  const Adjacency& chosen = request.directed ? directed : undirected;
  const std::pair<const char*, DegreeMode> modes[] = {{"in_", DegreeMode::in}, {"out_", DegreeMode::out}, {"", DegreeMode::total}};
  for (const bool weighted : {false, true})
    for (const auto& [prefix, mode] : modes)
      if (const auto* values = score_column<double>(outcome, std::string(prefix) + (weighted ? "strength" : "degree")))
        out.merge(verify_degree(view, true, mode, weighted, *values));
  if (const auto* scores = score_column<double>(outcome, "pagerank")) {
    PageRankOptions options;
    options.damping = request.damping;
    options.tolerance = request.pagerank_tolerance;
    options.max_iterations = request.max_iterations;
    options.weighted = request.weighted;
    PageRankResult result;
    result.scores = *scores;
    result.iterations = static_cast<int>(fact_value(outcome, "pagerank_iterations"));
    result.converged = fact_value(outcome, "pagerank_converged") != 0.0;
    result.last_change = fact_value(outcome, "pagerank_last_change");
    out.merge(verify_pagerank(chosen, options, result));
  }
  if (const auto* cores = score_column<std::int64_t>(outcome, "coreness")) out.merge(verify_coreness(undirected, DegreeMode::total, *cores));
  if (const auto* cores = score_column<std::int64_t>(outcome, "in_coreness")) out.merge(verify_coreness(directed, DegreeMode::in, *cores));
  if (const auto* cores = score_column<std::int64_t>(outcome, "out_coreness")) out.merge(verify_coreness(directed, DegreeMode::out, *cores));
  if (const auto* scores = score_column<double>(outcome, "betweenness")) {
    if (request.epsilon > 0) {
      KadabraOptions options;
      options.epsilon = request.epsilon;
      options.delta = request.delta;
      options.normalized = request.normalized;
      KadabraResult result;
      result.scores = *scores;
      auto count = [&](std::string_view name) { return static_cast<std::uint64_t>(fact_value(outcome, name)); };
      result.samples = count("betweenness_samples_taken");
      result.first_samples = count("betweenness_first_samples");
      result.omega = count("betweenness_omega");
      result.vertex_diameter_bound = count("betweenness_vertex_diameter_bound");
      result.interior_visits = count("betweenness_interior_visits");
      result.longest_path = count("betweenness_longest_sampled_path");
      result.error_bound = fact_value(outcome, "betweenness_error_bound");
      out.merge(verify_kadabra(chosen, options, result));
    } else if (request.samples > 0) {
      out.notes.push_back("sampled betweenness is an estimate; only exact betweenness is verified");
    } else {
      BetweennessOptions options;
      options.weighted = request.weighted;
      options.normalized = request.normalized;
      BetweennessResult result;
      result.scores = *scores;
      result.sources = view.node_count();
      out.merge(verify_betweenness(chosen, options, result));
    }
  }
  return out;
}

Verification verify_anchors(const GraphView& view, const anchors::AnchorRequest& request,
                            const std::vector<std::int64_t>& membership, const anchors::AnchorOutcome& outcome) {
  Verification out = anchors::verify_guimera_amaral(Adjacency::undirected(view), membership.empty() ? outcome.groups : membership,
                                                    request.weighted, outcome.roles);
  out.merge(anchors::verify_supply_dependency(anchors::supply_flow(supply_view(view)), outcome.dependency));
  return out;
}

Verification verify_parks(const GraphView& view, const spatial::ParkOutcome& outcome) {
  Verification out = spatial::verify_park_verdicts(view, outcome);
  // The first null replicate, replayed alone: its degrees (and, for the distance null, link
  // length bands) against the observed network, and its counts against the stored sample.
  const auto rewired = spatial::rewired_edges(view, outcome.units.unit_of, outcome.null_options, 0);
  out.merge(spatial::verify_null_replicate(view, outcome.units.unit_of, outcome.null_options, outcome.null, 0, rewired));
  return out;
}

Verification verify_main_job(const Graph& graph, const pipeline::MainJobRequest& request,
                             const pipeline::MainJobOutcome& outcome) {
  const GraphView view(graph, EdgeFilter::parse(request.layers, request.years));
  Verification out = verify_communities(view, pipeline::community_step(request.seed, request.stability_runs, request.community_method, request.resolution), outcome.communities);
  anchors::AnchorRequest anchor_request;
  anchor_request.top = request.top_anchors;
  anchor_request.study_area = request.study_area;
  out.merge(verify_anchors(view, anchor_request, outcome.communities.membership, outcome.anchors));
  if (outcome.parks_run) out.merge(verify_parks(view, outcome.parks));
  if (outcome.exposure_run) {
    EdgeFilter supply = view.filter();
    supply.type_mask &= static_cast<std::uint16_t>(1u << static_cast<unsigned>(RelationType::supply));
    risk::ExposureRequest exposure_request;
    exposure_request.cascade.tolerance = request.risk_tolerance;
    exposure_request.anchor_score = outcome.anchors.score;
    out.merge(risk::verify_park_exposure(GraphView(graph, supply), exposure_request, outcome.exposure));
  }
  out.merge(spatial::verify_concentration(graph.nodes, outcome.concentration));
  if (outcome.concentration.distance) out.merge(spatial::verify_distance_concentration(*outcome.concentration.distance));
  return out;
}

}  // namespace firmnet::cli

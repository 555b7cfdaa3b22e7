#include "algorithms/risk/park_exposure.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>

#include "graph/errors.hpp"

namespace firmnet::risk {
namespace {

/// One scenario: the firms that fail, and the park whose anchors they are (-1 for a region).
struct Scenario {
  std::vector<NodeId> failing;
  std::int32_t park = -1;
  std::int32_t region = -1;
};

/// Runs every scenario on one network; row s of the result holds scenario s's output lost
/// per park (index = park code), then the network's share lost as the last entry.
std::vector<std::vector<double>> park_losses(const ProductionNetwork& network, const std::vector<std::int32_t>& park_of,
                                             std::size_t parks, const std::vector<Scenario>& scenarios,
                                             const CascadeSettings& settings, const Progress& progress) {
  std::vector<std::vector<double>> rows(scenarios.size());
  const auto count = static_cast<std::int64_t>(scenarios.size());
  std::int64_t done = 0;
#pragma omp parallel
  {
    CascadeWorkspace workspace(network);
#pragma omp for schedule(dynamic, 1)
    for (std::int64_t s = 0; s < count; ++s) {
      std::vector<InitialShock> shocks;
      for (const NodeId i : scenarios[s].failing) shocks.push_back({i, 1.0});
      workspace.run(network, shocks, settings);
      std::vector<double> lost(parks + 1, 0.0);
      for (const NodeId i : workspace.touched())
        if (park_of[i] >= 0) lost[park_of[i]] += network.out_strength[i] * (1.0 - workspace.level(i));
      lost[parks] = workspace.output_lost(network);
      rows[s] = std::move(lost);
      std::int64_t finished = 0;
#pragma omp atomic capture
      finished = ++done;
      if (omp_get_thread_num() == 0) progress.report("park exposure", static_cast<double>(finished) / static_cast<double>(count));
    }
  }
  return rows;
}

/// Fills one extreme's losses of every park from the scenario rows.
void fill_losses(const std::vector<std::vector<double>>& rows, const std::vector<Scenario>& scenarios,
                 const std::vector<double>& park_output, const std::vector<std::vector<std::uint8_t>>& hosts,
                 std::vector<ParkExposure>& parks, ParkLosses ParkExposure::*field) {
  for (ParkExposure& exposure : parks) {
    ParkLosses& losses = exposure.*field;
    const double output = park_output[exposure.park];
    for (std::size_t s = 0; s < scenarios.size(); ++s) {
      const Scenario& scenario = scenarios[s];
      const double park_share = output > 0 ? rows[s][exposure.park] / output : 0.0;
      if (scenario.park == exposure.park) {
        losses.anchors_loss = park_share;
        losses.anchors_network_loss = rows[s].back();
      } else if (scenario.region >= 0 && !hosts[exposure.park][scenario.region] &&
                 (losses.worst_region < 0 || park_share > losses.worst_region_loss)) {
        losses.worst_region = scenario.region;
        losses.worst_region_loss = park_share;
      }
    }
  }
}

}  // namespace

std::vector<NodeId> park_anchors(const std::vector<NodeId>& members, const std::vector<double>& score,
                                 const std::vector<double>& output, std::size_t k) {
  std::vector<NodeId> candidates;
  for (const NodeId i : members)
    if (output[i] > 0 && (score.empty() || std::isfinite(score[i]))) candidates.push_back(i);
  const auto key = [&](NodeId i) { return score.empty() ? output[i] : score[i]; };
  k = std::min(k, candidates.size());
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(k), candidates.end(),
                    [&](NodeId a, NodeId b) { return key(a) != key(b) ? key(a) > key(b) : a < b; });
  candidates.resize(k);
  return candidates;
}

ExposureOutcome run_park_exposure(const GraphView& view, const ExposureRequest& request, const Progress& progress) {
  check_cascade_inputs(request, "exposure");
  if (request.anchors_per_park == 0) throw UsageError("exposure: --anchors-per-park must be at least 1");
  const Graph& graph = view.graph();
  const NodeId n = view.node_count();
  if (!request.anchor_score.empty() && request.anchor_score.size() != n)
    throw UsageError("exposure: the anchor scores do not match the network's nodes");
  ExposureOutcome outcome;
  outcome.has_table = request.has_table();
  progress.report("production network", 0.0);
  ProductionNetwork network = primary_network(view, request);
  outcome.unmatched_pairs = network.unmatched_pairs;

  const std::size_t park_count = graph.nodes.park.dictionary.size();
  const std::size_t region_count = graph.nodes.region.dictionary.size();
  std::vector<std::int32_t> park_of(n, -1);
  std::vector<std::vector<NodeId>> members(park_count);
  std::vector<std::vector<NodeId>> region_firms(region_count);
  std::vector<double> park_output(park_count, 0.0);
  // hosts[p][r] = 1 when park p has a member in region r: that region's lockdown is not outside.
  std::vector<std::vector<std::uint8_t>> hosts(park_count, std::vector<std::uint8_t>(region_count, 0));
  for (NodeId i = 0; i < n; ++i) {
    const bool in_network = network.in_strength[i] > 0 || network.out_strength[i] > 0;
    const std::int32_t park = graph.nodes.park.codes[i];
    const std::int32_t region = graph.nodes.region.codes[i];
    if (region >= 0 && in_network) region_firms[region].push_back(i);
    if (park < 0 || !in_network) continue;
    park_of[i] = park;
    members[park].push_back(i);
    park_output[park] += network.out_strength[i];
    if (region >= 0) hosts[park][region] = 1;
  }

  std::vector<Scenario> scenarios;
  for (std::size_t p = 0; p < park_count; ++p) {
    if (members[p].empty()) continue;
    ParkExposure exposure;
    exposure.park = static_cast<std::int32_t>(p);
    exposure.firms = members[p].size();
    exposure.output_share = network.total_output > 0 ? park_output[p] / network.total_output : 0.0;
    exposure.anchors = park_anchors(members[p], request.anchor_score, network.out_strength, request.anchors_per_park);
    double anchors_output = 0;
    for (const NodeId i : exposure.anchors) anchors_output += network.out_strength[i];
    exposure.anchors_output_share = park_output[p] > 0 ? anchors_output / park_output[p] : 0.0;
    for (std::size_t r = 0; r < region_count; ++r) exposure.regions_tested += !region_firms[r].empty() && !hosts[p][r];
    // In node order, as firmnet shock lists a failing set: under a tolerance the settled
    // levels depend on the order the shocks enter the frontier.
    std::vector<NodeId> failing = exposure.anchors;
    std::sort(failing.begin(), failing.end());
    if (!failing.empty()) scenarios.push_back({std::move(failing), exposure.park, -1});
    outcome.parks.push_back(std::move(exposure));
  }
  if (outcome.parks.empty()) return outcome;
  for (std::size_t r = 0; r < region_count; ++r)
    if (!region_firms[r].empty()) scenarios.push_back({region_firms[r], -1, static_cast<std::int32_t>(r)});

  fill_losses(park_losses(network, park_of, park_count, scenarios, request.cascade, progress), scenarios, park_output,
              hosts, outcome.parks, &ParkExposure::losses);
  outcome.cascades = scenarios.size();
  if (!outcome.has_table) {
    network = {};  // one production network in memory at a time
    const ProductionNetwork linear = linear_network(view, request);
    fill_losses(park_losses(linear, park_of, park_count, scenarios, request.cascade, progress), scenarios, park_output,
                hosts, outcome.parks, &ParkExposure::linear_losses);
    outcome.cascades += scenarios.size();
  }
  progress.report("park exposure", 1.0);
  return outcome;
}

}  // namespace firmnet::risk

#include "algorithms/risk/shock_scenario.hpp"

#include <algorithm>

#include "graph/errors.hpp"
#include "graph/industry_code.hpp"
#include "graph/progress.hpp"

namespace firmnet::risk {
namespace {

std::vector<GroupLoss> losses_by(const StringColumn& column, const ProductionNetwork& network,
                                 const std::vector<double>& output_lost) {
  std::vector<GroupLoss> groups(column.dictionary.size() + 1);
  for (std::size_t g = 0; g < column.dictionary.size(); ++g) groups[g].group = column.dictionary[g];
  for (NodeId i = 0; i < network.firms; ++i) {
    if (network.in_strength[i] == 0 && network.out_strength[i] == 0) continue;
    GroupLoss& group = groups[column.missing(i) ? column.dictionary.size() : static_cast<std::size_t>(column.codes[i])];
    ++group.firms;
    group.output += network.out_strength[i];
    group.output_lost += output_lost[i];
  }
  std::vector<GroupLoss> lost;
  for (GroupLoss& group : groups)
    if (group.output_lost > 0) {
      group.share_lost = group.output > 0 ? group.output_lost / group.output : 0.0;
      lost.push_back(std::move(group));
    }
  std::stable_sort(lost.begin(), lost.end(),
                   [](const GroupLoss& a, const GroupLoss& b) { return a.output_lost > b.output_lost; });
  return lost;
}

ScenarioLosses scenario_losses(const Graph& graph, const ProductionNetwork& network,
                               const std::vector<NodeId>& failing, const ShockRequest& request) {
  std::vector<InitialShock> shocks;
  for (const NodeId i : failing) shocks.push_back({i, request.fraction});
  CascadeWorkspace workspace(network);
  workspace.run(network, shocks, request.cascade);
  ScenarioLosses losses;
  losses.level.assign(network.firms, 1.0);
  losses.output_lost.assign(network.firms, 0.0);
  for (const NodeId i : workspace.touched()) {
    losses.level[i] = workspace.level(i);
    losses.output_lost[i] = network.out_strength[i] * (1.0 - workspace.level(i));
    if (workspace.level(i) < 1.0) ++losses.affected;
  }
  losses.share_lost = workspace.output_lost(network);
  losses.by_park = losses_by(graph.nodes.park, network, losses.output_lost);
  losses.by_industry = losses_by(graph.nodes.industry, network, losses.output_lost);
  losses.by_region = losses_by(graph.nodes.region, network, losses.output_lost);
  return losses;
}

}  // namespace

std::vector<NodeId> failing_firms(const Graph& graph, const ShockRequest& request) {
  if (request.names.empty()) throw UsageError("shock: name the failing firms, park, region or industry");
  std::vector<NodeId> failing;
  const NodeId n = graph.node_count();
  if (request.by == FailingBy::firms) {
    for (const std::string& id : request.names) {
      const std::int64_t node = graph.find_node(id);
      if (node < 0) throw UsageError("shock: no firm with id '" + id + "'");
      failing.push_back(static_cast<NodeId>(node));
    }
    std::sort(failing.begin(), failing.end());
    failing.erase(std::unique(failing.begin(), failing.end()), failing.end());
    return failing;
  }
  const std::string& wanted = request.names.front();
  const std::string wanted_industry = normalised_industry(wanted);
  for (NodeId i = 0; i < n; ++i) {
    bool hit = false;
    if (request.by == FailingBy::park) hit = graph.nodes.park.value(i) == wanted;
    if (request.by == FailingBy::region) hit = graph.nodes.region.value(i) == wanted;
    if (request.by == FailingBy::industry)
      hit = !graph.nodes.industry.missing(i) &&
            normalised_industry(graph.nodes.industry.value(i)).starts_with(wanted_industry);
    if (hit) failing.push_back(i);
  }
  if (failing.empty()) {
    const char* what = request.by == FailingBy::park ? "park" : request.by == FailingBy::region ? "region" : "industry";
    throw UsageError(std::string("shock: no firm in ") + what + " '" + wanted + "'");
  }
  return failing;
}

ShockOutcome run_shock(const GraphView& view, const ShockRequest& request, const Progress& progress) {
  if (!(request.fraction >= 0 && request.fraction <= 1)) throw UsageError("shock: --fraction must lie in [0, 1]");
  check_cascade_inputs(request, "shock");
  ShockOutcome outcome;
  outcome.failing = failing_firms(view.graph(), request);
  outcome.has_table = request.has_table();
  progress.report("shock", 0.0);
  ProductionNetwork network = primary_network(view, request);
  outcome.unmatched_pairs = network.unmatched_pairs;
  outcome.losses = scenario_losses(view.graph(), network, outcome.failing, request);
  if (!outcome.has_table) {
    network = {};  // one production network in memory at a time
    outcome.linear_losses = scenario_losses(view.graph(), linear_network(view, request), outcome.failing, request);
  }
  progress.report("shock", 1.0);
  return outcome;
}

}  // namespace firmnet::risk

#include "algorithms/risk/esri.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "algorithms/structure/connected_components.hpp"
#include "graph/errors.hpp"

namespace firmnet::risk {
namespace {

constexpr std::size_t kProgressChunk = 256;

// Firms by ESRI descending, node index ascending among ties: the first k.
std::vector<NodeId> top_firms(const std::vector<double>& value, const std::vector<NodeId>& among, std::size_t k) {
  std::vector<NodeId> order = among;
  auto riskier = [&](NodeId a, NodeId b) { return value[a] != value[b] ? value[a] > value[b] : a < b; };
  k = std::min(k, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(), riskier);
  order.resize(k);
  return order;
}

std::vector<NodeId> firms_with_links(const ProductionNetwork& network) {
  std::vector<NodeId> firms;
  for (NodeId i = 0; i < network.firms; ++i)
    if (network.in_strength[i] > 0 || network.out_strength[i] > 0) firms.push_back(i);
  return firms;
}

}  // namespace

std::vector<double> esri_of(const ProductionNetwork& network, const std::vector<NodeId>& firms,
                            const CascadeSettings& settings, std::vector<std::uint32_t>* cascade_size,
                            const Progress& progress, std::uint64_t* pops) {
  std::vector<double> values(firms.size(), 0.0);
  const auto count = static_cast<std::int64_t>(firms.size());
  std::int64_t done = 0;
  std::uint64_t pop_sum = 0;
#pragma omp parallel reduction(+ : pop_sum)
  {
    CascadeWorkspace workspace(network);
#pragma omp for schedule(dynamic, 16)
    for (std::int64_t a = 0; a < count; ++a) {
      workspace.run(network, {InitialShock{firms[a], 1.0}}, settings);
      values[a] = workspace.output_lost(network);
      pop_sum += workspace.pops();
      if (cascade_size) (*cascade_size)[firms[a]] = static_cast<std::uint32_t>(workspace.touched().size());
      std::int64_t finished = 0;
#pragma omp atomic capture
      finished = ++done;
      if (finished % kProgressChunk == 0 && omp_get_thread_num() == 0)
        progress.report("systemic risk", static_cast<double>(finished) / static_cast<double>(count));
    }
  }
  if (pops) *pops += pop_sum;
  return values;
}

RiskOutcome run_risk(const GraphView& view, const RiskRequest& request, const Progress& progress) {
  check_cascade_inputs(request, "risk");
  const NodeId n = view.node_count();
  RiskOutcome outcome;
  outcome.has_table = request.has_table();
  progress.report("production network", 0.0);
  const ProductionNetwork network = primary_network(view, request);
  outcome.unmatched_pairs = network.unmatched_pairs;
  outcome.total_output = network.total_output;
  outcome.output_share.assign(n, 0.0);
  if (network.total_output > 0)
    for (NodeId i = 0; i < n; ++i) outcome.output_share[i] = network.out_strength[i] / network.total_output;
  outcome.suppliers.assign(n, 0);
  outcome.customers.assign(n, 0);
  for (NodeId i = 0; i < n; ++i) {
    outcome.suppliers[i] = static_cast<std::uint32_t>(network.supplier_offsets[i + 1] - network.supplier_offsets[i]);
    outcome.customers[i] = static_cast<std::uint32_t>(network.customer_offsets[i + 1] - network.customer_offsets[i]);
  }
  outcome.esri.assign(n, 0.0);
  outcome.exact.assign(n, 1);
  outcome.cascade_size.assign(n, 0);
  const std::vector<NodeId> firms = firms_with_links(network);

  if (request.top == 0) {
    const std::vector<double> values = esri_of(network, firms, request.cascade, &outcome.cascade_size, progress, &outcome.frontier_pops);
    for (std::size_t a = 0; a < firms.size(); ++a) outcome.esri[firms[a]] = values[a];
    outcome.full_cascades = firms.size();
  } else {
    // Screening pass: budgeted cascades give exact values or [lower, upper] bounds.
    const structure::Components components = structure::weakly_connected_components(view);
    std::vector<double> component_output(components.count(), 0.0);
    for (NodeId i = 0; i < n; ++i)
      if (components.membership[i] >= 0) component_output[components.membership[i]] += outcome.output_share[i];
    std::vector<double> lower(n, 0.0);
    outcome.upper_bound.assign(n, 0.0);
    const auto count = static_cast<std::int64_t>(firms.size());
    std::uint64_t screen_pops = 0;
#pragma omp parallel reduction(+ : screen_pops)
    {
      CascadeWorkspace workspace(network);
#pragma omp for schedule(dynamic, 16)
      for (std::int64_t a = 0; a < count; ++a) {
        const NodeId i = firms[a];
        const bool settled = workspace.run(network, {InitialShock{i, 1.0}}, request.cascade, request.screen_pops);
        lower[i] = workspace.output_lost(network);
        screen_pops += workspace.pops();
        if (settled) {
          outcome.upper_bound[i] = lower[i];
          outcome.cascade_size[i] = static_cast<std::uint32_t>(workspace.touched().size());
        } else {
          outcome.exact[i] = 0;
          outcome.upper_bound[i] = std::max(lower[i], component_output[components.membership[i]]);
        }
      }
    }
    outcome.screened_cascades = firms.size();
    outcome.frontier_pops += screen_pops;
    const std::vector<NodeId> by_lower = top_firms(lower, firms, request.top);
    const double threshold = by_lower.empty() ? 0.0 : lower[by_lower.back()];
    std::vector<NodeId> candidates;
    for (const NodeId i : firms)
      if (!outcome.exact[i] && outcome.upper_bound[i] >= threshold) candidates.push_back(i);
    std::vector<std::uint32_t> sizes(n, 0);
    const std::vector<double> values = esri_of(network, candidates, request.cascade, &sizes, progress, &outcome.frontier_pops);
    for (std::size_t a = 0; a < candidates.size(); ++a) {
      const NodeId i = candidates[a];
      outcome.exact[i] = 1;
      outcome.upper_bound[i] = values[a];
      outcome.cascade_size[i] = sizes[i];
    }
    outcome.full_cascades = candidates.size();
    for (const NodeId i : firms) outcome.esri[i] = outcome.exact[i] ? outcome.upper_bound[i] : std::nan("");
  }
  std::vector<NodeId> exact_firms;
  for (const NodeId i : firms)
    if (outcome.exact[i]) exact_firms.push_back(i);
  outcome.top = top_firms(outcome.esri, exact_firms, request.top == 0 ? exact_firms.size() : request.top);

  if (!outcome.has_table) {
    const ProductionNetwork linear = linear_network(view, request);
    outcome.esri_linear.assign(n, 0.0);
    // Every firm's, or in top-k mode the top k's only (the others are NaN).
    std::vector<NodeId> computed = request.top == 0 ? exact_firms : outcome.top;
    if (request.top != 0) outcome.esri_linear.assign(n, std::nan(""));
    const std::vector<double> values = esri_of(linear, computed, request.cascade, nullptr, progress);
    for (std::size_t a = 0; a < computed.size(); ++a) outcome.esri_linear[computed[a]] = values[a];
  }
  progress.report("systemic risk", 1.0);
  return outcome;
}

}  // namespace firmnet::risk

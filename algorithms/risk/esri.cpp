#include "algorithms/risk/esri.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <functional>
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
  ProductionNetwork network = primary_network(view, request);
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
    // Screening in blocks: a firm whose component bound reaches the k-th largest value found
    // in earlier blocks runs to the end; any other runs under the pop budget and, if cut, keeps
    // its bounds (its upper bound stays below the final k-th largest lower bound).
    const structure::Components components = structure::weakly_connected_components(view);
    std::vector<double> component_output(components.count(), 0.0);
    for (NodeId i = 0; i < n; ++i)
      if (components.membership[i] >= 0) component_output[components.membership[i]] += outcome.output_share[i];
    outcome.upper_bound.assign(n, 0.0);
    for (const NodeId i : firms) outcome.upper_bound[i] = component_output[components.membership[i]];
    // Firms of the largest bounds first, so that the threshold rises early; node order within
    // a bound, where consecutive cascades share the records in cache (sorting by size as well
    // doubled the CPU time of the 1M open-economy run).
    std::vector<NodeId> order = firms;
    std::stable_sort(order.begin(), order.end(),
                     [&](NodeId a, NodeId b) { return outcome.upper_bound[a] > outcome.upper_bound[b]; });
    const std::size_t block = std::clamp<std::size_t>(4 * request.top, 256, 16384);
    std::vector<double> kept;  // min-heap of the k largest values (exact or lower bounds) so far
    std::vector<double> value(order.size(), 0.0);
    std::uint64_t pops = 0, full = 0;
    std::int64_t done = 0;
#pragma omp parallel reduction(+ : pops, full)
    {
      CascadeWorkspace workspace(network);
      for (std::size_t begin = 0; begin < order.size(); begin += block) {
        const double threshold = kept.size() == request.top ? kept.front() : 0.0;
        const auto end = static_cast<std::int64_t>(std::min(order.size(), begin + block));
#pragma omp for schedule(dynamic, 16)
        for (std::int64_t a = static_cast<std::int64_t>(begin); a < end; ++a) {
          const NodeId i = order[a];
          const bool to_the_end = outcome.upper_bound[i] >= threshold;
          const bool settled = workspace.run(network, {InitialShock{i, 1.0}}, request.cascade,
                                             to_the_end ? UINT64_MAX : request.screen_pops);
          value[a] = workspace.output_lost(network);
          pops += workspace.pops();
          full += to_the_end;
          if (settled) {
            outcome.upper_bound[i] = value[a];
            outcome.cascade_size[i] = static_cast<std::uint32_t>(workspace.touched().size());
          } else {
            outcome.exact[i] = 0;
            outcome.upper_bound[i] = std::max(value[a], outcome.upper_bound[i]);
          }
          std::int64_t finished = 0;
#pragma omp atomic capture
          finished = ++done;
          if (finished % kProgressChunk == 0 && omp_get_thread_num() == 0)
            progress.report("systemic risk", static_cast<double>(finished) / static_cast<double>(order.size()));
        }
        // After the loop's barrier one thread adds the block's values; the single's barrier
        // makes the new threshold visible to all before the next block.
#pragma omp single
        for (std::int64_t a = static_cast<std::int64_t>(begin); a < end; ++a) {
          kept.push_back(value[a]);
          std::push_heap(kept.begin(), kept.end(), std::greater<>());
          if (kept.size() > request.top) {
            std::pop_heap(kept.begin(), kept.end(), std::greater<>());
            kept.pop_back();
          }
        }
      }
    }
    outcome.frontier_pops += pops;
    outcome.full_cascades = full;
    outcome.screened_cascades = order.size() - full;
    for (const NodeId i : firms) outcome.esri[i] = outcome.exact[i] ? outcome.upper_bound[i] : std::nan("");
  }
  std::vector<NodeId> exact_firms;
  for (const NodeId i : firms)
    if (outcome.exact[i]) exact_firms.push_back(i);
  outcome.top = top_firms(outcome.esri, exact_firms, request.top == 0 ? exact_firms.size() : request.top);

  if (!outcome.has_table) {
    network = {};  // one production network in memory at a time
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

#include "algorithms/risk/park_exposure_verifier.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>

#include "algorithms/risk/esri_verifier.hpp"

namespace firmnet::risk {
namespace {

constexpr double kRelative = 1e-9;

/// Levels of one scenario after a fresh cascade, checked as a fixed point.
std::vector<double> checked_levels(const ProductionNetwork& network, const std::vector<NodeId>& failing,
                                   const CascadeSettings& settings, Verification& check) {
  std::vector<InitialShock> shocks;
  for (const NodeId i : failing) shocks.push_back({i, 1.0});
  CascadeWorkspace workspace(network);
  workspace.run(network, shocks, settings);
  std::vector<double> levels(network.firms);
  for (NodeId i = 0; i < network.firms; ++i) levels[i] = workspace.level(i);
  check.merge(verify_cascade_levels(network, shocks, settings, levels));
  return levels;
}

/// Share of each park's output (by park name) lost at these levels, walking every node.
std::map<std::string, double> park_shares_lost(const Graph& graph, const ProductionNetwork& network,
                                               const std::vector<double>& levels) {
  std::map<std::string, std::pair<double, double>> sums;  // park -> (output, lost)
  for (NodeId i = 0; i < network.firms; ++i) {
    if (graph.nodes.park.missing(i)) continue;
    auto& [output, lost] = sums[std::string(graph.nodes.park.value(i))];
    output += network.out_strength[i];
    lost += network.out_strength[i] * (1.0 - levels[i]);
  }
  std::map<std::string, double> shares;
  for (const auto& [park, sum] : sums) shares[park] = sum.first > 0 ? sum.second / sum.first : 0.0;
  return shares;
}

/// One extreme's losses of every park, recomputed scenario by scenario and compared.
void check_extreme(const Graph& graph, const ProductionNetwork& network, const ExposureRequest& request,
                   const ExposureOutcome& outcome, ParkLosses ParkExposure::*field, const char* extreme,
                   Verification& check) {
  const auto in_network = [&](NodeId i) { return network.in_strength[i] > 0 || network.out_strength[i] > 0; };
  // The worst outside lockdown of each park: every region's cascade once, shared by the parks.
  std::map<std::string, std::pair<std::int32_t, double>> worst;  // park -> (region, share)
  for (std::size_t r = 0; r < graph.nodes.region.dictionary.size(); ++r) {
    std::vector<NodeId> failing;
    std::set<std::string> hosted;
    for (NodeId i = 0; i < network.firms; ++i)
      if (in_network(i) && graph.nodes.region.codes[i] == static_cast<std::int32_t>(r)) {
        failing.push_back(i);
        if (!graph.nodes.park.missing(i)) hosted.insert(std::string(graph.nodes.park.value(i)));
      }
    if (failing.empty()) continue;
    for (const auto& [park, share] : park_shares_lost(graph, network, checked_levels(network, failing, request.cascade, check))) {
      if (hosted.count(park)) continue;
      auto found = worst.find(park);
      if (found == worst.end() || share > found->second.second) worst[park] = {static_cast<std::int32_t>(r), share};
    }
  }
  for (const ParkExposure& exposure : outcome.parks) {
    const ParkLosses& losses = exposure.*field;
    const std::string park(graph.nodes.park.dictionary[exposure.park]);
    const std::string where = "park " + park + " (" + extreme + ")";
    for (const double value : {losses.anchors_loss, losses.anchors_network_loss, losses.worst_region_loss})
      if (!(value >= -1e-12 && value <= 1 + 1e-12)) check.fail(where + ": loss " + number_text(value) + " outside [0, 1]");
    if (losses.anchors_loss < exposure.anchors_output_share - 1e-9)
      check.fail(where + ": anchors' loss " + number_text(losses.anchors_loss) + " below their own output share " +
                 number_text(exposure.anchors_output_share));
    if (!exposure.anchors.empty()) {
      std::vector<NodeId> failing = exposure.anchors;
      std::sort(failing.begin(), failing.end());
      const std::vector<double> levels = checked_levels(network, failing, request.cascade, check);
      check.expect_close(where + " anchors' loss", losses.anchors_loss, park_shares_lost(graph, network, levels)[park],
                         kRelative, 1e-12);
      double lost = 0;
      for (NodeId i = 0; i < network.firms; ++i) lost += network.out_strength[i] * (1.0 - levels[i]);
      check.expect_close(where + " anchors' network loss", losses.anchors_network_loss,
                         network.total_output > 0 ? lost / network.total_output : 0.0, kRelative, 1e-12);
    }
    const auto found = worst.find(park);
    const std::int32_t region = found == worst.end() ? -1 : found->second.first;
    if (losses.worst_region != region)
      check.fail(where + ": worst outside region " + std::to_string(losses.worst_region) + ", recomputed " +
                 std::to_string(region));
    check.expect_close(where + " worst region's loss", losses.worst_region_loss,
                       found == worst.end() ? 0.0 : found->second.second, kRelative, 1e-12);
  }
}

}  // namespace

Verification verify_park_exposure(const GraphView& view, const ExposureRequest& request, const ExposureOutcome& outcome) {
  Verification check;
  const ProductionNetwork network = primary_network(view, request);
  const ProductionNetwork linear = outcome.has_table ? ProductionNetwork{} : linear_network(view, request);
  const Graph& graph = view.graph();
  for (const ParkExposure& exposure : outcome.parks) {
    // The anchors: members with output, none outside the park, by decreasing key.
    const auto key = [&](NodeId u) { return request.anchor_score.empty() ? network.out_strength[u] : request.anchor_score[u]; };
    for (std::size_t a = 0; a < exposure.anchors.size(); ++a) {
      const NodeId i = exposure.anchors[a];
      if (graph.nodes.park.codes[i] != exposure.park || !(network.out_strength[i] > 0))
        check.fail("anchor " + std::to_string(i) + " of park " + std::to_string(exposure.park) + " is no member with output");
      if (a > 0 && key(exposure.anchors[a - 1]) < key(i))
        check.fail("anchors of park " + std::to_string(exposure.park) + " are not in decreasing order");
    }
    // No member left out ranks above the last anchor.
    if (!exposure.anchors.empty()) {
      const NodeId last = exposure.anchors.back();
      for (NodeId i = 0; i < network.firms; ++i)
        if (graph.nodes.park.codes[i] == exposure.park && network.out_strength[i] > 0 && std::isfinite(key(i)) &&
            std::find(exposure.anchors.begin(), exposure.anchors.end(), i) == exposure.anchors.end() &&
            (key(i) > key(last) || (key(i) == key(last) && i < last)))
          check.fail("member " + std::to_string(i) + " of park " + std::to_string(exposure.park) +
                     " ranks above the last anchor but is left out");
    }
  }
  check_extreme(graph, network, request, outcome, &ParkExposure::losses,
                outcome.has_table ? "table" : "every input essential", check);
  if (!outcome.has_table) check_extreme(graph, linear, request, outcome, &ParkExposure::linear_losses, "none essential", check);
  return check;
}

}  // namespace firmnet::risk

#include "algorithms/risk/esri_verifier.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace firmnet::risk {
namespace {

// The production function applied once to all levels, from sums over every link. Each link's
// stored share is turned back into its volume (ProductionNetwork::volume) so that group losses
// are summed from volumes, as the paper writes them, and sigma is summed afresh from each market's firms.
std::vector<double> apply_map(const ProductionNetwork& network, const std::vector<double>& cap,
                              const CascadeSettings& settings, const std::vector<double>& h) {
  const NodeId n = network.firms;
  // The replaceability factor from plain sums of each market's remaining output.
  std::vector<double> sigma(n, 1.0);
  if (settings.replaceable && settings.channels != Channels::upstream) {
    std::vector<double> available(network.market_output.size(), 0.0);
    for (NodeId j = 0; j < n; ++j)
      if (network.market[j] >= 0) available[network.market[j]] += network.out_strength[j] * h[j];
    for (NodeId j = 0; j < n; ++j)
      if (network.market[j] >= 0 && available[network.market[j]] > network.out_strength[j])
        sigma[j] = network.out_strength[j] / available[network.market[j]];
  }
  std::vector<double> group_lost(network.group_volume.size(), 0.0), group_sum(network.group_volume.size(), 0.0);
  std::vector<NodeId> group_owner(network.group_volume.size(), 0);
  std::vector<double> linear(n, 0.0), demand(n, 0.0);
  for (NodeId j = 0; j < n; ++j)
    for (EdgeId e = network.customer_offsets[j]; e < network.customer_offsets[j + 1]; ++e) {
      const CustomerLink& link = network.customer_links[e];
      const NodeId c = link.customer;
      const std::uint32_t g = link.group;
      const double essential = network.group_essential[g];
      const double w = network.volume(link);
      group_owner[g] = c;
      group_sum[g] += w;
      group_lost[g] += w * (1.0 - h[j]) * sigma[j];
      linear[c] += (1.0 - essential) * w * (1.0 - h[j]) * sigma[j];
      demand[j] += w * (1.0 - h[c]);
    }
  std::vector<double> down(n, 1.0);
  for (std::size_t g = 0; g < group_sum.size(); ++g)
    if (group_sum[g] > 0)
      down[group_owner[g]] =
          std::min(down[group_owner[g]], 1.0 - network.group_essential[g] * group_lost[g] / group_sum[g]);
  std::vector<double> next(n);
  for (NodeId i = 0; i < n; ++i) {
    double value = cap[i];
    if (settings.channels != Channels::upstream && network.in_strength[i] > 0)
      value = std::min({value, down[i], 1.0 - linear[i] / network.in_strength[i]});
    if (settings.channels != Channels::downstream && network.sales[i] > 0)
      value = std::min(value, 1.0 - demand[i] / network.sales[i]);
    next[i] = std::max(0.0, value);
  }
  return next;
}

}  // namespace

Verification verify_cascade_levels(const ProductionNetwork& network, const std::vector<InitialShock>& shocks,
                                   const CascadeSettings& settings, const std::vector<double>& levels) {
  Verification report;
  const NodeId n = network.firms;
  if (levels.size() != n) {
    report.fail("levels: " + std::to_string(levels.size()) + " values for " + std::to_string(n) + " firms");
    return report;
  }
  std::vector<double> cap(n, 1.0);
  for (const InitialShock& shock : shocks) cap[shock.firm] = std::min(cap[shock.firm], 1.0 - shock.fraction);
  for (NodeId i = 0; i < n; ++i) {
    if (!(levels[i] >= 0 && levels[i] <= 1)) report.fail("level of firm " + std::to_string(i) + " outside [0, 1]");
    if (levels[i] > cap[i] + 1e-12) report.fail("firm " + std::to_string(i) + " above its initial shock cap");
  }
  if (settings.channels == Channels::both) {
    // Each track is checked as a fixed point of its own channel; the levels must be their minimum.
    std::vector<double> lowest(n, 1.0);
    for (const Channels channel : {Channels::downstream, Channels::upstream}) {
      CascadeSettings track = settings;
      track.channels = channel;
      CascadeWorkspace workspace(network);
      workspace.run(network, shocks, track);
      std::vector<double> track_levels(n);
      for (NodeId i = 0; i < n; ++i) {
        track_levels[i] = workspace.level(i);
        lowest[i] = std::min(lowest[i], track_levels[i]);
      }
      report.merge(verify_cascade_levels(network, shocks, track, track_levels));
    }
    for (NodeId i = 0; i < n; ++i)
      if (levels[i] != lowest[i]) report.fail("firm " + std::to_string(i) + " not at the lower of its two tracks");
    return report;
  }
  const std::vector<double> once = apply_map(network, cap, settings, cap);
  const std::vector<double> again = apply_map(network, cap, settings, levels);
  for (NodeId i = 0; i < n; ++i) {
    if (levels[i] > once[i] + 1e-12)
      report.fail("firm " + std::to_string(i) + " above the first round's level: levels must only fall");
    if (std::abs(again[i] - levels[i]) > settings.tolerance + 1e-9)
      report.fail("firm " + std::to_string(i) + " not at a fixed point: level " + number_text(levels[i]) +
                  ", map gives " + number_text(again[i]));
  }
  return report;
}

Verification verify_esri(const ProductionNetwork& network, const RiskOutcome& outcome,
                         const CascadeSettings& settings, std::size_t sample, std::uint64_t seed) {
  Verification report;
  const NodeId n = network.firms;
  for (NodeId i = 0; i < n && i < outcome.esri.size(); ++i) {
    if (!outcome.exact[i]) continue;
    const double share = network.total_output > 0 ? network.out_strength[i] / network.total_output : 0.0;
    if (outcome.esri[i] < share - 1e-12) report.fail("ESRI of firm " + std::to_string(i) + " below its output share");
    if (outcome.esri[i] > 1 + 1e-12) report.fail("ESRI of firm " + std::to_string(i) + " above 1");
  }
  CascadeWorkspace workspace(network);
  for (const NodeId i : sample_nodes(n, sample, seed)) {
    if (!outcome.exact[i] || (network.in_strength[i] == 0 && network.out_strength[i] == 0)) continue;
    const std::vector<InitialShock> shocks{{i, 1.0}};
    workspace.run(network, shocks, settings);
    std::vector<double> levels(n);
    for (NodeId j = 0; j < n; ++j) levels[j] = workspace.level(j);
    report.merge(verify_cascade_levels(network, shocks, settings, levels));
    double lost = 0;
    for (NodeId j = 0; j < n; ++j) lost += network.out_strength[j] * (1.0 - levels[j]);
    if (network.total_output > 0) lost /= network.total_output;
    report.expect_close("ESRI of firm " + std::to_string(i), outcome.esri[i], lost, 1e-9, 1e-12);
  }
  if (sample < n) report.notes.push_back("cascades re-checked for " + std::to_string(sample) + " sampled firms");
  return report;
}

}  // namespace firmnet::risk

#include "algorithms/risk/shock_cascade.hpp"

#include <algorithm>
#include <string>

#include "graph/errors.hpp"

namespace firmnet::risk {

Channels parse_channels(std::string_view text) {
  for (const Channels channels : {Channels::both, Channels::coupled, Channels::downstream, Channels::upstream})
    if (text == channels_name(channels)) return channels;
  throw UsageError("risk: channels must be both, coupled, downstream or upstream, not '" + std::string(text) + "'");
}

std::string_view channels_name(Channels channels) {
  switch (channels) {
    case Channels::coupled: return "coupled";
    case Channels::downstream: return "downstream";
    case Channels::upstream: return "upstream";
    default: return "both";
  }
}

CascadeWorkspace::CascadeWorkspace(const ProductionNetwork& network)
    : level_(network.firms, 1.0),
      told_(network.firms, 1.0),
      cap_(network.firms, 1.0),
      essential_cap_(network.firms, 1.0),
      lost_linear_(network.firms, 0.0),
      lost_demand_(network.firms, 0.0),
      lost_group_(network.group_volume.size(), 0.0),
      touched_flag_(network.firms, 0),
      queued_(network.firms, 0) {}

void CascadeWorkspace::reset() {
  for (const NodeId i : touched_) queued_[i] = 0;
  for (const NodeId i : touched_) {
    level_[i] = told_[i] = cap_[i] = essential_cap_[i] = 1.0;
    lost_linear_[i] = lost_demand_[i] = 0.0;
    touched_flag_[i] = 0;
  }
  for (const std::uint32_t g : touched_groups_) lost_group_[g] = 0.0;
  touched_.clear();
  touched_groups_.clear();
  pops_ = 0;
}

void CascadeWorkspace::touch(NodeId i) {
  if (!touched_flag_[i]) {
    touched_flag_[i] = 1;
    touched_.push_back(i);
  }
}

double CascadeWorkspace::recompute(const ProductionNetwork& network, NodeId i, Channels channels) const {
  double h = cap_[i];
  if (channels != Channels::upstream && network.in_strength[i] > 0)
    h = std::min({h, essential_cap_[i], 1.0 - lost_linear_[i] / network.in_strength[i]});
  if (channels != Channels::downstream && network.sales[i] > 0)
    h = std::min(h, 1.0 - lost_demand_[i] / network.sales[i]);
  return std::max(h, 0.0);
}

bool CascadeWorkspace::run(const ProductionNetwork& network, const std::vector<InitialShock>& shocks,
                           const CascadeSettings& settings, std::uint64_t max_pops) {
  for (const InitialShock& shock : shocks) {
    if (shock.firm >= network.firms) throw UsageError("risk: shocked firm " + std::to_string(shock.firm) + " out of range");
    if (!(shock.fraction >= 0 && shock.fraction <= 1)) throw UsageError("risk: shock fraction must lie in [0, 1]");
  }
  reset();
  if (settings.channels != Channels::both) return track(network, shocks, settings.channels, settings.tolerance, max_pops);
  // Two tracks, as the authors' implementations run them: the downstream cascade, kept aside,
  // then the upstream one; each firm ends at the lower of its two levels.
  const bool settled = track(network, shocks, Channels::downstream, settings.tolerance, max_pops);
  downstream_levels_.clear();
  for (const NodeId i : touched_) downstream_levels_.emplace_back(i, level_[i]);
  const std::uint64_t downstream_pops = pops_;
  reset();
  const bool upstream_settled =
      settled && track(network, shocks, Channels::upstream, settings.tolerance, max_pops - downstream_pops);
  pops_ += downstream_pops;
  for (const auto& [i, level] : downstream_levels_) {
    touch(i);
    level_[i] = std::min(level_[i], level);
  }
  return settled && upstream_settled;
}

bool CascadeWorkspace::track(const ProductionNetwork& network, const std::vector<InitialShock>& shocks,
                             Channels channels, double tolerance, std::uint64_t max_pops) {
  queue_.clear();
  for (const InitialShock& shock : shocks) {
    const NodeId i = shock.firm;
    touch(i);
    cap_[i] = std::min(cap_[i], 1.0 - shock.fraction);
    level_[i] = cap_[i];
    if (!queued_[i] && told_[i] - level_[i] > 0) {
      queued_[i] = 1;
      queue_.push_back(i);
    }
  }
  const bool downstream = channels != Channels::upstream;
  const bool upstream = channels != Channels::downstream;
  auto changed = [&](NodeId c) {
    touch(c);
    level_[c] = recompute(network, c, channels);
    if (!queued_[c] && told_[c] - level_[c] > tolerance) {
      queued_[c] = 1;
      queue_.push_back(c);
    }
  };
  // queue_ grows at the back while `head` walks it: a FIFO without moving elements.
  for (std::size_t head = 0; head < queue_.size(); ++head) {
    if (pops_ >= max_pops) {
      for (std::size_t rest = head; rest < queue_.size(); ++rest) queued_[queue_[rest]] = 0;
      queue_.clear();
      return false;
    }
    const NodeId j = queue_[head];
    queued_[j] = 0;
    ++pops_;
    const double drop = told_[j] - level_[j];
    told_[j] = level_[j];
    if (downstream)
      for (EdgeId e = network.customer_offsets[j]; e < network.customer_offsets[j + 1]; ++e) {
        const NodeId c = network.customer[e];
        const std::uint32_t g = network.customer_group[e];
        const double lost = network.customer_volume[e] * drop;
        const double share = network.group_essential[g];
        if (share > 0) {
          if (lost_group_[g] == 0.0) touched_groups_.push_back(g);
          lost_group_[g] += lost;
          essential_cap_[c] = std::min(essential_cap_[c], 1.0 - share * lost_group_[g] / network.group_volume[g]);
        }
        if (share < 1) lost_linear_[c] += (1.0 - share) * lost;
        changed(c);
      }
    if (upstream)
      for (EdgeId e = network.supplier_offsets[j]; e < network.supplier_offsets[j + 1]; ++e) {
        const NodeId s = network.supplier[e];
        lost_demand_[s] += network.supplier_volume[e] * drop;
        changed(s);
      }
    if (head > 4096 && head * 2 > queue_.size()) {  // keep the queue's memory bounded by the frontier
      queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(head) + 1);
      head = static_cast<std::size_t>(-1);
    }
  }
  queue_.clear();
  return true;
}

double CascadeWorkspace::output_lost(const ProductionNetwork& network) const {
  if (network.total_output <= 0) return 0.0;
  double lost = 0;
  for (const NodeId i : touched_) lost += network.out_strength[i] * (1.0 - level_[i]);
  return lost / network.total_output;
}

}  // namespace firmnet::risk

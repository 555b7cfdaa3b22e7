// Supply-shock cascade on a production network (Diem, Borsos, Reisch, Kertész & Thurner,
// "Quantifying firm-level economic systemic risk from nation-wide supply networks",
// Sci. Rep. 12:7719, 2022): the generalized Leontief downstream channel and the linear
// upstream channel, iterated to their fixed point.
//
// Production levels h_i in [0, 1] (1 = as before the shock). An initial shock psi_i in
// [0, 1] caps firm i at 1 - psi_i. With W_ji the volume supplier j sells to customer i,
// input groups g = (i, k) of volume T_g and essential share e_g (production_network.hpp):
//   lost share of group g:  L_g(h) = sum_{j in k} W_ji (1 - h_j) / T_g
//   downstream:  h^d_i = min( min_g (1 - e_g L_g),  1 - sum_g (1 - e_g) T_g L_g / s_in_i )
//                (e_g in {0, 1}: the most-hit essential input caps production, lost
//                non-essential inputs reduce it linearly in their share of all inputs)
//   upstream:    h^u_i = 1 - sum_c W_ic (1 - h_c) / x_i   (lost demand, linear; x_i the
//                firm's sales: s_out_i, or its revenue when known and larger, the paper's
//                revenue correction: sales to final demand are not lost)
//   coupled:     h_i = max(0, min(1 - psi_i, h^d_i(h), h^u_i(h)))   (a channel without links is 1)
//   both:        h^D = fixed point of the downstream channel alone, h^U of the upstream one,
//                h_i = min(h^D_i, h^U_i)  (the two cascades run apart, as in the authors'
//                public implementations; coupled feeds each channel's losses into the other
//                and collapses closed loops)
// Each map is monotone and the cascade starts from h = 1 - psi, so levels only fall and
// converge to the greatest fixed point below 1 - psi (the limit of the paper's synchronous
// iteration).
//
// Approach: frontier (worklist) propagation. Each firm keeps the level its neighbours have
// been told; when its level falls more than `tolerance` below that, it joins a FIFO queue
// and, when popped, passes the drop on: to its customers' group and linear losses (O(1) per
// link, the essential cap kept as a running minimum) and to its suppliers' lost demand.
// Only firms whose level changed are touched, and a workspace resets only what it touched,
// so a cascade that stays local costs time in its size, not in n. At the end every firm's
// level is within `tolerance` of the map applied to the final levels (each term's weights
// sum to at most 1).
// Complexity: O(sum over pops of the popped firm's degree); a firm is popped at most
// 1/tolerance times. Memory: a workspace holds 6 doubles and 2 bytes per firm and one double
// per input group.
#pragma once
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "algorithms/risk/production_network.hpp"

namespace firmnet::risk {

/// both: the downstream and the upstream cascade run apart, each firm ends at the lower of its
/// two levels (the authors' public implementations); coupled: one cascade in which both
/// channels feed each other; downstream / upstream: that channel alone.
enum class Channels : std::uint8_t { both, coupled, downstream, upstream };

/// Parses "both", "coupled", "downstream" or "upstream"; throws UsageError otherwise. O(1).
Channels parse_channels(std::string_view text);
/// The name parse_channels reads. O(1).
std::string_view channels_name(Channels channels);

struct CascadeSettings {
  Channels channels = Channels::both;
  double tolerance = 1e-6;  // largest level drop a firm may hold back from its neighbours
};

/// One firm's initial shock: production capped at 1 - fraction.
struct InitialShock {
  NodeId firm;
  double fraction = 1.0;
};

/// Per-thread state of the cascade, sized once for a network and reset only where touched.
class CascadeWorkspace {
 public:
  explicit CascadeWorkspace(const ProductionNetwork& network);

  /// Runs the cascade of these initial shocks (a firm listed twice takes the larger shock).
  /// Afterwards level(i) holds every firm's level and touched() the firms whose level fell.
  /// Stops after max_pops frontier pops: returns true when the cascade settled, false when it
  /// was cut (levels are then an upper bound on the settled ones). Throws UsageError for a
  /// fraction outside [0, 1] or a firm out of range.
  /// O(pops x degree) plus O(previously touched) for the reset.
  bool run(const ProductionNetwork& network, const std::vector<InitialShock>& shocks,
           const CascadeSettings& settings, std::uint64_t max_pops = UINT64_MAX);

  /// Level of firm i after the last run. O(1).
  double level(NodeId i) const { return level_[i]; }
  /// Firms whose level fell in the last run, in first-touch order. O(1).
  const std::vector<NodeId>& touched() const { return touched_; }
  /// Share of the network's output lost: sum_i s_out_i (1 - h_i) / sum_i s_out_i. O(touched).
  double output_lost(const ProductionNetwork& network) const;
  /// Firms popped from the frontier in the last run (work done). O(1).
  std::uint64_t pops() const { return pops_; }

 private:
  void reset();
  void touch(NodeId i);
  double recompute(const ProductionNetwork& network, NodeId i, Channels channels) const;
  bool track(const ProductionNetwork& network, const std::vector<InitialShock>& shocks, Channels channels,
             double tolerance, std::uint64_t max_pops);

  std::vector<double> level_, told_, cap_, essential_cap_, lost_linear_, lost_demand_;
  std::vector<double> lost_group_;
  std::vector<std::uint8_t> touched_flag_, queued_;
  std::vector<NodeId> touched_, queue_;
  std::vector<std::uint32_t> touched_groups_;
  std::vector<std::pair<NodeId, double>> downstream_levels_;  // the first track's, with `both`
  std::uint64_t pops_ = 0;
};

}  // namespace firmnet::risk

// Supply-shock cascade on a production network (Diem, Borsos, Reisch, Kertész & Thurner,
// "Quantifying firm-level economic systemic risk from nation-wide supply networks",
// Sci. Rep. 12:7719, 2022): the generalized Leontief downstream channel and the linear
// upstream channel, iterated to their fixed point.
//
// Production levels h_i in [0, 1] (1 = as before the shock). An initial shock psi_i in
// [0, 1] caps firm i at 1 - psi_i. With W_ji the volume supplier j sells to customer i,
// input groups g = (i, k) of volume T_g and essential share e_g (production_network.hpp):
//   lost share of group g:  L_g(h) = sum_{j in k} W_ji (1 - h_j) sigma_j / T_g
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
// Replaceability (off by default: sigma_j = 1): the paper's replaceability factor. A customer
// makes up a lost supplier's deliveries from the other firms of its industry k (the market)
// in proportion to what they still produce, so the loss it feels is scaled by
//   sigma_j = min(1, s_out_j / sum_{l in k} s_out_l h_l)
// (1 when the market produces nothing any more, and for a firm without an industry code); it
// acts on the downstream channel only, with the downstream levels.
// Each map is monotone (sigma_j only rises as levels fall) and the cascade starts from
// h = 1 - psi, so levels only fall and converge to the greatest fixed point below 1 - psi (the
// limit of the paper's synchronous iteration).
//
// Approach: frontier (worklist) propagation. Each firm keeps the level (and the effective
// downstream loss (1 - h_j) sigma_j) its neighbours have been told; when either has moved more
// than `tolerance`, it joins the frontier and, when popped, passes the change on: to its
// customers' group and linear losses (O(1) per link, the essential cap kept as a running
// minimum) and to its suppliers' lost demand. The frontier is a bucket queue on the pending
// change's magnitude, largest first, FIFO within a bucket (a quarter octave), so that a firm
// gathers what reaches it while larger changes spread and passes it on in fewer pops.
// Only firms whose level changed are touched, and a workspace resets only what it touched,
// so a cascade that stays local costs time in its size, not in n. With replaceability, a level
// change lowers its market's remaining output and re-examines the market's touched firms once
// before the next pop. At the end every firm's level is within `tolerance` of the map applied
// to the final levels (each term's weights sum to at most 1).
// Complexity: O(sum over pops of the popped firm's degree) (plus, with replaceability, the
// touched firms of each market changed per pop); a firm is popped at most 2/tolerance times.
// Memory: a workspace holds 64 bytes per firm, one double per input group and, with
// replaceability, 16 bytes per industry and 4 per firm.
#pragma once
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
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
  double tolerance = 1e-6;   // largest level drop a firm may hold back from its neighbours
  bool replaceable = false;  // lost suppliers replaced within their industry (sigma above)
};

/// What every cascade request (risk, shock, park exposure) shares: the essentiality table, the
/// cascade's settings and the base of lost demand.
struct CascadeInputs {
  std::string essentiality_source;  // where the table came from ("" = none: both extremes run)
  EssentialityTable table;
  CascadeSettings cascade;
  bool use_revenue = true;  // upstream base max(s_out, revenue) where revenue is known

  /// True when an essentiality table was given. O(1).
  bool has_table() const { return !essentiality_source.empty(); }
};

/// Throws UsageError, naming the command, for a tolerance outside (0, 1). O(1).
void check_cascade_inputs(const CascadeInputs& inputs, std::string_view command);
/// The network of the main run: the table's essentiality, else every input essential (the
/// upper extreme). O(n + m log d_max + groups x rules).
ProductionNetwork primary_network(const GraphView& view, const CascadeInputs& inputs);
/// The other extreme, run when no table is given: no input essential. O(n + m log d_max).
ProductionNetwork linear_network(const GraphView& view, const CascadeInputs& inputs);

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

  /// Level of firm i after the last run (with `both`, the lower of its two tracks' levels).
  /// O(1).
  double level(NodeId i) const { return std::min(firm_[i].level, firm_[i].upstream_level); }
  /// Firms whose level fell in the last run, in first-touch order. O(1).
  const std::vector<NodeId>& touched() const { return touched_; }
  /// Share of the network's output lost: sum_i s_out_i (1 - h_i) / sum_i s_out_i. O(touched).
  double output_lost(const ProductionNetwork& network) const;
  /// Firms popped from the frontier in the last run (work done). O(1).
  std::uint64_t pops() const { return pops_; }

 private:
  // Everything a pop or a link visit reads or writes about one firm, in one cache line. The
  // two tracks of `both` keep their levels apart (level: downstream, or the one level of
  // `coupled` and of a single channel; upstream_level: the upstream track's), so that the
  // upstream track runs on after the downstream one without a reset between them.
  struct alignas(64) FirmState {
    double level = 1.0;           // h_i now (downstream track, or the only level)
    double upstream_level = 1.0;  // h_i in the upstream track of `both`
    double told = 1.0;            // the level its suppliers have been told (upstream)
    double told_loss = 0.0;       // the effective loss (1 - h) sigma its customers have been told
    double ceiling = 1.0;         // running minimum of its essential groups' caps
    double lost_linear = 0.0;     // sum of linear shares lost (the linear term's loss)
    double lost_demand = 0.0;     // sum of sales shares lost (the upstream term's loss)
    std::uint8_t touched = 0, queued = 0, bucket = 0;
  };
  static_assert(sizeof(FirmState) == 64);

  void reset();
  void touch(NodeId i);
  double effective_loss(const ProductionNetwork& network, NodeId i) const;
  double pending(const ProductionNetwork& network, NodeId i) const;
  void enqueue(NodeId i, double change);
  void clear_frontier();
  void set_level(const ProductionNetwork& network, NodeId i, double level);
  void recheck_markets(const ProductionNetwork& network);
  bool track(const ProductionNetwork& network, const std::vector<InitialShock>& shocks, Channels channels,
             std::uint64_t max_pops);

  std::vector<FirmState> firm_;
  std::vector<double> lost_group_;
  std::vector<NodeId> touched_;
  std::vector<std::uint32_t> touched_groups_;
  // The frontier: a bucket queue on the pending change (bucket 0 = the largest); an entry whose
  // firm has since moved to a larger-change bucket or been popped is stale and skipped.
  std::vector<std::vector<NodeId>> buckets_;
  std::vector<std::size_t> bucket_head_;
  std::size_t first_bucket_ = 0;
  // Replaceability: each market's remaining output sum s_out h, its touched firms (a list
  // threaded through next_in_market_), and the markets changed since the last pop.
  std::vector<double> market_available_;
  std::vector<NodeId> market_first_, next_in_market_;
  std::vector<std::int32_t> touched_markets_, changed_markets_;
  std::vector<std::uint8_t> market_changed_;
  // The track being run, and the level its upstream channel reads and writes.
  bool downstream_ = true, upstream_ = true, replaceable_ = false;
  double FirmState::*upstream_level_ = &FirmState::level;
  double tolerance_ = 1e-6;
  std::uint64_t pops_ = 0;
};

}  // namespace firmnet::risk

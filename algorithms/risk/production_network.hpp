// The weighted production network the shock cascade runs on (Diem, Borsos, Reisch, Kertész &
// Thurner, Sci. Rep. 12:7719, 2022): W_ji = summed volume of the view's accepted edges j -> i
// (supplier j, customer i), firm i's out-strength s_out_i = sum_c W_ic (its output in the
// network) and in-strength s_in_i = sum_j W_ji (its inputs). The inputs of firm i are grouped
// by supplier industry k into input groups g = (i, k) of volume T_g = sum_{j in k} W_ji, each
// with an essential share e_g in [0, 1] from an EssentialityTable (or 1 / 0 for the two
// bounds). A firm without an industry code forms the group of the empty code.
// In the production function a group of share e counts as essential with weight e (its loss
// caps production at 1 - e * lost share of the group) and linearly with weight 1 - e; for
// e in {0, 1} this is the paper's generalized Leontief function (shock_cascade.hpp).
// Links are stored as the shares the cascade adds (CustomerLink, sales shares), so that a
// frontier pop reads one contiguous row and divides nothing. A customer-side link keeps one
// share: with table shares of 0 or 1 (and both extremes) only one of its two shares is
// non-zero, and a fractional group's linear share is derived from its essential one.
// Memory: per supply link 16 bytes on the customer side and 12 on the supplier side; per input
// group 8 + 8 bytes; per firm 3 x 8 + 4 bytes (plus 8 per industry).
// Complexity: O(n + m log d_max + groups x rules) to build.
#pragma once
#include <cstdint>
#include <vector>

#include "algorithms/risk/essentiality.hpp"
#include "graph/adjacency.hpp"

namespace firmnet::risk {

/// Which production function the downstream channel uses.
enum class Essentiality : std::uint8_t {
  table,  // the user's EssentialityTable
  all,    // every input essential (pure Leontief; the upper bound of ESRI)
  none,   // no input essential (linear; the other extreme)
};

/// One link on its supplier's row: the customer, the customer's input group g it feeds, and
/// the share the downstream channel adds up: e_g W_ji / T_g of the group's essential loss when
/// the group is essential (e_g > 0), else W_ji / s_in_i of the customer's linear loss. A
/// fractional group (0 < e_g < 1) also adds (1 - e_g) W_ji / s_in_i linearly:
/// share x linear_per_essential(g).
struct CustomerLink {
  NodeId customer;
  std::uint32_t group : 30;
  std::uint32_t essential : 1;   // e_g > 0
  std::uint32_t fractional : 1;  // 0 < e_g < 1
  double share;
};

/// Input groups a network can hold (the link's group field). O(1).
inline constexpr std::uint64_t kMaxInputGroups = std::uint64_t{1} << 30;

struct ProductionNetwork {
  NodeId firms = 0;
  // Customer side (by supplier j, customers ascending) and supplier side (by customer i).
  std::vector<EdgeId> customer_offsets{0};
  std::vector<CustomerLink> customer_links;
  // The supplier side: each link's supplier j and its share of the supplier's sales, W_ji / x_j
  // (what the upstream channel adds up).
  std::vector<EdgeId> supplier_offsets{0};
  std::vector<NodeId> suppliers;
  std::vector<double> sales_shares;
  // Input groups: volume T_g and essential share e_g.
  std::vector<double> group_volume, group_essential;
  std::vector<double> in_strength, out_strength;
  std::vector<double> sales;   // the upstream channel's base: s_out, or max(s_out, revenue)
  double total_output = 0;     // sum of out-strengths
  // Replaceability (shock_cascade.hpp): each firm's market, the index of its industry code
  // (-1 without one: not replaceable), and each market's output sum_{l in k} s_out_l.
  std::vector<std::int32_t> market;
  std::vector<double> market_output;
  std::uint64_t unmatched_pairs = 0;  // industry pairs no table rule matched (not essential)

  /// The linear share a fractional group's link adds per unit of its essential share:
  /// (1 - e_g) T_g / (e_g s_in_i). O(1).
  double linear_per_essential(std::uint32_t group, NodeId customer) const {
    const double e = group_essential[group];
    return (1.0 - e) * group_volume[group] / (e * in_strength[customer]);
  }
  /// The volume W_ji of a customer-side link, recovered from its share. O(1).
  double volume(const CustomerLink& link) const {
    return link.essential ? link.share * group_volume[link.group] / group_essential[link.group]
                          : link.share * in_strength[link.customer];
  }
};

/// Builds the production network of the view's accepted edges (weights summed per pair;
/// self-loops have been dropped by the graph). Throws DataError for a negative or non-finite
/// weight. O(n + m log d_max + groups x rules).
/// use_revenue: the upstream base of a firm is max(s_out, revenue) where the node table knows
/// its revenue (finite, > 0), else s_out.
ProductionNetwork build_production_network(const GraphView& view, Essentiality essentiality,
                                           const EssentialityTable& table = {}, bool use_revenue = false);

}  // namespace firmnet::risk

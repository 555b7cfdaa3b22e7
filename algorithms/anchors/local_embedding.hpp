// Local embedding of each firm in the goods-flow graph (supply_flow): how many of its
// suppliers and customers share its community, its park and its region, and which share of
// all its suppliers / customers that is. A true anchor draws on local suppliers (local
// complementary supply); a self-contained giant has few suppliers at all, and an assembler
// that sells only to outside buyers has a low local customer share.
// Counts are distinct neighbours of the simple projection. A firm without a group (missing
// park or region, community < 0) has no local partners, and its shares are NaN, as are
// shares over zero suppliers or customers. Complexity O(n + m), parallel over nodes.
#pragma once
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "graph/adjacency.hpp"
#include "graph/graph.hpp"

namespace firmnet::anchors {

enum class Locality { community = 0, park = 1, region = 2 };
inline constexpr std::size_t kLocalityCount = 3;
/// "community", "park", "region". O(1).
std::string_view locality_name(Locality locality);

struct LocalEmbedding {
  std::vector<std::int64_t> suppliers, customers;
  // Indexed by Locality: partners in the same group.
  std::array<std::vector<std::int64_t>, kLocalityCount> local_suppliers, local_customers;
  // Indexed by Locality: whether the grouping was available (community needs a membership).
  std::array<bool, kLocalityCount> available{};

  /// local / total, NaN when the firm has no group or no partners of that side. O(1).
  double supplier_share(Locality locality, NodeId v, std::int64_t own_group) const;
  /// The same for customers. O(1).
  double customer_share(Locality locality, NodeId v, std::int64_t own_group) const;
};

/// Group labels of a node attribute (park or region): the dictionary code, -1 when missing.
/// O(n).
std::vector<std::int64_t> group_labels(const StringColumn& column);

/// Embedding of every node. membership may be empty (then community counts stay zero and
/// available[community] is false); otherwise it has one entry per node. O(n + m).
LocalEmbedding local_embedding(const Adjacency& flow, const NodeTable& nodes,
                               const std::vector<std::int64_t>& membership);

}  // namespace firmnet::anchors

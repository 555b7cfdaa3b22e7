// Comparison of two partitions of the same nodes (docs/community.md, "Definitions"):
//   NMI in the form of Danon, Diaz-Guilera, Duch & Arenas, J. Stat. Mech. P09008 (2005):
//     NMI = 2 I(X;Y) / (H(X) + H(Y)), 1 when both entropies are 0;
//   ARI after Hubert & Arabie, J. Classification 2:193 (1985);
//   VI after Meila, J. Multivariate Anal. 98:873 (2007): VI = H(X) + H(Y) - 2 I(X;Y).
// Entropies use the natural logarithm (as igraph_compare_communities does).
// Approach: the contingency table is built by sorting (a, b) label pairs: O(n log n) time,
// O(n) memory.
#pragma once
#include <cstdint>
#include <span>

namespace firmnet::community {

struct PartitionComparison {
  double nmi = 0;
  double ari = 0;
  double vi = 0;
  std::int64_t nodes_compared = 0;  // nodes labelled in both partitions
};

/// Compares partitions a and b (same size; labels are any integers). Nodes with a negative
/// label in either partition (missing, e.g. a firm outside every park) are left out.
/// Throws UsageError on different sizes or fewer than 2 compared nodes. O(n log n).
PartitionComparison compare_partitions(std::span<const std::int64_t> a, std::span<const std::int64_t> b);

/// NMI only (same rules as compare_partitions). O(n log n).
double normalized_mutual_information(std::span<const std::int64_t> a, std::span<const std::int64_t> b);

}  // namespace firmnet::community

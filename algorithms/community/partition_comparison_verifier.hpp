// Verifier of partition comparisons (partition_comparison.hpp), written apart from the
// kernel: where the kernel sorts label pairs, this counts them in hash maps, then recomputes
// from that contingency table with the textbook formulas
//   NMI = 2 I / (H_a + H_b)   (1 when both entropies are 0; Danon et al. 2005),
//   VI  = H_a + H_b - 2 I      (Meila 2007),
//   ARI = (sum_ij C(n_ij, 2) - E) / ((sum_i C(a_i, 2) + sum_j C(b_j, 2)) / 2 - E),
//         E = sum_i C(a_i, 2) sum_j C(b_j, 2) / C(n, 2)   (Hubert & Arabie 1985),
// natural logarithms, over the nodes labelled (>= 0) in both partitions, and compares each
// value and the node count to 1e-12.
// Complexity: O(n) expected (hash maps over labels and label pairs).
#pragma once
#include <cstdint>
#include <span>

#include "algorithms/community/partition_comparison.hpp"
#include "graph/verification.hpp"

namespace firmnet::community {

/// Checks `reported` = compare_partitions(a, b). O(n) expected.
Verification verify_partition_comparison(std::span<const std::int64_t> a, std::span<const std::int64_t> b,
                                         const PartitionComparison& reported);

}  // namespace firmnet::community

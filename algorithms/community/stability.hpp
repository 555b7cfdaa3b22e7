// Robustness of a partition over repeated randomised runs (R seeds):
//   mean pairwise NMI = average of NMI(P_r, P_s) over all pairs r < s (Danon NMI, see
//   partition_comparison.hpp);
//   consensus share of node i = average over the other runs r of the share of i's reference
//   community C(i) (minus i) that sits in i's community in run r:
//     (|C(i) ∩ D_r(i)| - 1) / (|C(i)| - 1), and 1 for a singleton C(i).
// A node with share near 1 sits with its community's core in every run; a low share marks a
// node whose assignment depends on the seed. Community robustness is the mean share of its
// members.
// Time O(R^2 n log n) for the pairwise NMI and O(R n log n) for the shares; memory O(n).
#pragma once
#include <cstddef>
#include <vector>

#include "algorithms/community/leiden.hpp"

namespace firmnet::community {

struct StabilitySummary {
  double mean_pairwise_nmi = 1;
  std::vector<double> consensus_share;  // per node, against runs[reference]
};

/// runs: memberships of the same nodes (labels >= 0); reference: the run whose communities are
/// judged (e.g. the best-quality run). One run gives NMI 1 and shares 1. O(R^2 n log n).
StabilitySummary stability_summary(const std::vector<Membership>& runs, std::size_t reference);

/// Mean of values per community label of membership (e.g. consensus share per community).
/// O(n + k).
std::vector<double> mean_by_community(const Membership& membership, const std::vector<double>& values);

}  // namespace firmnet::community

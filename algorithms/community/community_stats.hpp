// Per-community statistics of a partition on the undirected weight-summed projection:
//   size n_c; internal weight e_c (each pair once); volume vol_c = sum of member strengths;
//   cut_c = vol_c - 2 e_c (weight leaving c);
//   density = p_c / (n_c (n_c - 1) / 2), p_c the adjacent pairs inside c, unweighted, so that
//   it lies in [0, 1] (0 when n_c < 2);
//   conductance = cut_c / min(vol_c, 2m - vol_c) (Kannan, Vempala & Vetta 2004; 0 when the
//   denominator is 0);
// and overall coverage = sum_c e_c / m, the share of weight inside communities
// (Fortunato, Phys. Rep. 486:75, 2010).
// One pass over the CSR: O(n + m) time, O(k) memory.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "graph/views.hpp"

namespace firmnet::community {

struct CommunityStats {
  std::vector<std::int64_t> size;       // per community label 0..k-1
  std::vector<double> internal_weight;  // e_c
  std::vector<double> volume;           // vol_c
  std::vector<double> cut;              // cut_c
  std::vector<double> density;          // unweighted: adjacent pairs / possible pairs
  std::vector<double> conductance;
  double coverage = 0;  // 0 for a graph without weight
};

/// Statistics of membership (labels >= 0, size n) on a symmetric CSR (undirected_projection).
/// O(n + m).
CommunityStats community_stats(const WeightedCsr& symmetric, std::span<const std::int64_t> membership);

}  // namespace firmnet::community

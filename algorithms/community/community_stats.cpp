// Per-community statistics; definitions and references in the header.
#include "algorithms/community/community_stats.hpp"

#include <algorithm>
#include "graph/errors.hpp"

namespace firmnet::community {

CommunityStats community_stats(const WeightedCsr& symmetric, std::span<const std::int64_t> membership) {
  if (membership.size() != symmetric.node_count()) throw UsageError("membership size differs from node count");
  std::int64_t top = -1;
  for (std::int64_t c : membership) {
    if (c < 0) throw UsageError("membership holds a negative label");
    top = std::max(top, c);
  }
  const std::size_t k = static_cast<std::size_t>(top + 1);
  CommunityStats s;
  s.size.assign(k, 0);
  s.internal_weight.assign(k, 0.0);
  s.volume.assign(k, 0.0);
  std::vector<double> inside_twice(k, 0.0);
  std::vector<std::uint64_t> inside_pairs(k, 0);  // each internal pair once: from its smaller end
  double two_m = 0;
  for (NodeId u = 0; u < symmetric.node_count(); ++u) {
    const std::int64_t c = membership[u];
    ++s.size[c];
    for (EdgeId e = symmetric.offsets[u]; e < symmetric.offsets[u + 1]; ++e) {
      const double w = symmetric.weights[e];
      s.volume[c] += w;
      two_m += w;
      const NodeId v = symmetric.targets[e];
      if (membership[v] != c) continue;
      inside_twice[c] += w;
      if (u < v) ++inside_pairs[c];
    }
  }
  s.cut.resize(k);
  s.density.resize(k);
  s.conductance.resize(k);
  double inside = 0;
  for (std::size_t c = 0; c < k; ++c) {
    s.internal_weight[c] = inside_twice[c] / 2;
    inside += s.internal_weight[c];
    s.cut[c] = s.volume[c] - inside_twice[c];
    const double n_c = static_cast<double>(s.size[c]);
    s.density[c] = n_c >= 2 ? static_cast<double>(inside_pairs[c]) / (n_c * (n_c - 1) / 2) : 0.0;
    const double denominator = std::min(s.volume[c], two_m - s.volume[c]);
    s.conductance[c] = denominator > 0 ? s.cut[c] / denominator : 0.0;
  }
  s.coverage = two_m > 0 ? inside / (two_m / 2) : 0.0;
  return s;
}

}  // namespace firmnet::community

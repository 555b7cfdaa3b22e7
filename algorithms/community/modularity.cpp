// Quality functions; formulas and references in modularity.hpp.
#include "algorithms/community/modularity.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace firmnet::community {

namespace {

std::size_t label_count(const WeightedCsr& csr, std::span<const std::int64_t> membership) {
  if (membership.size() != csr.node_count()) throw std::invalid_argument("membership size differs from node count");
  std::int64_t top = -1;
  for (std::int64_t c : membership) {
    if (c < 0) throw std::invalid_argument("membership holds a negative label");
    top = std::max(top, c);
  }
  return static_cast<std::size_t>(top + 1);
}

}  // namespace

double modularity(const WeightedCsr& symmetric, std::span<const std::int64_t> membership, double resolution) {
  const std::size_t k = label_count(symmetric, membership);
  std::vector<double> volume(k, 0.0);
  double inside = 0, two_m = 0;
  for (NodeId u = 0; u < symmetric.node_count(); ++u) {
    const std::int64_t cu = membership[u];
    double strength = 0;
    for (EdgeId e = symmetric.offsets[u]; e < symmetric.offsets[u + 1]; ++e) {
      const double w = symmetric.weights[e];
      strength += w;
      if (membership[symmetric.targets[e]] == cu) inside += w;
    }
    volume[cu] += strength;
    two_m += strength;
  }
  if (two_m <= 0) return 0.0;
  double expected = 0;
  for (double v : volume) expected += v * v;
  return inside / two_m - resolution * expected / (two_m * two_m);
}

double directed_modularity(const WeightedCsr& directed, std::span<const std::int64_t> membership,
                           double resolution) {
  const std::size_t k = label_count(directed, membership);
  std::vector<double> out_volume(k, 0.0), in_volume(k, 0.0);
  double inside = 0, m = 0;
  for (NodeId u = 0; u < directed.node_count(); ++u) {
    const std::int64_t cu = membership[u];
    for (EdgeId e = directed.offsets[u]; e < directed.offsets[u + 1]; ++e) {
      const double w = directed.weights[e];
      const NodeId v = directed.targets[e];
      m += w;
      out_volume[cu] += w;
      in_volume[membership[v]] += w;
      if (membership[v] == cu) inside += w;
    }
  }
  if (m <= 0) return 0.0;
  double expected = 0;
  for (std::size_t c = 0; c < k; ++c) expected += out_volume[c] * in_volume[c];
  return inside / m - resolution * expected / (m * m);
}

double cpm_quality(const WeightedCsr& symmetric, std::span<const std::int64_t> membership, double resolution) {
  const std::size_t k = label_count(symmetric, membership);
  std::vector<double> size(k, 0.0);
  double inside_twice = 0;
  for (NodeId u = 0; u < symmetric.node_count(); ++u) {
    size[membership[u]] += 1;
    for (EdgeId e = symmetric.offsets[u]; e < symmetric.offsets[u + 1]; ++e)
      if (membership[symmetric.targets[e]] == membership[u]) inside_twice += symmetric.weights[e];
  }
  double penalty = 0;
  for (double s : size) penalty += s * (s - 1) / 2;
  return inside_twice / 2 - resolution * penalty;
}

}  // namespace firmnet::community

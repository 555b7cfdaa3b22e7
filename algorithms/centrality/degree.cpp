#include "algorithms/centrality/degree.hpp"

#include <cstdint>

namespace firmnet::centrality {

namespace {

double row_value(const WeightedCsr& csr, NodeId u, bool weighted) {
  if (!weighted) return static_cast<double>(csr.degree(u));
  double s = 0.0;
  for (EdgeId i = csr.offsets[u]; i < csr.offsets[u + 1]; ++i) s += csr.weights[i];
  return s;
}

}  // namespace

std::vector<double> degree_centrality(const Adjacency& adjacency, DegreeMode mode, bool weighted) {
  const NodeId n = adjacency.node_count();
  std::vector<double> result(n);
  const bool use_out = !adjacency.is_directed() || mode != DegreeMode::in;
  const bool use_in = adjacency.is_directed() && mode != DegreeMode::out;
#pragma omp parallel for schedule(static)
  for (std::int64_t u = 0; u < static_cast<std::int64_t>(n); ++u) {
    const NodeId v = static_cast<NodeId>(u);
    double value = 0.0;
    if (use_out) value += row_value(adjacency.out(), v, weighted);
    if (use_in) value += row_value(adjacency.in(), v, weighted);
    result[v] = value;
  }
  return result;
}

}  // namespace firmnet::centrality

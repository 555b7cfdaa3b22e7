#include "algorithms/centrality/constraint.hpp"

#include <cmath>
#include <cstdint>
#include <limits>

#include "graph/errors.hpp"

namespace firmnet::centrality {

std::vector<double> burt_constraint(const Adjacency& adjacency, bool weighted) {
  if (adjacency.is_directed()) throw UsageError("Burt's constraint runs on the undirected projection");
  const WeightedCsr& rows = adjacency.out();
  const NodeId n = rows.node_count();
  auto weight = [&](EdgeId i) { return weighted ? rows.weights[i] : 1.0; };
  std::vector<double> inverse_total(n, 0.0);
  for (NodeId v = 0; v < n; ++v) {
    double total = 0.0;
    for (EdgeId i = rows.offsets[v]; i < rows.offsets[v + 1]; ++i) total += weight(i);
    inverse_total[v] = total > 0.0 ? 1.0 / total : 0.0;
  }
  std::vector<double> result(n, std::numeric_limits<double>::quiet_NaN());
#pragma omp parallel
  {
    std::vector<double> contribution(n, 0.0);
    std::vector<NodeId> touched;
#pragma omp for schedule(dynamic, 256)
    for (std::int64_t source = 0; source < static_cast<std::int64_t>(n); ++source) {
      const NodeId i = static_cast<NodeId>(source);
      if (rows.degree(i) == 0) continue;
      touched.clear();
      auto add = [&](NodeId j, double value) {
        if (contribution[j] == 0.0) touched.push_back(j);
        contribution[j] += value;
      };
      for (EdgeId a = rows.offsets[i]; a < rows.offsets[i + 1]; ++a) add(rows.targets[a], weight(a) * inverse_total[i]);
      for (EdgeId a = rows.offsets[i]; a < rows.offsets[i + 1]; ++a) {
        const NodeId q = rows.targets[a];
        const double p_iq = weight(a) * inverse_total[i];
        for (EdgeId b = rows.offsets[q]; b < rows.offsets[q + 1]; ++b) {
          const NodeId j = rows.targets[b];
          if (j != i) add(j, p_iq * weight(b) * inverse_total[q]);
        }
      }
      double sum = 0.0;
      for (EdgeId a = rows.offsets[i]; a < rows.offsets[i + 1]; ++a)
        sum += contribution[rows.targets[a]] * contribution[rows.targets[a]];
      for (NodeId j : touched) contribution[j] = 0.0;
      result[i] = sum;
    }
  }
  return result;
}

}  // namespace firmnet::centrality

// Locational Gini (Krugman 1991) from the LQ-sorted cumulative shares (docs/concentration.md).
#include "algorithms/spatial/locational_gini.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace firmnet::spatial {

std::vector<double> locational_gini(const ConcentrationData& data, const std::vector<double>& lq) {
  std::vector<double> gini(data.industry_count(), NAN);
  const auto industries = static_cast<std::int64_t>(gini.size());
#pragma omp parallel
  {
    std::vector<std::uint64_t> order;
#pragma omp for schedule(dynamic, 64)
    for (std::int64_t i = 0; i < industries; ++i) {
      const double e_i = data.industry_size[i], e = data.total_size;
      if (!(e_i > 0) || !(e > 0)) continue;
      order.clear();
      for (std::uint64_t c = data.cell_offsets[i]; c < data.cell_offsets[i + 1]; ++c)
        if (data.cell_size[c] > 0) order.push_back(c);  // size 0: LQ 0, Y flat, zero term
      std::sort(order.begin(), order.end(), [&](std::uint64_t a, std::uint64_t b) {
        return lq[a] != lq[b] ? lq[a] < lq[b] : data.cell_unit[a] < data.cell_unit[b];
      });
      double y_previous = 0, y = 0, sum = 0;
      for (std::uint64_t c : order) {
        const double x_step = data.unit_size[data.cell_unit[c]] / e;  // X_k - X_{k-1}
        y += data.cell_size[c] / e_i;
        sum += x_step * (y + y_previous);
        y_previous = y;
      }
      gini[i] = 1 - sum;
    }
  }
  return gini;
}

}  // namespace firmnet::spatial

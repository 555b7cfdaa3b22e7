// Location quotient, LQ = (e_ri / e_r) / (e_i / e) (docs/concentration.md).
#include "algorithms/spatial/location_quotient.hpp"

#include <cmath>
#include <cstdint>

namespace firmnet::spatial {

double location_quotient(double e_ri, double e_r, double e_i, double e) {
  if (e_r <= 0 || e_i <= 0 || e <= 0) return NAN;
  return (e_ri / e_r) / (e_i / e);
}

std::vector<double> location_quotients(const ConcentrationData& data) {
  std::vector<double> lq(data.cell_unit.size());
  const auto industries = static_cast<std::int64_t>(data.industry_count());
#pragma omp parallel for schedule(dynamic, 64)
  for (std::int64_t i = 0; i < industries; ++i)
    for (std::uint64_t c = data.cell_offsets[i]; c < data.cell_offsets[i + 1]; ++c)
      lq[c] = location_quotient(data.cell_size[c], data.unit_size[data.cell_unit[c]], data.industry_size[i],
                                data.total_size);
  return lq;
}

}  // namespace firmnet::spatial

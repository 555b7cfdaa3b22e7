// Ellison-Glaeser (1997) agglomeration index gamma with its G and H (docs/concentration.md).
#include "algorithms/spatial/ellison_glaeser.hpp"

#include <cmath>
#include <cstdint>

#include "algorithms/spatial/herfindahl.hpp"

namespace firmnet::spatial {

std::string_view degeneracy_reason(Degeneracy d) {
  switch (d) {
    case Degeneracy::none: return "";
    case Degeneracy::no_size: return "zero total size";
    case Degeneracy::single_unit: return "all size in one unit (sum x^2 = 1)";
    case Degeneracy::single_firm: return "one firm holds all of the industry (H = 1)";
    case Degeneracy::single_industry: return "one industry holds all of the group (sum w^2 = 1)";
  }
  return "";
}

double ellison_glaeser_gamma(double G, double H, double sum_x_squared) {
  const double spread = 1 - sum_x_squared;
  if (!(spread > 0) || !(H < 1)) return NAN;
  return (G - spread * H) / (spread * (1 - H));
}

double raw_geographic_concentration(const ConcentrationData& data, const std::uint32_t* units, const double* size,
                                    std::size_t k, double total) {
  double uncovered = data.sum_x_squared, covered = 0;
  for (std::size_t c = 0; c < k; ++c) {
    const double x = data.unit_size[units[c]] / data.total_size, s = size[c] / total;
    uncovered -= x * x;
    covered += (s - x) * (s - x);
  }
  return uncovered + covered;
}

std::vector<EllisonGlaeser> ellison_glaeser(const ConcentrationData& data) {
  const std::vector<double> firm_hhi = herfindahl_of_firms(data);
  std::vector<EllisonGlaeser> out(data.industry_count());
  const auto industries = static_cast<std::int64_t>(out.size());
#pragma omp parallel for schedule(dynamic, 64)
  for (std::int64_t i = 0; i < industries; ++i) {
    EllisonGlaeser& eg = out[i];
    const double e_i = data.industry_size[i];
    if (!(data.total_size > 0) || !(e_i > 0)) {
      eg = {NAN, NAN, NAN, Degeneracy::no_size};
      continue;
    }
    const std::uint64_t begin = data.cell_offsets[i];
    eg.G = raw_geographic_concentration(data, data.cell_unit.data() + begin, data.cell_size.data() + begin,
                                        data.cell_offsets[i + 1] - begin, e_i);
    eg.H = firm_hhi[i];
    // Exact tests on counts, not on the floating-point H or sum x^2.
    if (data.positive_units <= 1)
      eg.degeneracy = Degeneracy::single_unit;
    else if (data.industry_positive_firms[i] <= 1)
      eg.degeneracy = Degeneracy::single_firm;
    eg.gamma = eg.degeneracy == Degeneracy::none ? ellison_glaeser_gamma(eg.G, eg.H, data.sum_x_squared) : NAN;
  }
  return out;
}

}  // namespace firmnet::spatial

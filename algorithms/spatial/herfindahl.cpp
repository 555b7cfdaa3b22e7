// Herfindahl-Hirschman index, sum of squared shares (docs/concentration.md).
#include "algorithms/spatial/herfindahl.hpp"

#include <cmath>
#include <cstdint>

namespace firmnet::spatial {

double herfindahl(std::span<const double> sizes) {
  double total = 0;
  for (double s : sizes) total += s;
  if (total <= 0) return NAN;
  double hhi = 0;
  for (double s : sizes) hhi += (s / total) * (s / total);
  return hhi;
}

std::vector<double> herfindahl_of_units(const ConcentrationData& data) {
  std::vector<double> hhi(data.industry_count());
  for (std::size_t i = 0; i < hhi.size(); ++i) {
    const std::uint64_t begin = data.cell_offsets[i], end = data.cell_offsets[i + 1];
    hhi[i] = herfindahl(std::span<const double>(data.cell_size.data() + begin, end - begin));
  }
  return hhi;
}

std::vector<double> herfindahl_of_firms(const ConcentrationData& data) {
  std::vector<double> hhi(data.industry_count());
  for (std::size_t i = 0; i < hhi.size(); ++i) {
    const double e = data.industry_size[i];
    hhi[i] = e > 0 ? data.industry_size_squares[i] / (e * e) : NAN;
  }
  return hhi;
}

}  // namespace firmnet::spatial

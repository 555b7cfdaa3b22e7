// Local and global confidence bands from simulated curves (Duranton & Overman 2005, section 4).
#include "algorithms/spatial/simulation_envelope.hpp"

#include <algorithm>
#include <cmath>

#include "graph/errors.hpp"

namespace firmnet::spatial {
namespace {

// Per point, the simulated values sorted ascending (point-major), and whether all are numbers.
struct SortedColumns {
  std::size_t simulations, points;
  std::vector<double> values;
  std::vector<bool> valid;
  double at(std::size_t point, std::size_t rank_from_bottom) const { return values[point * simulations + rank_from_bottom]; }
};

SortedColumns sort_columns(const std::vector<double>& curves, std::size_t simulations, std::size_t points) {
  SortedColumns sorted{simulations, points, std::vector<double>(simulations * points), std::vector<bool>(points, true)};
  for (std::size_t d = 0; d < points; ++d) {
    double* column = sorted.values.data() + d * simulations;
    for (std::size_t s = 0; s < simulations; ++s) {
      column[s] = curves[s * points + d];
      if (std::isnan(column[s])) sorted.valid[d] = false;
    }
    if (sorted.valid[d]) std::sort(column, column + simulations);
  }
  return sorted;
}

// Simulations that hit (reach or pass) the band made of the value of the given 0-based rank
// from the top at every valid point (upper = true), or from the bottom (upper = false).
std::uint64_t hits(const std::vector<double>& curves, const SortedColumns& sorted, std::size_t rank, bool upper) {
  const std::size_t S = sorted.simulations, D = sorted.points;
  std::uint64_t count = 0;
  for (std::size_t s = 0; s < S; ++s)
    for (std::size_t d = 0; d < D; ++d) {
      if (!sorted.valid[d]) continue;
      const double value = curves[s * D + d];
      if (upper ? value >= sorted.at(d, S - 1 - rank) : value <= sorted.at(d, rank)) {
        ++count;
        break;
      }
    }
  return count;
}

// Largest rank whose band at most `allowed` simulations hit (hits do not decrease with the
// rank), or 0 when even the pointwise extreme is hit by more.
std::size_t global_rank(const std::vector<double>& curves, const SortedColumns& sorted, std::uint64_t allowed,
                        bool upper) {
  std::size_t lo = 0, hi = sorted.simulations - 1;
  while (lo < hi) {
    const std::size_t mid = (lo + hi + 1) / 2;
    if (hits(curves, sorted, mid, upper) <= allowed)
      lo = mid;
    else
      hi = mid - 1;
  }
  return lo;
}

}  // namespace

Envelope simulation_envelope(const std::vector<double>& curves, std::size_t simulations, std::size_t points,
                             double alpha) {
  if (!(alpha > 0 && alpha < 1)) throw UsageError("the band level alpha must lie in (0, 1)");
  Envelope e;
  for (auto* band : {&e.local_lower, &e.local_upper, &e.global_lower, &e.global_upper}) band->assign(points, NAN);
  e.upper_level = e.lower_level = NAN;
  if (simulations == 0) return e;
  const SortedColumns sorted = sort_columns(curves, simulations, points);
  const auto allowed = static_cast<std::uint64_t>(std::floor(alpha * static_cast<double>(simulations)));
  e.upper_rank = global_rank(curves, sorted, allowed, true);
  e.lower_rank = global_rank(curves, sorted, allowed, false);
  e.upper_hits = hits(curves, sorted, e.upper_rank, true);
  e.lower_hits = hits(curves, sorted, e.lower_rank, false);
  e.reached = e.upper_hits <= allowed && e.lower_hits <= allowed;
  const auto S = static_cast<double>(simulations);
  e.upper_level = 1 - static_cast<double>(e.upper_rank) / S;
  e.lower_level = static_cast<double>(e.lower_rank) / S;
  for (std::size_t d = 0; d < points; ++d) {
    if (!sorted.valid[d]) continue;
    e.local_upper[d] = sorted.at(d, simulations - 1 - allowed);
    e.local_lower[d] = sorted.at(d, allowed);
    e.global_upper[d] = sorted.at(d, simulations - 1 - e.upper_rank);
    e.global_lower[d] = sorted.at(d, e.lower_rank);
  }
  return e;
}

}  // namespace firmnet::spatial

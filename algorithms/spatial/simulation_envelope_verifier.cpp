#include "algorithms/spatial/simulation_envelope_verifier.hpp"

#include <algorithm>
#include <cmath>

namespace firmnet::spatial {

Verification verify_envelope(const std::vector<double>& curves, std::size_t simulations,
                             std::size_t points, double alpha, const Envelope& envelope) {
  Verification out;
  if (simulations == 0) return out;
  const auto allowed = static_cast<std::uint64_t>(std::floor(alpha * static_cast<double>(simulations)));
  // Count, one simulation at a time, those that reach or pass a band somewhere.
  auto count_hits = [&](const std::vector<double>& band, bool upper) {
    std::uint64_t count = 0;
    for (std::size_t s = 0; s < simulations; ++s) {
      bool hit = false;
      for (std::size_t d = 0; d < points && !hit; ++d)
        if (!std::isnan(band[d])) hit = upper ? curves[s * points + d] >= band[d] : curves[s * points + d] <= band[d];
      count += hit;
    }
    return count;
  };
  // The band at a given rank from the top (or bottom) of each point's values.
  auto band_at = [&](std::uint64_t rank, bool upper) {
    std::vector<double> band(points, NAN), column(simulations);
    for (std::size_t d = 0; d < points; ++d) {
      if (std::isnan(envelope.global_upper[d])) continue;
      for (std::size_t s = 0; s < simulations; ++s) column[s] = curves[s * points + d];
      std::sort(column.begin(), column.end(), [&](double a, double b) { return upper ? a > b : a < b; });
      band[d] = column[rank];
    }
    return band;
  };
  for (std::size_t d = 0; d < points; ++d) {
    if (std::isnan(envelope.global_upper[d])) continue;
    if (!(envelope.global_lower[d] <= envelope.local_lower[d] && envelope.local_lower[d] <= envelope.local_upper[d] &&
          envelope.local_upper[d] <= envelope.global_upper[d]))
      out.fail("bands out of order at point " + std::to_string(d));
  }
  for (const bool upper : {true, false}) {
    const std::string side = upper ? "upper" : "lower";
    const std::uint64_t rank = upper ? envelope.upper_rank : envelope.lower_rank;
    const std::vector<double>& band = upper ? envelope.global_upper : envelope.global_lower;
    if (band != band_at(rank, upper) && !std::isnan(band[0]))
      out.fail(side + " band is not the rank " + std::to_string(rank) + " value at every point");
    const std::uint64_t counted = count_hits(band, upper);
    const std::uint64_t stored = upper ? envelope.upper_hits : envelope.lower_hits;
    if (counted != stored)
      out.fail(side + " band: " + std::to_string(counted) + " simulations hit it, stored " +
                         std::to_string(stored));
    if (counted > allowed && rank > 0)
      out.fail(side + " band hit by " + std::to_string(counted) + " simulations, allowed " +
                         std::to_string(allowed));
    if (rank + 1 < simulations && counted <= allowed && count_hits(band_at(rank + 1, upper), upper) <= allowed)
      out.fail(side + " band could be one rank narrower");
  }
  return out;
}

}  // namespace firmnet::spatial

#include "datasets/generators/distance_decay_sampler.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>

#include "datasets/generators/generated.hpp"
#include "graph/errors.hpp"
#include "graph/geo_distance.hpp"
#include "graph/random.hpp"

namespace firmnet::generators {

namespace {

constexpr std::int64_t kMaxCellsPerSide = 1024;
constexpr int kMaxConsecutiveRejections = 1000;
constexpr std::uint32_t kNoPartner = std::numeric_limits<std::uint32_t>::max();

void check_inputs(std::span<const double> lat, std::span<const double> lon, std::span<const double> mass,
                  const DistanceDecayKernel& kernel) {
  if (lon.size() != lat.size() || mass.size() != lat.size())
    throw UsageError("distance decay: latitude, longitude and mass need one value per point");
  if (lat.size() >= kNoPartner) throw UsageError("distance decay: too many points");
  if (!(kernel.decay_km > 0) || !std::isfinite(kernel.decay_km) || !(kernel.cutoff_km > 0) ||
      !std::isfinite(kernel.cutoff_km))
    throw UsageError("distance decay: decay and cutoff must be positive and finite");
  for (std::size_t i = 0; i < lat.size(); ++i) {
    if (!std::isfinite(lat[i]) || !std::isfinite(lon[i]) || std::abs(lat[i]) >= 90)
      throw UsageError("distance decay: every point needs finite coordinates off the poles");
    if (!(mass[i] >= 0) || !std::isfinite(mass[i]))
      throw UsageError("distance decay: masses must be finite and >= 0");
  }
}

// Points binned into square cells of a plane whose distances bound the great-circle ones from
// below: planar(a, b) x margin <= haversine_km(a, b).
struct Grid {
  double side = 1;               // km
  double margin = 1;
  std::int64_t nx = 1, ny = 1;
  std::vector<std::uint32_t> cell_of;     // per point
  std::vector<std::size_t> cell_start;    // CSR over cells, size nx * ny + 1
  std::vector<std::uint32_t> members;     // points by cell, ascending inside a cell
  std::vector<double> member_cumulative;  // running mass inside each cell, aligned with members

  Grid(std::span<const double> lat, std::span<const double> lon, std::span<const double> mass, double decay_km) {
    const std::size_t n = lat.size();
    const double rad = std::numbers::pi / 180.0;
    double lat_min = 0, lat_max = 0, lon_min = 0, lon_max = 0, far_from_equator = 0;
    if (n > 0) {
      lat_min = *std::min_element(lat.begin(), lat.end());
      lat_max = *std::max_element(lat.begin(), lat.end());
      lon_min = *std::min_element(lon.begin(), lon.end());
      lon_max = *std::max_element(lon.begin(), lon.end());
      far_from_equator = std::max(std::abs(lat_min), std::abs(lat_max));
    }
    // Haversine >= R sqrt(dphi^2 + cos(phi1) cos(phi2) dlambda^2) sqrt(1 - delta^2 / 12) for
    // angle differences up to delta, since asin(s) >= s and sin(y) >= y (1 - y^2 / 6); the
    // last factor guards rounding.
    const double delta = std::max(lat_max - lat_min, lon_max - lon_min) * rad;
    margin = std::sqrt(std::max(0.0, 1.0 - delta * delta / 12.0)) * (1.0 - 1e-9);
    const double km_per_degree = kEarthRadiusKm * rad;
    const double lon_scale = km_per_degree * std::cos(far_from_equator * rad);
    std::vector<double> x(n), y(n);
    double extent = 0;
    for (std::size_t i = 0; i < n; ++i) {
      x[i] = (lon[i] - lon_min) * lon_scale;
      y[i] = (lat[i] - lat_min) * km_per_degree;
      extent = std::max({extent, x[i], y[i]});
    }
    side = std::max(decay_km, extent / static_cast<double>(kMaxCellsPerSide));
    auto index = [&](double v) { return std::min(kMaxCellsPerSide, static_cast<std::int64_t>(v / side)); };
    nx = n > 0 ? index(extent) + 1 : 1;
    ny = nx;
    cell_of.resize(n);
    cell_start.assign(static_cast<std::size_t>(nx * ny) + 1, 0);
    for (std::size_t i = 0; i < n; ++i) {
      cell_of[i] = static_cast<std::uint32_t>(index(y[i]) * nx + index(x[i]));
      ++cell_start[cell_of[i] + 1];
    }
    std::partial_sum(cell_start.begin(), cell_start.end(), cell_start.begin());
    members.resize(n);
    std::vector<std::size_t> fill(cell_start.begin(), cell_start.end() - 1);
    for (std::size_t i = 0; i < n; ++i) members[fill[cell_of[i]]++] = static_cast<std::uint32_t>(i);
    member_cumulative.resize(n);
    for (std::size_t c = 0; c + 1 < cell_start.size(); ++c) {
      double running = 0;
      for (std::size_t s = cell_start[c]; s < cell_start[c + 1]; ++s) member_cumulative[s] = running += mass[members[s]];
    }
  }

  double cell_mass(std::size_t c) const {
    return cell_start[c + 1] > cell_start[c] ? member_cumulative[cell_start[c + 1] - 1] : 0.0;
  }
};

// A neighbour cell offset with its distance lower bound.
struct Offset {
  std::int64_t dx, dy;
  double min_km;
};

std::vector<Offset> offsets_within(const Grid& grid, double cutoff_km) {
  // Cells to look at in each direction; the whole grid when the margin vanishes (points
  // spread over a good part of the globe).
  const auto whole = static_cast<double>(std::max(grid.nx, grid.ny));
  const double needed = grid.margin > 0 ? std::ceil(cutoff_km / (grid.side * grid.margin)) + 1 : whole;
  const auto reach = static_cast<std::int64_t>(std::min(whole, needed));
  std::vector<Offset> offsets;
  for (std::int64_t dy = -reach; dy <= reach; ++dy)
    for (std::int64_t dx = -reach; dx <= reach; ++dx) {
      const double gap_x = static_cast<double>(std::max<std::int64_t>(0, std::abs(dx) - 1)) * grid.side;
      const double gap_y = static_cast<double>(std::max<std::int64_t>(0, std::abs(dy) - 1)) * grid.side;
      const double min_km = std::hypot(gap_x, gap_y) * grid.margin;
      if (min_km <= cutoff_km) offsets.push_back({dx, dy, min_km});
    }
  return offsets;
}

// The proposal of one source cell: neighbour cells with weight W_c exp(-dmin / lambda).
struct Proposal {
  std::vector<std::size_t> cell;
  std::vector<double> min_km, cumulative;

  void build(const Grid& grid, const std::vector<Offset>& offsets, std::size_t source, double decay_km) {
    cell.clear();
    min_km.clear();
    cumulative.clear();
    const auto sx = static_cast<std::int64_t>(source) % grid.nx, sy = static_cast<std::int64_t>(source) / grid.nx;
    double total = 0;
    for (const Offset& o : offsets) {
      const std::int64_t cx = sx + o.dx, cy = sy + o.dy;
      if (cx < 0 || cy < 0 || cx >= grid.nx || cy >= grid.ny) continue;
      const auto c = static_cast<std::size_t>(cy * grid.nx + cx);
      const double w = grid.cell_mass(c) * std::exp(-o.min_km / decay_km);
      if (!(w > 0)) continue;
      cell.push_back(c);
      min_km.push_back(o.min_km);
      cumulative.push_back(total += w);
    }
  }
};

// The remaining draws of one drawer from the exact weights of its neighbourhood.
void draw_exactly(std::span<const double> lat, std::span<const double> lon, std::span<const double> mass,
                  const Grid& grid, const Proposal& proposal, const DistanceDecayKernel& kernel, std::uint32_t drawer,
                  Rng& rng, std::span<std::uint32_t> out) {
  std::vector<std::uint32_t> candidate;
  std::vector<double> cumulative;
  double total = 0;
  for (std::size_t c : proposal.cell)
    for (std::size_t s = grid.cell_start[c]; s < grid.cell_start[c + 1]; ++s) {
      const std::uint32_t j = grid.members[s];
      if (j == drawer || !(mass[j] > 0)) continue;
      const double d = haversine_km(lat[drawer], lon[drawer], lat[j], lon[j]);
      if (d > kernel.cutoff_km) continue;
      candidate.push_back(j);
      cumulative.push_back(total += mass[j] * std::exp(-d / kernel.decay_km));
    }
  for (auto& slot : out) slot = total > 0 ? candidate[rng.pick_cumulative(cumulative)] : kNoPartner;
}

void draw_for(std::span<const double> lat, std::span<const double> lon, std::span<const double> mass, const Grid& grid,
              const Proposal& proposal, const DistanceDecayKernel& kernel, std::uint32_t drawer, std::uint64_t seed,
              std::span<std::uint32_t> out) {
  Rng rng(derive_seed(seed, drawer));
  if (proposal.cumulative.empty()) {
    std::fill(out.begin(), out.end(), kNoPartner);
    return;
  }
  std::size_t done = 0;
  int rejections = 0;
  while (done < out.size()) {
    if (rejections == kMaxConsecutiveRejections) {
      draw_exactly(lat, lon, mass, grid, proposal, kernel, drawer, rng, out.subspan(done));
      return;
    }
    const std::size_t q = rng.pick_cumulative(proposal.cumulative);
    const std::size_t c = proposal.cell[q];
    const std::span<const double> in_cell(grid.member_cumulative.data() + grid.cell_start[c],
                                          grid.cell_start[c + 1] - grid.cell_start[c]);
    const std::uint32_t j = grid.members[grid.cell_start[c] + rng.pick_cumulative(in_cell)];
    const double accept = rng.uniform();
    if (j != drawer) {
      const double d = haversine_km(lat[drawer], lon[drawer], lat[j], lon[j]);
      if (d <= kernel.cutoff_km && accept < std::exp(-(d - proposal.min_km[q]) / kernel.decay_km)) {
        out[done++] = j;
        rejections = 0;
        continue;
      }
    }
    ++rejections;
  }
}

}  // namespace

PartnerDraws draw_distance_decay_partners(std::span<const double> lat, std::span<const double> lon,
                                          std::span<const double> mass, std::span<const std::uint32_t> counts,
                                          const DistanceDecayKernel& kernel, std::uint64_t seed) {
  check_inputs(lat, lon, mass, kernel);
  if (counts.size() != lat.size()) throw UsageError("distance decay: one draw count per point is needed");
  const std::size_t n = lat.size();
  const Grid grid(lat, lon, mass, kernel.decay_km);
  const std::vector<Offset> offsets = offsets_within(grid, kernel.cutoff_km);

  std::vector<std::size_t> slot_start(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) slot_start[i + 1] = slot_start[i] + counts[i];
  std::vector<std::uint32_t> slots(slot_start[n]);
  std::vector<std::size_t> source_cells;
  for (std::size_t c = 0; c + 1 < grid.cell_start.size(); ++c)
    for (std::size_t s = grid.cell_start[c]; s < grid.cell_start[c + 1]; ++s)
      if (counts[grid.members[s]] > 0) {
        source_cells.push_back(c);
        break;
      }

#pragma omp parallel
  {
    Proposal proposal;
#pragma omp for schedule(dynamic, 4)
    for (std::size_t k = 0; k < source_cells.size(); ++k) {
      const std::size_t c = source_cells[k];
      proposal.build(grid, offsets, c, kernel.decay_km);
      for (std::size_t s = grid.cell_start[c]; s < grid.cell_start[c + 1]; ++s) {
        const std::uint32_t i = grid.members[s];
        if (counts[i] == 0) continue;
        draw_for(lat, lon, mass, grid, proposal, kernel, i, seed,
                 std::span<std::uint32_t>(slots.data() + slot_start[i], counts[i]));
      }
    }
  }

  PartnerDraws draws;
  draws.drawer.reserve(slots.size());
  draws.partner.reserve(slots.size());
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t s = slot_start[i]; s < slot_start[i + 1]; ++s)
      if (slots[s] != kNoPartner) {
        draws.drawer.push_back(static_cast<std::uint32_t>(i));
        draws.partner.push_back(slots[s]);
      }
  return draws;
}

std::vector<double> distance_decay_probabilities(std::span<const double> lat, std::span<const double> lon,
                                                 std::span<const double> mass, const DistanceDecayKernel& kernel,
                                                 std::uint32_t drawer) {
  check_inputs(lat, lon, mass, kernel);
  std::vector<double> p(lat.size(), 0.0);
  double total = 0;
  for (std::size_t j = 0; j < lat.size(); ++j) {
    if (j == drawer) continue;
    const double d = haversine_km(lat[drawer], lon[drawer], lat[j], lon[j]);
    if (d <= kernel.cutoff_km) total += p[j] = mass[j] * std::exp(-d / kernel.decay_km);
  }
  if (total > 0)
    for (double& v : p) v /= total;
  return p;
}

std::vector<std::string> verify_distance_decay_draws(std::span<const double> lat, std::span<const double> lon,
                                                     std::span<const double> mass,
                                                     std::span<const std::uint32_t> counts,
                                                     const DistanceDecayKernel& kernel, const PartnerDraws& draws) {
  std::vector<std::string> violations;
  const std::size_t n = lat.size();
  if (draws.drawer.size() != draws.partner.size()) return {"drawer and partner lists differ in length"};
  std::vector<std::uint64_t> drawn(n, 0);
  for (std::size_t k = 0; k < draws.drawer.size(); ++k) {
    const std::uint32_t i = draws.drawer[k], j = draws.partner[k];
    const std::string where = "draw " + std::to_string(k) + ": ";
    if (i >= n || j >= n) {
      violations.push_back(where + "index out of range");
      continue;
    }
    if (k > 0 && draws.drawer[k - 1] > i) violations.push_back(where + "drawers not ascending");
    ++drawn[i];
    if (i == j) violations.push_back(where + "partner is the drawer");
    if (!(mass[j] > 0)) violations.push_back(where + "partner without mass");
    if (haversine_km(lat[i], lon[i], lat[j], lon[j]) > kernel.cutoff_km) violations.push_back(where + "beyond the cutoff");
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (drawn[i] > counts[i]) violations.push_back("point " + std::to_string(i) + ": more draws than asked");
    if (drawn[i] >= counts[i]) continue;
    for (std::size_t j = 0; j < n; ++j)
      if (j != i && mass[j] > 0 && haversine_km(lat[i], lon[i], lat[j], lon[j]) <= kernel.cutoff_km) {
        violations.push_back("point " + std::to_string(i) + ": fewer draws than asked although partner " +
                             std::to_string(j) + " is within the cutoff");
        break;
      }
  }
  return violations;
}

}  // namespace firmnet::generators

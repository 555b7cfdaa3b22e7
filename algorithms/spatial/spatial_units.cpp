#include "algorithms/spatial/spatial_units.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <unordered_map>

#include "graph/errors.hpp"

namespace firmnet::spatial {

namespace {
constexpr double kPi = 3.14159265358979323846;
constexpr double kKmPerDegreeLat = kPi * kEarthRadiusKm / 180.0;
}  // namespace

double haversine_km(double lat1, double lon1, double lat2, double lon2) {
  const double to_rad = kPi / 180.0;
  const double dlat = (lat2 - lat1) * to_rad, dlon = (lon2 - lon1) * to_rad;
  const double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1 * to_rad) * std::cos(lat2 * to_rad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(a)));
}

SpatialUnits units_from_column(const Graph& graph, const StringColumn& column, std::string kind) {
  SpatialUnits units;
  units.kind = std::move(kind);
  units.names = column.dictionary;
  units.unit_of.resize(graph.node_count());
  for (NodeId u = 0; u < graph.node_count(); ++u) units.unit_of[u] = column.codes[u];
  return units;
}

SpatialUnits units_by_radius(const Graph& graph, double radius_km, std::size_t min_firms) {
  if (!(radius_km > 0)) throw UsageError("--radius-km must be > 0");
  if (min_firms < 1) throw UsageError("--min-firms must be >= 1");
  const NodeTable& t = graph.nodes;
  std::vector<NodeId> points;
  for (NodeId u = 0; u < graph.node_count(); ++u)
    if (t.kind[u] == NodeKind::firm && std::isfinite(t.lat[u]) && std::isfinite(t.lon[u])) points.push_back(u);

  // Grid: cells of radius_km in latitude and in longitude measured at the equator; a cell at
  // latitude phi is narrower by cos(phi), so more longitude cells are searched there.
  const double cell_deg = radius_km / kKmPerDegreeLat;
  auto cell_of = [&](double deg) { return static_cast<std::int64_t>(std::floor(deg / cell_deg)); };
  auto key = [](std::int64_t a, std::int64_t b) { return (static_cast<std::uint64_t>(a) << 32) ^ static_cast<std::uint32_t>(b); };
  std::unordered_map<std::uint64_t, std::vector<std::size_t>> grid;
  for (std::size_t i = 0; i < points.size(); ++i)
    grid[key(cell_of(t.lat[points[i]]), cell_of(t.lon[points[i]]))].push_back(i);
  auto neighbours = [&](std::size_t i, std::vector<std::size_t>& out) {
    out.clear();
    const double lat = t.lat[points[i]], lon = t.lon[points[i]];
    const double widest = std::cos(std::min(89.0, std::fabs(lat) + cell_deg) * kPi / 180.0);
    const auto lon_span = static_cast<std::int64_t>(std::ceil(1.0 / std::max(widest, 1e-3)));
    const std::int64_t cl = cell_of(lat), co = cell_of(lon);
    for (std::int64_t a = cl - 1; a <= cl + 1; ++a)
      for (std::int64_t b = co - lon_span; b <= co + lon_span; ++b) {
        auto it = grid.find(key(a, b));
        if (it == grid.end()) continue;
        for (std::size_t j : it->second)
          if (haversine_km(lat, lon, t.lat[points[j]], t.lon[points[j]]) <= radius_km) out.push_back(j);
      }
  };

  std::vector<std::int64_t> label(points.size(), -1);
  std::vector<std::uint8_t> visited(points.size(), 0);
  std::vector<std::size_t> found, reach;
  std::int64_t groups = 0;
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (visited[i]) continue;
    visited[i] = 1;
    neighbours(i, found);
    if (found.size() < min_firms) continue;  // not a core point (may still join a group as border)
    const std::int64_t g = groups++;
    label[i] = g;
    std::deque<std::size_t> queue(found.begin(), found.end());
    while (!queue.empty()) {
      const std::size_t j = queue.front();
      queue.pop_front();
      if (label[j] < 0) label[j] = g;
      if (visited[j]) continue;
      visited[j] = 1;
      neighbours(j, reach);
      if (reach.size() >= min_firms) queue.insert(queue.end(), reach.begin(), reach.end());
    }
  }
  SpatialUnits units;
  units.kind = "radius";
  for (std::int64_t g = 0; g < groups; ++g) units.names.push_back("group-" + std::to_string(g + 1));
  units.unit_of.assign(graph.node_count(), -1);
  for (std::size_t i = 0; i < points.size(); ++i) units.unit_of[points[i]] = label[i];
  return units;
}

}  // namespace firmnet::spatial

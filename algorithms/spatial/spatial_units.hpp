// Spatial units for the park-versus-cluster test: parks, regions, or co-location groups
// derived from coordinates.
//
// Radius units: DBSCAN (Ester, Kriegel, Sander, Xu 1996) over firms with coordinates, with
// haversine distance (Earth radius 6371.0088 km). A firm with at least min_firms firms
// (itself included) within radius_km is a core point; groups are the connected core points
// plus the firms within reach of them. Neighbour search uses a latitude/longitude grid of
// cell height radius_km, so the cost is O(n * neighbours) rather than O(n^2).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "graph/graph.hpp"

namespace firmnet::spatial {

struct SpatialUnits {
  std::string kind;                   // "park", "region" or "radius"
  std::vector<std::string> names;     // unit index -> name
  std::vector<std::int64_t> unit_of;  // per node: unit index, -1 when the node has none
  std::size_t count() const { return names.size(); }
};

/// Units from a node column (park or region); nodes with no value get -1. O(n).
SpatialUnits units_from_column(const Graph& graph, const StringColumn& column, std::string kind);

/// Co-location groups by DBSCAN over firms with coordinates (institutions and firms without
/// coordinates get -1). Groups are named "group-1", "group-2", ... in order of their first
/// firm. Throws UsageError for radius_km <= 0 or min_firms < 1.
SpatialUnits units_by_radius(const Graph& graph, double radius_km, std::size_t min_firms);

/// Mean Earth radius (IUGG) used for every great-circle distance in firmnet.
inline constexpr double kEarthRadiusKm = 6371.0088;

/// Great-circle distance in km between two WGS84 points given in degrees.
double haversine_km(double lat1, double lon1, double lat2, double lon2);

}  // namespace firmnet::spatial

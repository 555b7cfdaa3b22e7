// Great-circle distances between WGS84 points on the mean Earth sphere (R = 6371.0088 km).
//
// haversine_km: d = 2 R asin(sqrt(hav)), hav = sin^2(dphi/2) + cos(phi1) cos(phi2) sin^2(dlambda/2)
// (Sinnott 1984, Sky and Telescope 68(2)). For tight loops that compare many distances with a
// few thresholds, points are turned once into unit vectors: the squared chord between two unit
// vectors is 4 hav, a monotone function of d, so thresholds kept as squared chords order pairs
// as their distances do, without trigonometry per pair.
#pragma once
#include <algorithm>
#include <cmath>
#include <numbers>

namespace firmnet {

inline constexpr double kEarthRadiusKm = 6371.0088;

/// Great-circle distance in km between two points given in degrees. O(1).
inline double haversine_km(double lat1, double lon1, double lat2, double lon2) {
  const double rad = std::numbers::pi / 180.0;
  const double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
  const double hav = std::sin(dlat / 2) * std::sin(dlat / 2) +
                     std::cos(lat1 * rad) * std::cos(lat2 * rad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(hav)));
}

/// A point as a unit vector in Earth-centred coordinates.
struct UnitVector {
  double x = 0, y = 0, z = 0;
};

/// The unit vector of a point given in degrees. O(1).
inline UnitVector unit_vector(double lat, double lon) {
  const double rad = std::numbers::pi / 180.0;
  return {std::cos(lat * rad) * std::cos(lon * rad), std::cos(lat * rad) * std::sin(lon * rad), std::sin(lat * rad)};
}

/// Squared chord between two unit vectors (= 4 hav of their angle; 0 to 4). O(1).
inline double chord_squared(const UnitVector& p, const UnitVector& q) {
  const double dx = p.x - q.x, dy = p.y - q.y, dz = p.z - q.z;
  return dx * dx + dy * dy + dz * dz;
}

/// Great-circle distance in km of a squared chord. O(1).
inline double chord_squared_to_km(double chord2) {
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(std::max(0.0, chord2)) / 2));
}

/// The squared chord of a great-circle distance in km (distances beyond half the circumference
/// map to 4). O(1).
inline double km_to_chord_squared(double km) {
  const double chord = 2 * std::sin(std::min(km / (2 * kEarthRadiusKm), std::numbers::pi / 2));
  return chord * chord;
}

}  // namespace firmnet

#pragma once
// Spherical ("Web") Mercator, EPSG:3857, the projection of web maps: x and
// y in metres on a sphere of the WGS84 semi-major axis.  Used to draw static
// maps that look like the interactive ones.  Latitudes are clamped to
// +-85.0511 degrees, where the projection is cut off.
//
// Thread-safety: pure functions.

#include <algorithm>
#include <cmath>
#include <numbers>

#include "geo/orientation.hpp"

namespace geo {

inline constexpr double kWebMercatorRadius = 6378137.0;
inline constexpr double kWebMercatorMaxLatitude = 85.0511287798066;

inline Point lonlat_to_web_mercator(Point lonlat) {
  const double lat = std::clamp(lonlat.y, -kWebMercatorMaxLatitude, kWebMercatorMaxLatitude);
  const double rad = std::numbers::pi / 180.0;
  return {kWebMercatorRadius * lonlat.x * rad,
          kWebMercatorRadius * std::log(std::tan(std::numbers::pi / 4 + lat * rad / 2))};
}

inline Point web_mercator_to_lonlat(Point xy) {
  const double deg = 180.0 / std::numbers::pi;
  return {xy.x / kWebMercatorRadius * deg,
          (2 * std::atan(std::exp(xy.y / kWebMercatorRadius)) - std::numbers::pi / 2) * deg};
}

}  // namespace geo

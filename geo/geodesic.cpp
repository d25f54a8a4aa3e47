#include "geo/geodesic.hpp"

#include <geodesic.h>

namespace geo {
namespace {

const geod_geodesic& wgs84() {
  static const geod_geodesic g = [] {
    geod_geodesic init;
    geod_init(&init, 6378137.0, 1.0 / 298.257223563);
    return init;
  }();
  return g;
}

}  // namespace

double geodesic_distance_m(Point a, Point b) { return geodesic_inverse(a, b).distance_m; }

GeodesicInverse geodesic_inverse(Point a, Point b) {
  GeodesicInverse out;
  double azi2 = 0;
  geod_inverse(&wgs84(), a.y, a.x, b.y, b.x, &out.distance_m, &out.azimuth_deg, &azi2);
  return out;
}

Point geodesic_direct(Point origin, double azimuth_deg, double distance_m) {
  double lat = 0, lon = 0, azi2 = 0;
  geod_direct(&wgs84(), origin.y, origin.x, azimuth_deg, distance_m, &lat, &lon, &azi2);
  return {lon, lat};
}

}  // namespace geo

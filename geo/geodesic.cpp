#include "geo/geodesic.hpp"

#include <geodesic.h>

#include <cmath>
#include <vector>

#include "geo/geometry.hpp"

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

double geodesic_area_m2(const Geometry& polygonal) {
  double total = 0;
  for (const PolygonRings& rings : polygonal.polygons()) {
    for (std::size_t r = 0; r < rings.size(); ++r) {
      const Ring& ring = rings[r];
      std::vector<double> lats, lons;
      for (std::size_t i = 0; i + 1 < ring.size(); ++i) {  // the closing point is implied
        lats.push_back(ring[i].y);
        lons.push_back(ring[i].x);
      }
      double area = 0, perimeter = 0;
      geod_polygonarea(&wgs84(), lats.data(), lons.data(), static_cast<int>(lats.size()), &area, &perimeter);
      total += (r == 0 ? 1 : -1) * std::fabs(area);
    }
  }
  return total;
}

Point geodesic_direct(Point origin, double azimuth_deg, double distance_m) {
  double lat = 0, lon = 0, azi2 = 0;
  geod_direct(&wgs84(), origin.y, origin.x, azimuth_deg, distance_m, &lat, &lon, &azi2);
  return {lon, lat};
}

}  // namespace geo

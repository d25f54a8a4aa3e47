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

constexpr double kDegree = 3.14159265358979323846 / 180;

// remainder(d, 360): the longitude difference in [-180, 180].  Within that
// range already (every short line) it is d itself, and libm's remainder
// cost 3 % of a nearest-boundary query.
double longitude_difference(double d) { return std::fabs(d) <= 180 ? d : std::remainder(d, 360.0); }

// Vincenty (1975), "Direct and inverse solutions of geodesics on the
// ellipsoid", Survey Review 23(176), the inverse problem, distance only.
// The iteration on the longitude difference lambda on the auxiliary sphere
// is run to 1e-15 rad (a coarser stop, such as the usual 1e-12, leaves
// micrometre errors on lines near the equator).  NaN when it does not settle.
double vincenty_m(Point p1, Point p2) {
  const double a = 6378137.0, f = 1.0 / 298.257223563, b = a * (1 - f);
  const double L = longitude_difference(p2.x - p1.x) * kDegree;
  // The reduced latitudes' sines and cosines from tan U = (1 - f) tan(phi),
  // without taking U itself.
  const double tanU1 = (1 - f) * std::tan(p1.y * kDegree), tanU2 = (1 - f) * std::tan(p2.y * kDegree);
  const double cosU1 = 1 / std::sqrt(1 + tanU1 * tanU1), sinU1 = tanU1 * cosU1;
  const double cosU2 = 1 / std::sqrt(1 + tanU2 * tanU2), sinU2 = tanU2 * cosU2;
  double lambda = L, sin_sigma = 0, cos_sigma = 1, sigma = 0, cos2_alpha = 1, cos_2sigma_m = 0;
  for (int iteration = 0;; ++iteration) {
    if (iteration == 40) return std::nan("");
    const double sin_lambda = std::sin(lambda), cos_lambda = std::cos(lambda);
    const double t1 = cosU2 * sin_lambda, t2 = cosU1 * sinU2 - sinU1 * cosU2 * cos_lambda;
    sin_sigma = std::sqrt(t1 * t1 + t2 * t2);
    if (sin_sigma == 0) return 0;  // the same point
    cos_sigma = sinU1 * sinU2 + cosU1 * cosU2 * cos_lambda;
    sigma = std::atan2(sin_sigma, cos_sigma);
    const double sin_alpha = cosU1 * cosU2 * sin_lambda / sin_sigma;
    cos2_alpha = 1 - sin_alpha * sin_alpha;
    cos_2sigma_m = cos2_alpha != 0 ? cos_sigma - 2 * sinU1 * sinU2 / cos2_alpha : 0;  // 0 on the equator
    const double C = f / 16 * cos2_alpha * (4 + f * (4 - 3 * cos2_alpha));
    const double previous = lambda;
    lambda = L + (1 - C) * f * sin_alpha *
                     (sigma + C * sin_sigma * (cos_2sigma_m + C * cos_sigma * (-1 + 2 * cos_2sigma_m * cos_2sigma_m)));
    if (std::fabs(lambda - previous) <= 1e-15) break;
  }
  const double u2 = cos2_alpha * (a * a - b * b) / (b * b);
  const double A = 1 + u2 / 16384 * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
  const double B = u2 / 1024 * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
  const double c2 = cos_2sigma_m * cos_2sigma_m;
  const double delta_sigma =
      B * sin_sigma *
      (cos_2sigma_m + B / 4 * (cos_sigma * (-1 + 2 * c2) - B / 6 * cos_2sigma_m * (-3 + 4 * sin_sigma * sin_sigma) * (-3 + 4 * c2)));
  return b * A * (sigma - delta_sigma);
}

bool vincenty_applies(Point a, Point b) {
  return std::fabs(a.y) <= 89.5 && std::fabs(b.y) <= 89.5 && std::fabs(a.y - b.y) <= 5 &&
         std::fabs(longitude_difference(b.x - a.x)) <= 5;
}

}  // namespace

double geodesic_distance_m(Point a, Point b) {
  if (vincenty_applies(a, b)) {
    const double d = vincenty_m(a, b);
    if (!std::isnan(d)) return d;
  }
  double s12 = 0;
  geod_geninverse(&wgs84(), a.y, a.x, b.y, b.x, &s12, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr);
  return s12;
}

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

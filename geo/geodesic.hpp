#pragma once
// Distances on the WGS84 ellipsoid, in metres.
//
// geodesic_inverse, geodesic_direct and geodesic_area_m2 are Karney's
// algorithms as shipped in PROJ's geodesic.h (accurate to nanometres).
// geodesic_distance_m, the one number nearest-site and radius queries need
// millions of times, uses Vincenty's inverse formula for lines spanning at
// most 5 degrees of latitude and of longitude away from the poles: about
// twice as fast, and within 10 micrometres of Karney's distance (checked
// across the globe in tests/geo/geodesic_test.cpp).  Longer lines, lines near
// a pole and the rare line where Vincenty's iteration does not settle use
// Karney's algorithm.
//
// Points are longitude/latitude in degrees (x = lon, y = lat).
// Thread-safety: pure functions.

#include "geo/orientation.hpp"

namespace geo {

double geodesic_distance_m(Point a, Point b);

// The largest difference between geodesic_distance_m and Karney's distance,
// in metres: a bound on the error of every distance-based decision.
constexpr double kGeodesicDistanceErrorM = 1e-5;

// Area of a (multi)polygon in lon/lat on the WGS84 ellipsoid, in square
// metres: exterior rings minus holes, whatever their winding.
class Geometry;
double geodesic_area_m2(const Geometry& polygonal);

// Initial azimuth (degrees clockwise from north) and distance from a to b.
struct GeodesicInverse {
  double distance_m = 0;
  double azimuth_deg = 0;
};
GeodesicInverse geodesic_inverse(Point a, Point b);

// The point at `distance_m` from `origin` along `azimuth_deg`.
Point geodesic_direct(Point origin, double azimuth_deg, double distance_m);

}  // namespace geo

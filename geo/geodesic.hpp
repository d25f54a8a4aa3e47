#pragma once
// Distances on the WGS84 ellipsoid, in metres (Karney's geodesic algorithm
// as shipped in PROJ's geodesic.h; accurate to nanometres).
//
// Points are longitude/latitude in degrees (x = lon, y = lat).
// Thread-safety: pure functions.

#include "geo/orientation.hpp"

namespace geo {

double geodesic_distance_m(Point a, Point b);

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

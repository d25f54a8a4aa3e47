#pragma once
// The set of points within a geodesic distance of a centre on the WGS84
// ellipsoid, as a polygon in longitude/latitude.
//
// Every vertex lies exactly `radius_m` from the centre along the ellipsoid
// (geo::geodesic_direct, Karney's algorithm), at equally spaced azimuths;
// edges are straight lines in longitude/latitude between them, as every
// localmap polygon's edges are.  The polygon is inscribed in the true circle:
// its area falls short by about (2 pi / vertices)^2 / 6 of it (0.04 % for
// the default 128 vertices).  Exterior ring counter-clockwise.
//
// Longitudes are unwrapped around the centre (they may leave [-180, 180]
// near the antimeridian).  A disc that would hold a pole is an error.
//
// Thread-safety: pure function.

#include "geo/geometry.hpp"

namespace geo {

Geometry geodesic_disc(Point centre, double radius_m, int vertices = 128);

}  // namespace geo

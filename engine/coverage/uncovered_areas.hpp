#pragma once
// The part of each admin unit outside every coverage disc, and its area.
//
// A facility covering radius r covers the geodesic disc of radius r around
// it: a polygon whose vertices lie exactly r metres away on the WGS84
// ellipsoid (geo/geodesic_disc.hpp), so buffers are true distances on the
// ground, not degrees.  Each unit's shape minus the union of the discs that
// reach it is computed with GEOS; areas are ellipsoidal
// (geo::geodesic_area_m2), like the units' own area_km2.
//
// Thread-safety: pure function; units are processed on `threads` threads
// and the result does not depend on how many.

#include <span>
#include <vector>

#include "engine/boundaries.hpp"
#include "geo/geometry.hpp"

namespace engine::coverage {

struct UncoveredAreas {
  std::vector<geo::Geometry> shape;  // per unit; an empty geometry when fully covered
  std::vector<double> area_km2;      // per unit
};

// `sites` and `radius_m` are parallel; radius <= 0 or a non-finite site covers nothing.
UncoveredAreas uncovered_areas(const AdminLevel& level, std::span<const geo::Point> sites,
                               std::span<const double> radius_m, int disc_vertices, unsigned threads);

}  // namespace engine::coverage

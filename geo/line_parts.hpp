#pragma once
// The vertices of linear geometries (LineString, MultiLineString), which
// geo::Geometry does not hand out as it does polygon rings.  Read from the
// geometry's WKB, so no GEOS handle leaves geo::Geometry.
//
// Thread-safety: a pure function.

#include <vector>

#include "geo/geometry.hpp"

namespace geo {

// One vector of points per line part, in order; empty for non-linear or
// empty geometries.  Z and M values, if any, are dropped.
std::vector<std::vector<Point>> line_parts(const Geometry& geometry);

}  // namespace geo

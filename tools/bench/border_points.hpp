#pragma once
// Points on and next to the district borders, so that the benchmark's check
// against the GEOS locator covers the cases an exact locator can get wrong:
// shared vertices, points on shared edges, and points a rounding error away
// from an edge.  Uniform and clustered points almost never land there.
//
// Recipe (one std::mt19937_64(seed); a "unit" draw is the top 53 bits of a
// 64-bit draw times 2^-53, as in random_points): each point takes one draw
// that picks a ring segment uniformly among all segments of `polygons` (in
// polygon, part, ring, vertex order) and a second draw u that picks, by
// thirds, the segment's first vertex exactly, its midpoint (a + b) / 2, or
// a + t (b - a) with t a third unit draw.  The last two are computed in
// doubles, so they lie on the segment or one rounding error off it, on
// either side.  Coordinates are not rounded: the CSV carries them at full
// precision (point_files.hpp).

#include <cstdint>
#include <vector>

#include "geo/geometry.hpp"

namespace bench {

std::vector<geo::Point> border_points(std::size_t n, std::uint64_t seed, const std::vector<const geo::Geometry*>& polygons);

}  // namespace bench

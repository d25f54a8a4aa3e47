#pragma once
// Which polygon of a set contains a point: the spatial-join index.
//
// Rule (the same for every implementation, so they are interchangeable):
//   1. If one or more polygons contain p under the SEMI-OPEN model of
//      geo::BandedPolygon, the answer is the lowest polygon index among them.
//      For polygons that tile a region (districts), a point on a shared edge or
//      vertex therefore belongs to exactly one of them, and per-polygon counts
//      add up to the points inside the union.
//   2. Otherwise, if p lies exactly on the boundary of one or more polygons
//      (the outer edge of the tiling), the lowest such index.
//   3. Otherwise -1 (outside every polygon).
// "Lowest index" settles overlaps deterministically: the polygon listed first
// in the input wins.
//
// Coordinates are planar (lon/lat degrees for localmap's layers); the polygon
// edges are straight lines in those coordinates.
//
// Thread-safety: the grid locator is immutable after construction and safe to
// query from many threads; the GEOS locator must be queried from one thread
// at a time (GEOS prepared geometries build their indexes lazily).

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "geo/geometry.hpp"

namespace geo {

class PointLocator {
 public:
  virtual ~PointLocator() = default;
  // Index of the polygon holding p by the rule above, or -1.
  virtual std::int32_t locate(Point p) const = 0;
  // locate() for many points; out.size() must equal points.size().
  virtual void locate_all(std::span<const Point> points, std::span<std::int32_t> out) const;
  virtual std::string name() const = 0;
};

// Uniform grid whose cells are classified once as inside one polygon, outside
// all, or crossed by edges; most points are answered by one lookup and the
// rest by exact crossing tests on a few edges.  The default.
std::unique_ptr<PointLocator> make_grid_locator(const std::vector<const Geometry*>& polygons);

// GEOS STRtree over envelopes plus prepared geometries (PreparedCovers), with
// border ties settled by the semi-open rule.  A reference baseline.
std::unique_ptr<PointLocator> make_geos_locator(const std::vector<const Geometry*>& polygons);

}  // namespace geo

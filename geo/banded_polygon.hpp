#pragma once
// A polygon (or multipolygon) prepared for exact point containment tests.
//
// Boundary model: SEMI-OPEN.  contains(p) answers whether p lies inside the
// polygon after an infinitesimal symbolic shift of p towards +x (then +y).
// Concretely it counts the boundary edges crossed by the ray from p towards
// +x, where an edge counts when its lower end is at or below p and its upper
// end strictly above (half-open in y) and p lies strictly to its left.  For
// polygons that tile a region with exactly shared edges and vertices, every
// point of the region's interior, including points on shared edges and
// vertices, is contained by exactly one polygon.  Points on the outer
// boundary of the tiling may be contained by none; on_boundary() finds them.
//
// All predicates are exact (geo::orientation), so the answer does not depend
// on floating-point rounding.  Coordinates are planar: for lon/lat data this is
// the same "straight edges in lon/lat" model that GEOS and SpatiaLite use.
//
// Edges are bucketed by horizontal bands so a test looks at O(edges/bands)
// edges.  Thread-safety: immutable after construction; safe to share.

#include <cstdint>
#include <vector>

#include "geo/envelope.hpp"
#include "geo/geometry.hpp"

namespace geo {

struct Edge {
  Point lower;  // endpoint with the smaller y (either one when y is equal)
  Point upper;
};

class BandedPolygon {
 public:
  explicit BandedPolygon(const std::vector<PolygonRings>& parts);

  bool contains(Point p) const;     // semi-open rule, see above
  bool on_boundary(Point p) const;  // closed: p lies exactly on an edge
  const Envelope& envelope() const { return envelope_; }
  std::size_t edge_count() const { return edges_.size(); }
  const std::vector<Edge>& edges() const { return edges_; }

 private:
  std::size_t band_of(double y) const;

  Envelope envelope_;
  std::vector<Edge> edges_;
  std::vector<std::uint32_t> band_start_;  // CSR offsets into band_edges_, size bands + 1
  std::vector<std::uint32_t> band_edges_;  // edge indices per band
  double band_height_ = 1;
  std::size_t band_count_ = 1;
};

}  // namespace geo

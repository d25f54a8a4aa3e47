#pragma once
// Distance from a point to the nearest polygon of a set, in metres.
//
// The nearest boundary point is searched in a local equirectangular frame
// around the query point (longitude scaled by cos(latitude)), and the
// distance reported is the exact WGS84 geodesic distance to that point.  For
// the distances that matter when snapping stray points (metres to tens of
// kilometres) the frame's distortion is far below a metre; for points
// hundreds of kilometres away the chosen boundary point may be a slightly
// different one than the true geodesic nearest, but the reported figure is
// still the true distance to a real boundary point.
//
// Thread-safety: immutable after construction; nearest() is safe to call from
// many threads.

#include <cstdint>
#include <vector>

#include "geo/envelope.hpp"
#include "geo/geometry.hpp"

namespace geo {

class BoundaryDistance {
 public:
  explicit BoundaryDistance(const std::vector<const Geometry*>& polygons);

  struct Nearest {
    std::int32_t polygon = -1;  // -1 when the set is empty
    double distance_m = 0;
    Point boundary_point;
  };
  // The nearest polygon boundary to p (ties: lowest polygon index).
  Nearest nearest(Point p) const;

 private:
  struct Segment {
    Point a, b;
    std::int32_t polygon;
  };
  std::size_t cell_x(double x) const;
  std::size_t cell_y(double y) const;

  std::vector<Segment> segments_;
  Envelope extent_;
  std::size_t nx_ = 0, ny_ = 0;
  double cell_w_ = 1, cell_h_ = 1;
  std::vector<std::uint32_t> cell_start_;  // CSR, size nx*ny + 1
  std::vector<std::uint32_t> cell_segments_;
  // Pyramid of "holds a segment" flags: level 0 is the grid, each next level
  // merges 2x2 cells.  Best-first search over it finds far boundaries
  // without visiting every empty cell in between.
  struct PyramidLevel {
    std::size_t nx, ny;
    std::vector<std::uint8_t> occupied;
  };
  std::vector<PyramidLevel> pyramid_;
};

}  // namespace geo

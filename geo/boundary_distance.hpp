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
// The answer is defined as brute force over every ring segment would give it:
// the segment with the smallest squared distance in that frame; ties go to
// the lowest polygon index, then to the segment met first in input order.
// The search structure only makes finding it fast.
//
// Thread-safety: immutable after construction; nearest() is safe to call from
// many threads.

#include <cstdint>
#include <vector>

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
  // The nearest polygon boundary to p (ties: see above).
  Nearest nearest(Point p) const;

  // Squared distance in the local frame of a query at latitude p.y from p to
  // the closest point of segment ab, and that point.  Public so that tests can
  // run the brute force the definition above names with the same arithmetic.
  static Point closest_on_segment(Point p, Point a, Point b, double kx, double& squared);
  // The frame's longitude scale at latitude `lat_deg`.
  static double frame_scale(double lat_deg);

 private:
  // A static packed R-tree (Hilbert-sorted, fixed fan-out) over the ring
  // segments.  It replaces a grid pyramid searched best-first through a
  // priority queue, which cost ~6 µs per point outside all polygons: this
  // one is searched depth-first, nearest child first, with no allocation,
  // and keeps each node's children as arrays of coordinates so that the
  // eight distances of a node are computed in one vectorisable loop.
  static constexpr std::size_t kFanout = 8;
  struct Node {  // boxes of up to kFanout children (empty boxes pad)
    double min_x[kFanout], min_y[kFanout], max_x[kFanout], max_y[kFanout];
  };
  struct Leaf {  // up to kFanout segments (the last one repeated to pad)
    double ax[kFanout], ay[kFanout], bx[kFanout], by[kFanout];
    std::int32_t polygon[kFanout];
    std::uint32_t order[kFanout];  // position in input order, for ties
  };
  struct Search;
  void search_leaf(Search& s, std::size_t leaf) const;
  void search_node(Search& s, std::size_t level, std::size_t node) const;

  std::vector<Leaf> leaves_;
  // levels_[l][i] holds the boxes of children i*kFanout.. of level l, where
  // the children of level 0 are leaves and those of level l > 0 are nodes of
  // level l-1; the last level has a single node, the root.
  std::vector<std::vector<Node>> levels_;
  std::vector<std::size_t> level_count_;  // children covered by each level
};

}  // namespace geo

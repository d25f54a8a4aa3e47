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
// Points outside the polygons tend to be asked about many times over the same
// area (every stray report of a large file).  So a grid over the polygons'
// extent keeps, for each cell asked about more than once, the segment nearest
// to the cell's centre, and a query in the cell starts from it: the search
// then begins with a bound close to the answer and prunes most of the tree
// (1.6-1.8 -> 1.1-1.2 us per uniform point outside Yemen's districts).  The start
// changes only the work, never the answer.
//
// Thread-safety: nearest() is safe to call from many threads; a cell's start
// segment is found by whichever thread first needs it, and every thread finds
// the same one.

#include <atomic>
#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <vector>

#include "geo/geometry.hpp"

namespace geo {

class BoundaryDistance {
 public:
  // Cells along the longer side of the grid, which covers the polygons'
  // extent widened by half of it on each side; 0: no grid.
  explicit BoundaryDistance(const std::vector<const Geometry*>& polygons, int cells_along_longer_side = 512);

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

  // Reorders `indices` (positions in `points`) so that points of the same
  // grid cell are consecutive, cells row by row and points off the grid
  // last; a stable sort by cell.  Asking nearest() in this order keeps the
  // part of the tree one query walks in cache for the next (1.6x faster on
  // uniform points outside Yemen's districts than a random order).  The
  // answers do not depend on the order.
  void sort_by_cell(std::span<const Point> points, std::span<std::uint32_t> indices) const;

  // Whether the search for p starts from its cell's segment (p's cell has
  // been asked about before).  For tests.
  bool starts_from_cell(Point p) const;

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
  struct Search {  // the best (squared distance, polygon, order) so far
    Point p;
    double kx;
    double best = std::numeric_limits<double>::infinity();
    std::int32_t best_polygon = std::numeric_limits<std::int32_t>::max();
    std::uint32_t best_order = std::numeric_limits<std::uint32_t>::max();
    std::uint32_t best_position = 0;  // leaf position of the best segment
    Point best_point;
  };
  void search_leaf(Search& s, std::size_t leaf) const;
  void search_node(Search& s, std::size_t level, std::size_t node) const;
  void search_tree(Search& s) const;
  // A search not yet begun, started from one segment (by leaf position).
  void start_with(Search& s, std::uint32_t position) const;

  // The grid of start segments (boundary_distance_cells.cpp).
  static constexpr std::uint32_t kNotAsked = 0xffffffffu, kAskedOnce = 0xfffffffeu;
  void make_grid(int cells_along_longer_side);
  std::int64_t cell_of(Point p) const;  // -1 outside the grid
  void start_from_cell(Search& s) const;

  std::vector<Leaf> leaves_;
  // levels_[l][i] holds the boxes of children i*kFanout.. of level l, where
  // the children of level 0 are leaves and those of level l > 0 are nodes of
  // level l-1; the last level has a single node, the root.
  std::vector<std::vector<Node>> levels_;
  std::vector<std::size_t> level_count_;  // children covered by each level

  double grid_x_ = 0, grid_y_ = 0, cell_size_ = 0;  // lower-left corner, side in degrees
  std::int64_t columns_ = 0, rows_ = 0;
  // Per cell: the leaf position of the segment nearest to its centre, or
  // kNotAsked / kAskedOnce.
  mutable std::unique_ptr<std::atomic<std::uint32_t>[]> starts_;
};

}  // namespace geo

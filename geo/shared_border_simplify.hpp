#pragma once
// Simplifying a set of polygons that share borders (a tiling such as admin
// units, possibly together with the coarser units they make up) so that the
// shared borders stay shared: no gaps or overlaps appear between neighbours.
//
// Why not simplify each polygon alone: two neighbours would drop different
// vertices of their common border and the display would show slivers.  Here
// the rings are cut into arcs at junctions (vertices where the set of
// neighbouring vertices changes: where three units meet, or where a shared
// border reaches the coast), identical arcs are found once whichever ring and
// direction they come from, each distinct arc is simplified once
// (Douglas-Peucker, end points kept), and every ring is rebuilt from its
// simplified arcs.  Borders are shared only where the input shares vertices
// exactly; borders digitised twice with different vertices are simplified
// on each side independently.
//
// Guarantees: every ring keeps its junctions, its orientation and at least
// three distinct vertices; no vertex is added or moved; no simplified arc
// crosses or touches another (or itself) except at shared vertices: an arc
// that would is simplified again with half its tolerance, down to its input
// vertices if need be.  So valid input stays valid, neighbours stay
// neighbours, and a hole stays inside its ring.  Not checked: an arc that
// passes entirely to the other side of a small island it never touches,
// which takes a tolerance larger than the island's distance to the arc.
//
// Coordinates and `tolerance` are in the geometries' planar units (degrees
// for lon/lat).  Thread-safety: a pure function.

#include <vector>

#include "geo/geometry.hpp"

namespace geo {

struct SimplifiedCoverage {
  // One entry per input geometry: its polygons as rings (exterior first).
  std::vector<std::vector<PolygonRings>> shapes;
  std::size_t vertices_before = 0;  // ring vertices in, closing points included
  std::size_t vertices_after = 0;
  std::size_t distinct_arcs = 0;
  std::size_t arcs_refined = 0;  // re-simplifications with a smaller tolerance to avoid crossings
};

SimplifiedCoverage simplify_shared_borders(const std::vector<const Geometry*>& polygons, double tolerance);

}  // namespace geo

#pragma once
// Exact orientation predicate for points in the plane.
//
// orientation(a, b, c) returns the sign of the determinant
//     | ax-cx  ay-cy |
//     | bx-cx  by-cy |
// computed exactly for any finite double inputs: +1 when c lies to the left
// of the directed line a->b (counter-clockwise turn), -1 to the right, 0 when
// the three points are exactly collinear.  A fast floating-point filter
// decides almost every call; the rare near-degenerate cases fall back to
// exact expansion arithmetic (Shewchuk, "Adaptive Precision Floating-Point
// Arithmetic and Fast Robust Geometric Predicates", 1997).
//
// Thread-safety: pure function.

namespace geo {

struct Point {
  double x = 0;  // longitude or easting
  double y = 0;  // latitude or northing
  friend bool operator==(const Point&, const Point&) = default;
};

int orientation(Point a, Point b, Point c);

}  // namespace geo

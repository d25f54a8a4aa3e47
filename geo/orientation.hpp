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
//
// The filter is inline because point location calls it in its innermost
// loops; the exact evaluation it rarely needs stays out of line.

#include <cmath>
#include <limits>

namespace geo {

struct Point {
  double x = 0;  // longitude or easting
  double y = 0;  // latitude or northing
  friend bool operator==(const Point&, const Point&) = default;
};

namespace detail {
int exact_orientation(Point a, Point b, Point c);
}

inline int orientation(Point a, Point b, Point c) {
  const double detleft = (a.x - c.x) * (b.y - c.y);
  const double detright = (a.y - c.y) * (b.x - c.x);
  const double det = detleft - detright;
  // Error bound of the naive evaluation (Shewchuk's ccwerrboundA).
  constexpr double eps = std::numeric_limits<double>::epsilon() / 2;
  constexpr double bound_factor = (3.0 + 16.0 * eps) * eps;
  const double detsum = std::fabs(detleft) + std::fabs(detright);
  if (std::fabs(det) > bound_factor * detsum) return det > 0 ? 1 : -1;
  return detail::exact_orientation(a, b, c);
}

}  // namespace geo

#pragma once
// Axis-aligned bounding box in the coordinates of its geometry.

#include <algorithm>
#include <limits>

#include "geo/orientation.hpp"

namespace geo {

struct Envelope {
  double min_x = std::numeric_limits<double>::infinity();
  double min_y = std::numeric_limits<double>::infinity();
  double max_x = -std::numeric_limits<double>::infinity();
  double max_y = -std::numeric_limits<double>::infinity();

  bool empty() const { return min_x > max_x || min_y > max_y; }
  void expand(Point p) {
    min_x = std::min(min_x, p.x);
    min_y = std::min(min_y, p.y);
    max_x = std::max(max_x, p.x);
    max_y = std::max(max_y, p.y);
  }
  void expand(const Envelope& e) {
    min_x = std::min(min_x, e.min_x);
    min_y = std::min(min_y, e.min_y);
    max_x = std::max(max_x, e.max_x);
    max_y = std::max(max_y, e.max_y);
  }
  // Closed containment: points on the box's edges are inside.
  bool contains(Point p) const { return p.x >= min_x && p.x <= max_x && p.y >= min_y && p.y <= max_y; }
  bool intersects(const Envelope& e) const {
    return !(e.min_x > max_x || e.max_x < min_x || e.min_y > max_y || e.max_y < min_y);
  }
  double width() const { return max_x - min_x; }
  double height() const { return max_y - min_y; }
};

}  // namespace geo

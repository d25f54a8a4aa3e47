#include "geo/point_locator.hpp"

namespace geo {

void PointLocator::locate_all(std::span<const Point> points, std::span<std::int32_t> out) const {
  for (std::size_t i = 0; i < points.size(); ++i) out[i] = locate(points[i]);
}

}  // namespace geo

#include "geo/geodesic_disc.hpp"

#include <cmath>
#include <string>

#include "geo/error.hpp"
#include "geo/geodesic.hpp"

namespace geo {

Geometry geodesic_disc(Point centre, double radius_m, int vertices) {
  if (!(radius_m > 0) || !std::isfinite(radius_m)) throw Error("a disc needs a positive radius, not " + std::to_string(radius_m));
  if (vertices < 8) throw Error("a disc needs at least 8 vertices");
  if (geodesic_distance_m(centre, {centre.x, centre.y >= 0 ? 90.0 : -90.0}) <= radius_m)
    throw Error("a disc of " + std::to_string(radius_m) + " m around latitude " + std::to_string(centre.y) +
                " would hold a pole");
  Ring ring;
  ring.reserve(static_cast<std::size_t>(vertices) + 1);
  // Azimuths turn clockwise; walking them backwards winds the ring
  // counter-clockwise.
  for (int i = 0; i < vertices; ++i) {
    Point p = geodesic_direct(centre, -360.0 * i / vertices, radius_m);
    while (p.x - centre.x > 180) p.x -= 360;
    while (p.x - centre.x < -180) p.x += 360;
    ring.push_back(p);
  }
  ring.push_back(ring.front());
  return Geometry::polygon({ring});
}

}  // namespace geo

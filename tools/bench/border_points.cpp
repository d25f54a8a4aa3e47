#include "border_points.hpp"

#include <random>

#include "geo/error.hpp"

namespace bench {

std::vector<geo::Point> border_points(std::size_t n, std::uint64_t seed, const std::vector<const geo::Geometry*>& polygons) {
  struct Segment {
    geo::Point a, b;
  };
  std::vector<Segment> segments;
  for (const geo::Geometry* g : polygons)
    for (const geo::PolygonRings& rings : g->polygons())
      for (const geo::Ring& ring : rings)
        for (std::size_t k = 0; k + 1 < ring.size(); ++k) segments.push_back({ring[k], ring[k + 1]});
  if (segments.empty()) throw geo::Error("border points: the districts have no ring segment");

  std::mt19937_64 random(seed);
  auto unit = [&] { return static_cast<double>(random() >> 11) * 0x1p-53; };
  std::vector<geo::Point> points;
  points.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Segment& s = segments[static_cast<std::size_t>(unit() * static_cast<double>(segments.size()))];
    const double kind = unit();
    if (kind < 1.0 / 3) {
      points.push_back(s.a);
    } else if (kind < 2.0 / 3) {
      points.push_back({(s.a.x + s.b.x) / 2, (s.a.y + s.b.y) / 2});
    } else {
      const double t = unit();
      points.push_back({s.a.x + t * (s.b.x - s.a.x), s.a.y + t * (s.b.y - s.a.y)});
    }
  }
  return points;
}

}  // namespace bench

#include "grid.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numbers>

namespace make_demo {

double snap(double degrees) { return std::round(degrees * kGrid) / kGrid; }

geo::Point snap(geo::Point p) { return {snap(p.x), snap(p.y)}; }

geo::Geometry snap_polygonal(const geo::Geometry& g) {
  std::vector<geo::Geometry> parts;
  for (const geo::PolygonRings& polygon : g.polygons()) {
    geo::PolygonRings rings;
    for (const geo::Ring& ring : polygon) {
      geo::Ring snapped;
      for (const geo::Point& p : ring) {
        const geo::Point s = snap(p);
        if (snapped.empty() || !(snapped.back() == s)) snapped.push_back(s);
      }
      if (snapped.size() >= 4) rings.push_back(std::move(snapped));
      else if (rings.empty()) break;  // collapsed exterior: drop the whole part
    }
    if (!rings.empty()) parts.push_back(geo::Geometry::polygon(rings));
  }
  if (parts.size() == 1) return std::move(parts.front());
  return geo::Geometry::multi_polygon(std::move(parts));
}

geo::Ring radial_ring(geo::Point centre, const std::vector<double>& radii, double phase) {
  const double stretch = 1.0 / std::cos(centre.y * std::numbers::pi / 180.0);
  geo::Ring ring;
  const std::size_t n = radii.size();
  for (std::size_t i = 0; i < n; ++i) {
    const double angle = phase + 2.0 * std::numbers::pi * static_cast<double>(i) / static_cast<double>(n);
    ring.push_back(snap({centre.x + radii[i] * std::cos(angle) * stretch, centre.y + radii[i] * std::sin(angle)}));
  }
  ring.push_back(ring.front());
  return ring;
}

double segment_distance(geo::Point p, geo::Point a, geo::Point b) {
  const double dx = b.x - a.x, dy = b.y - a.y;
  const double length2 = dx * dx + dy * dy;
  double t = length2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2 : 0;
  t = std::clamp(t, 0.0, 1.0);
  return std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

double boundary_distance_deg(const geo::Geometry& g, geo::Point p) {
  double best = std::numeric_limits<double>::infinity();
  for (const geo::PolygonRings& polygon : g.polygons())
    for (const geo::Ring& ring : polygon)
      for (std::size_t i = 0; i + 1 < ring.size(); ++i) best = std::min(best, segment_distance(p, ring[i], ring[i + 1]));
  return best;
}

std::string fixed7(double degrees) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.7f", degrees);
  return buffer;
}

}  // namespace make_demo

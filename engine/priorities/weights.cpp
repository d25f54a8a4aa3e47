#include "engine/priorities/weights.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "geo/geodesic.hpp"

namespace engine::priorities {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kMetresPerDegree = 6371008.8 * kPi / 180;  // mean Earth radius

struct Vertex {
  double x, y;
};
struct Segment {
  double ax, ay, bx, by;
  std::int32_t unit;
};

double point_segment_distance2(double px, double py, const Segment& s) {
  const double dx = s.bx - s.ax, dy = s.by - s.ay;
  const double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((px - s.ax) * dx + (py - s.ay) * dy) / len2 : 0;
  t = std::clamp(t, 0.0, 1.0);
  const double ex = s.ax + t * dx - px, ey = s.ay + t * dy - py;
  return ex * ex + ey * ey;
}

double cross(double ax, double ay, double bx, double by, double cx, double cy) {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

// Squared distance between two segments: 0 when they cross or touch.
double segment_distance2(const Segment& s, const Segment& t) {
  const double d1 = cross(t.ax, t.ay, t.bx, t.by, s.ax, s.ay), d2 = cross(t.ax, t.ay, t.bx, t.by, s.bx, s.by);
  const double d3 = cross(s.ax, s.ay, s.bx, s.by, t.ax, t.ay), d4 = cross(s.ax, s.ay, s.bx, s.by, t.bx, t.by);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return 0;
  return std::min({point_segment_distance2(s.ax, s.ay, t), point_segment_distance2(s.bx, s.by, t),
                   point_segment_distance2(t.ax, t.ay, s), point_segment_distance2(t.bx, t.by, s)});
}

std::int64_t cell_key(std::int64_t cx, std::int64_t cy) { return (cx << 32) ^ (cy & 0xffffffffLL); }

}  // namespace

std::size_t SpatialWeights::links() const {
  std::size_t n = 0;
  for (const auto& row : neighbours) n += row.size();
  return n;
}

SpatialWeights make_weights(std::vector<std::vector<std::int32_t>> neighbours) {
  SpatialWeights w;
  w.neighbours = std::move(neighbours);
  for (std::size_t i = 0; i < w.neighbours.size(); ++i) {
    auto& row = w.neighbours[i];
    std::sort(row.begin(), row.end());
    row.erase(std::unique(row.begin(), row.end()), row.end());
    if (row.empty()) w.islands.push_back(static_cast<std::int32_t>(i));
  }
  return w;
}

SpatialWeights queen_weights(const std::vector<const geo::Geometry*>& shapes, double tolerance_m) {
  const std::size_t n = shapes.size();
  // Rings in degrees, then the local plane.
  std::vector<std::vector<geo::Ring>> rings(n);
  double lat_min = 90, lat_max = -90;
  for (std::size_t i = 0; i < n; ++i) {
    if (!shapes[i] || shapes[i]->is_null() || shapes[i]->is_empty()) continue;
    for (auto& polygon : shapes[i]->polygons())
      for (auto& ring : polygon) {
        for (const auto& p : ring) {
          lat_min = std::min(lat_min, p.y);
          lat_max = std::max(lat_max, p.y);
        }
        rings[i].push_back(std::move(ring));
      }
  }
  const double kx = kMetresPerDegree * std::cos((lat_min + lat_max) / 2 * kPi / 180), ky = kMetresPerDegree;

  std::vector<Segment> segments;
  double total_length = 0;
  for (std::size_t i = 0; i < n; ++i)
    for (const auto& ring : rings[i])
      for (std::size_t k = 0; k < ring.size(); ++k) {
        const Vertex v{ring[k].x * kx, ring[k].y * ky};
        if (k + 1 < ring.size()) {
          Segment s{v.x, v.y, ring[k + 1].x * kx, ring[k + 1].y * ky, static_cast<std::int32_t>(i)};
          total_length += std::hypot(s.bx - s.ax, s.by - s.ay);
          segments.push_back(s);
        }
      }
  std::vector<std::vector<std::int32_t>> neighbours(n);
  if (segments.empty()) return make_weights(std::move(neighbours));

  // A uniform grid over segments (expanded by the tolerance).
  const double mean_length = total_length / static_cast<double>(segments.size());
  const double cell = std::max({mean_length * 2, tolerance_m * 2, 1.0});
  std::unordered_map<std::int64_t, std::vector<std::int32_t>> grid;
  grid.reserve(segments.size() * 2);
  for (std::size_t s = 0; s < segments.size(); ++s) {
    const Segment& g = segments[s];
    const auto x0 = static_cast<std::int64_t>(std::floor((std::min(g.ax, g.bx) - tolerance_m) / cell));
    const auto x1 = static_cast<std::int64_t>(std::floor((std::max(g.ax, g.bx) + tolerance_m) / cell));
    const auto y0 = static_cast<std::int64_t>(std::floor((std::min(g.ay, g.by) - tolerance_m) / cell));
    const auto y1 = static_cast<std::int64_t>(std::floor((std::max(g.ay, g.by) + tolerance_m) / cell));
    for (auto cx = x0; cx <= x1; ++cx)
      for (auto cy = y0; cy <= y1; ++cy) grid[cell_key(cx, cy)].push_back(static_cast<std::int32_t>(s));
  }
  // Exact touching with tolerance 0 still needs a rounding allowance: 1 mm.
  const double tol = std::max(tolerance_m, 1e-3);
  const double tol2 = tol * tol;
  std::vector<std::vector<std::size_t>> segments_of(n);
  for (std::size_t s = 0; s < segments.size(); ++s) segments_of[static_cast<std::size_t>(segments[s].unit)].push_back(s);
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<std::int32_t>& found = neighbours[i];
    for (std::size_t s : segments_of[i]) {
      const Segment& g = segments[s];
      const auto x0 = static_cast<std::int64_t>(std::floor(std::min(g.ax, g.bx) / cell));
      const auto x1 = static_cast<std::int64_t>(std::floor(std::max(g.ax, g.bx) / cell));
      const auto y0 = static_cast<std::int64_t>(std::floor(std::min(g.ay, g.by) / cell));
      const auto y1 = static_cast<std::int64_t>(std::floor(std::max(g.ay, g.by) / cell));
      for (auto cx = x0; cx <= x1; ++cx)
        for (auto cy = y0; cy <= y1; ++cy) {
          const auto it = grid.find(cell_key(cx, cy));
          if (it == grid.end()) continue;
          for (std::int32_t t : it->second) {
            const Segment& h = segments[static_cast<std::size_t>(t)];
            if (h.unit == static_cast<std::int32_t>(i)) continue;
            if (std::find(found.begin(), found.end(), h.unit) != found.end()) continue;
            if (segment_distance2(g, h) <= tol2) found.push_back(h.unit);
          }
        }
    }
  }
  // Symmetric: a vertex of i near an edge of j makes both neighbours.
  std::vector<std::vector<std::int32_t>> symmetric = neighbours;
  for (std::size_t i = 0; i < n; ++i)
    for (std::int32_t j : neighbours[i]) symmetric[static_cast<std::size_t>(j)].push_back(static_cast<std::int32_t>(i));
  return make_weights(std::move(symmetric));
}

SpatialWeights distance_band_weights(const std::vector<geo::Point>& centroids, double threshold_m) {
  const std::size_t n = centroids.size();
  std::vector<std::vector<std::int32_t>> neighbours(n);
  // Cheap pre-filter in degrees of latitude (a degree of latitude is >= 110.5 km).
  const double dlat = threshold_m / 110000.0 + 1e-9;
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return centroids[a].y < centroids[b].y; });
  for (std::size_t a = 0; a < n; ++a) {
    const std::size_t i = order[a];
    if (std::isnan(centroids[i].x)) continue;
    for (std::size_t b = a + 1; b < n; ++b) {
      const std::size_t j = order[b];
      if (centroids[j].y - centroids[i].y > dlat) break;
      if (std::isnan(centroids[j].x)) continue;
      if (geo::geodesic_distance_m(centroids[i], centroids[j]) <= threshold_m) {
        neighbours[i].push_back(static_cast<std::int32_t>(j));
        neighbours[j].push_back(static_cast<std::int32_t>(i));
      }
    }
  }
  return make_weights(std::move(neighbours));
}

geo::Point polygon_centroid(const geo::Geometry& shape) {
  // Shoelace sums about the first vertex, so large coordinates lose no precision.
  double a = 0, cx = 0, cy = 0;
  bool have_origin = false;
  geo::Point o{0, 0};
  for (const auto& polygon : shape.polygons())
    for (std::size_t r = 0; r < polygon.size(); ++r) {
      const geo::Ring& ring = polygon[r];
      if (!have_origin && !ring.empty()) {
        o = ring[0];
        have_origin = true;
      }
      double ra = 0, rx = 0, ry = 0;
      for (std::size_t k = 0; k + 1 < ring.size(); ++k) {
        const double x0 = ring[k].x - o.x, y0 = ring[k].y - o.y, x1 = ring[k + 1].x - o.x, y1 = ring[k + 1].y - o.y;
        const double c = x0 * y1 - x1 * y0;
        ra += c;
        rx += (x0 + x1) * c;
        ry += (y0 + y1) * c;
      }
      // Exterior rings add, holes subtract, whatever their winding.
      const double sign = (r == 0) == (ra >= 0) ? 1 : -1;
      a += sign * ra;
      cx += sign * rx;
      cy += sign * ry;
    }
  if (a == 0) return {std::nan(""), std::nan("")};
  return {o.x + cx / (3 * a), o.y + cy / (3 * a)};
}

}  // namespace engine::priorities

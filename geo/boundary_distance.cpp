#include "geo/boundary_distance.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "geo/geodesic.hpp"

namespace geo {
namespace {

constexpr double kPi = 3.14159265358979323846;

// Closest point to p on segment ab, in a frame where x is scaled by kx.
Point closest_on_segment(Point p, Point a, Point b, double kx, double& squared) {
  const double ax = a.x * kx, bx = b.x * kx, px = p.x * kx;
  const double dx = bx - ax, dy = b.y - a.y;
  const double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((px - ax) * dx + (p.y - a.y) * dy) / len2 : 0;
  t = std::clamp(t, 0.0, 1.0);
  const Point q{a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)};
  const double ex = (q.x - p.x) * kx, ey = q.y - p.y;
  squared = ex * ex + ey * ey;
  return q;
}

}  // namespace

BoundaryDistance::BoundaryDistance(const std::vector<const Geometry*>& polygons) {
  for (std::size_t i = 0; i < polygons.size(); ++i) {
    for (const PolygonRings& rings : polygons[i]->polygons()) {
      for (const Ring& ring : rings) {
        for (std::size_t k = 0; k + 1 < ring.size(); ++k) {
          segments_.push_back({ring[k], ring[k + 1], static_cast<std::int32_t>(i)});
          extent_.expand(ring[k]);
        }
      }
    }
  }
  if (segments_.empty()) return;
  const double target = std::clamp<double>(static_cast<double>(segments_.size()), 64.0, 4.0 * 1024 * 1024);
  const double w = std::max(extent_.width(), 1e-9), h = std::max(extent_.height(), 1e-9);
  nx_ = std::clamp<std::size_t>(static_cast<std::size_t>(std::sqrt(target * w / h)), 1, 4096);
  ny_ = std::clamp<std::size_t>(static_cast<std::size_t>(target / static_cast<double>(nx_)), 1, 4096);
  cell_w_ = w / static_cast<double>(nx_);
  cell_h_ = h / static_cast<double>(ny_);
  std::vector<std::uint32_t> counts(nx_ * ny_ + 1, 0);
  auto visit = [&](const Segment& s, auto&& f) {
    for (std::size_t y = cell_y(std::min(s.a.y, s.b.y)); y <= cell_y(std::max(s.a.y, s.b.y)); ++y)
      for (std::size_t x = cell_x(std::min(s.a.x, s.b.x)); x <= cell_x(std::max(s.a.x, s.b.x)); ++x) f(y * nx_ + x);
  };
  for (const Segment& s : segments_) visit(s, [&](std::size_t c) { ++counts[c + 1]; });
  for (std::size_t c = 0; c + 1 < counts.size(); ++c) counts[c + 1] += counts[c];
  cell_start_ = counts;
  cell_segments_.resize(counts.back());
  std::vector<std::uint32_t> fill(counts.begin(), counts.end() - 1);
  for (std::uint32_t i = 0; i < segments_.size(); ++i)
    visit(segments_[i], [&](std::size_t c) { cell_segments_[fill[c]++] = i; });
}

std::size_t BoundaryDistance::cell_x(double x) const {
  const double t = std::floor((x - extent_.min_x) / cell_w_);
  if (!(t > 0)) return 0;
  return std::min(static_cast<std::size_t>(t), nx_ - 1);
}

std::size_t BoundaryDistance::cell_y(double y) const {
  const double t = std::floor((y - extent_.min_y) / cell_h_);
  if (!(t > 0)) return 0;
  return std::min(static_cast<std::size_t>(t), ny_ - 1);
}

BoundaryDistance::Nearest BoundaryDistance::nearest(Point p) const {
  Nearest out;
  if (segments_.empty()) return out;
  const double kx = std::max(std::cos(p.y * kPi / 180.0), 0.01);
  const std::size_t cx = cell_x(p.x), cy = cell_y(p.y);
  double best = std::numeric_limits<double>::infinity();
  std::uint32_t best_segment = 0;
  Point best_point;
  const std::size_t max_ring = std::max(nx_, ny_);
  for (std::size_t r = 0; r <= max_ring; ++r) {
    const std::size_t x0 = cx >= r ? cx - r : 0, x1 = std::min(cx + r, nx_ - 1);
    const std::size_t y0 = cy >= r ? cy - r : 0, y1 = std::min(cy + r, ny_ - 1);
    for (std::size_t y = y0; y <= y1; ++y) {
      const bool edge_row = y + r == cy || y == cy + r;
      for (std::size_t x = x0; x <= x1; ++x) {
        if (!edge_row && x + r != cx && x != cx + r) continue;  // only the ring, not its inside
        const std::size_t c = y * nx_ + x;
        for (std::uint32_t k = cell_start_[c]; k < cell_start_[c + 1]; ++k) {
          const std::uint32_t s = cell_segments_[k];
          double d2;
          const Point q = closest_on_segment(p, segments_[s].a, segments_[s].b, kx, d2);
          if (d2 < best || (d2 == best && segments_[s].polygon < segments_[best_segment].polygon)) {
            best = d2;
            best_segment = s;
            best_point = q;
          }
        }
      }
    }
    // Lower bound on the distance to any cell outside the rings searched so far.
    double bound = std::numeric_limits<double>::infinity();
    if (x0 > 0) bound = std::min(bound, std::max(0.0, (p.x - (extent_.min_x + static_cast<double>(x0) * cell_w_)) * kx));
    if (x1 + 1 < nx_) bound = std::min(bound, std::max(0.0, (extent_.min_x + static_cast<double>(x1 + 1) * cell_w_ - p.x) * kx));
    if (y0 > 0) bound = std::min(bound, std::max(0.0, p.y - (extent_.min_y + static_cast<double>(y0) * cell_h_)));
    if (y1 + 1 < ny_) bound = std::min(bound, std::max(0.0, extent_.min_y + static_cast<double>(y1 + 1) * cell_h_ - p.y));
    if (std::isinf(bound) || (std::isfinite(best) && bound * bound > best)) break;
  }
  out.polygon = segments_[best_segment].polygon;
  out.boundary_point = best_point;
  out.distance_m = geodesic_distance_m(p, best_point);
  return out;
}

}  // namespace geo

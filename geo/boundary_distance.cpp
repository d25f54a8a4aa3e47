#include "geo/boundary_distance.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>

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

  PyramidLevel base{nx_, ny_, std::vector<std::uint8_t>(nx_ * ny_)};
  for (std::size_t c = 0; c < nx_ * ny_; ++c) base.occupied[c] = cell_start_[c + 1] > cell_start_[c];
  pyramid_.push_back(std::move(base));
  while (pyramid_.back().nx > 1 || pyramid_.back().ny > 1) {
    const PyramidLevel& fine = pyramid_.back();
    PyramidLevel coarse{(fine.nx + 1) / 2, (fine.ny + 1) / 2, {}};
    coarse.occupied.assign(coarse.nx * coarse.ny, 0);
    for (std::size_t y = 0; y < fine.ny; ++y)
      for (std::size_t x = 0; x < fine.nx; ++x)
        if (fine.occupied[y * fine.nx + x]) coarse.occupied[(y / 2) * coarse.nx + x / 2] = 1;
    pyramid_.push_back(std::move(coarse));
  }
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
  // Squared distance in the local frame from p to the box of pyramid cell
  // (x, y) at `level`.
  auto box_distance2 = [&](std::size_t level, std::size_t x, std::size_t y) {
    const double span_x = cell_w_ * static_cast<double>(std::size_t{1} << level);
    const double span_y = cell_h_ * static_cast<double>(std::size_t{1} << level);
    const double x0 = extent_.min_x + static_cast<double>(x) * span_x, x1 = x0 + span_x;
    const double y0 = extent_.min_y + static_cast<double>(y) * span_y, y1 = y0 + span_y;
    const double dx = std::max({0.0, x0 - p.x, p.x - x1}) * kx;
    const double dy = std::max({0.0, y0 - p.y, p.y - y1});
    return dx * dx + dy * dy;
  };
  struct Candidate {
    double distance2;
    std::size_t level, x, y;
    bool operator>(const Candidate& o) const { return distance2 > o.distance2; }
  };
  std::priority_queue<Candidate, std::vector<Candidate>, std::greater<>> queue;
  const std::size_t top = pyramid_.size() - 1;
  queue.push({box_distance2(top, 0, 0), top, 0, 0});
  double best = std::numeric_limits<double>::infinity();
  std::uint32_t best_segment = 0;
  Point best_point;
  while (!queue.empty()) {
    const Candidate c = queue.top();
    queue.pop();
    if (c.distance2 > best) break;  // every remaining cell is farther than the best segment
    if (c.level == 0) {
      const std::size_t cell = c.y * nx_ + c.x;
      for (std::uint32_t k = cell_start_[cell]; k < cell_start_[cell + 1]; ++k) {
        const std::uint32_t s = cell_segments_[k];
        double d2;
        const Point q = closest_on_segment(p, segments_[s].a, segments_[s].b, kx, d2);
        if (d2 < best || (d2 == best && segments_[s].polygon < segments_[best_segment].polygon)) {
          best = d2;
          best_segment = s;
          best_point = q;
        }
      }
      continue;
    }
    const PyramidLevel& finer = pyramid_[c.level - 1];
    for (std::size_t y = 2 * c.y; y < std::min(2 * c.y + 2, finer.ny); ++y)
      for (std::size_t x = 2 * c.x; x < std::min(2 * c.x + 2, finer.nx); ++x)
        if (finer.occupied[y * finer.nx + x]) queue.push({box_distance2(c.level - 1, x, y), c.level - 1, x, y});
  }
  out.polygon = segments_[best_segment].polygon;
  out.boundary_point = best_point;
  out.distance_m = geodesic_distance_m(p, best_point);
  return out;
}

}  // namespace geo

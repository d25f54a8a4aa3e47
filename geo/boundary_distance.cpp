#include "geo/boundary_distance.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "geo/envelope.hpp"
#include "geo/geodesic.hpp"

namespace geo {
namespace {

constexpr double kPi = 3.14159265358979323846;
struct Box {
  double min_x, min_y, max_x, max_y;
};

// Position of (x, y) in [0, 2^16)^2 along a Hilbert curve, so that segments
// close along the curve are close in space and leaves get small boxes.
std::uint32_t hilbert_index(std::uint32_t x, std::uint32_t y) {
  std::uint32_t d = 0;
  for (std::uint32_t s = 1u << 15; s > 0; s >>= 1) {
    const std::uint32_t rx = (x & s) ? 1 : 0, ry = (y & s) ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry == 0) {
      if (rx == 1) {
        x = s - 1 - x;
        y = s - 1 - y;
      }
      std::swap(x, y);
    }
  }
  return d;
}

// Widens a box by far more than the rounding error of a + t*(b - a), so the
// box distance stays a lower bound of every segment distance computed inside
// it and no tie is ever pruned.
double pad(double v) { return (std::fabs(v) + 1.0) * 1e-13; }

}  // namespace

Point BoundaryDistance::closest_on_segment(Point p, Point a, Point b, double kx, double& squared) {
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

double BoundaryDistance::frame_scale(double lat_deg) { return std::max(std::cos(lat_deg * kPi / 180.0), 0.01); }

BoundaryDistance::BoundaryDistance(const std::vector<const Geometry*>& polygons, int cells_along_longer_side) {
  struct Segment {
    Point a, b;
    std::int32_t polygon;
    std::uint32_t order;
  };
  std::vector<Segment> input;
  for (std::size_t i = 0; i < polygons.size(); ++i)
    for (const PolygonRings& rings : polygons[i]->polygons())
      for (const Ring& ring : rings)
        for (std::size_t k = 0; k + 1 < ring.size(); ++k)
          input.push_back({ring[k], ring[k + 1], static_cast<std::int32_t>(i), static_cast<std::uint32_t>(input.size())});
  if (input.empty()) return;

  // Hilbert order of the segment midpoints: segments close along the curve
  // are close in space, so each leaf gets a small box.
  Envelope mids;
  auto mid = [](const Segment& s) { return Point{(s.a.x + s.b.x) / 2, (s.a.y + s.b.y) / 2}; };
  for (const Segment& s : input) mids.expand(mid(s));
  const double w = std::max(mids.width(), 1e-300), h = std::max(mids.height(), 1e-300);
  std::vector<std::uint32_t> keys(input.size());
  for (std::size_t i = 0; i < input.size(); ++i) {
    const Point m = mid(input[i]);
    keys[i] = hilbert_index(static_cast<std::uint32_t>((m.x - mids.min_x) / w * 65535.0),
                            static_cast<std::uint32_t>((m.y - mids.min_y) / h * 65535.0));
  }
  std::vector<std::uint32_t> order(input.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](std::uint32_t l, std::uint32_t r) {
    return keys[l] != keys[r] ? keys[l] < keys[r] : l < r;
  });

  constexpr double kInf = std::numeric_limits<double>::infinity();
  const Box empty{kInf, kInf, -kInf, -kInf};
  auto merge = [](const Box& l, const Box& r) {
    return Box{std::min(l.min_x, r.min_x), std::min(l.min_y, r.min_y), std::max(l.max_x, r.max_x),
               std::max(l.max_y, r.max_y)};
  };
  std::vector<Box> boxes;  // of the children of the level being built
  for (std::size_t first = 0; first < order.size(); first += kFanout) {
    Leaf leaf{};
    Box box = empty;
    for (std::size_t j = 0; j < kFanout; ++j) {
      const Segment& s = input[order[std::min(first + j, order.size() - 1)]];
      leaf.ax[j] = s.a.x;
      leaf.ay[j] = s.a.y;
      leaf.bx[j] = s.b.x;
      leaf.by[j] = s.b.y;
      leaf.polygon[j] = s.polygon;
      leaf.order[j] = s.order;
      for (Point v : {s.a, s.b}) box = merge(box, {v.x - pad(v.x), v.y - pad(v.y), v.x + pad(v.x), v.y + pad(v.y)});
    }
    leaves_.push_back(leaf);
    boxes.push_back(box);
  }
  while (boxes.size() > 1) {
    std::vector<Node> level;
    std::vector<Box> parents;
    for (std::size_t first = 0; first < boxes.size(); first += kFanout) {
      Node node{};
      Box parent = empty;
      for (std::size_t j = 0; j < kFanout; ++j) {
        const Box b = first + j < boxes.size() ? boxes[first + j] : empty;
        node.min_x[j] = b.min_x;
        node.min_y[j] = b.min_y;
        node.max_x[j] = b.max_x;
        node.max_y[j] = b.max_y;
        parent = merge(parent, b);
      }
      level.push_back(node);
      parents.push_back(parent);
    }
    levels_.push_back(std::move(level));
    level_count_.push_back(boxes.size());
    boxes = std::move(parents);
  }
  make_grid(cells_along_longer_side);
}

void BoundaryDistance::search_leaf(Search& s, std::size_t index) const {
  const Leaf& leaf = leaves_[index];
  const double kx = s.kx, px = s.p.x * kx, py = s.p.y;
  double d2[kFanout], qx[kFanout], qy[kFanout];
  // closest_on_segment, written out over arrays so that it vectorises; the
  // arithmetic is the same operation for operation (the tests hold it to
  // brute force with closest_on_segment, bit for bit).
  for (std::size_t j = 0; j < kFanout; ++j) {
    const double ax = leaf.ax[j] * kx, bx = leaf.bx[j] * kx;
    const double dx = bx - ax, dy = leaf.by[j] - leaf.ay[j];
    const double len2 = dx * dx + dy * dy;
    // Selects, not branches: the same values as closest_on_segment's.
    const double ratio = ((px - ax) * dx + (py - leaf.ay[j]) * dy) / (len2 > 0 ? len2 : 1.0);
    const double t = std::min(std::max(len2 > 0 ? ratio : 0.0, 0.0), 1.0);
    qx[j] = leaf.ax[j] + t * (leaf.bx[j] - leaf.ax[j]);
    qy[j] = leaf.ay[j] + t * (leaf.by[j] - leaf.ay[j]);
    const double ex = (qx[j] - s.p.x) * kx, ey = qy[j] - py;
    d2[j] = ex * ex + ey * ey;
  }
  for (std::size_t j = 0; j < kFanout; ++j) {
    if (d2[j] > s.best) continue;
    if (d2[j] < s.best || leaf.polygon[j] < s.best_polygon ||
        (leaf.polygon[j] == s.best_polygon && leaf.order[j] < s.best_order)) {
      s.best = d2[j];
      s.best_polygon = leaf.polygon[j];
      s.best_order = leaf.order[j];
      s.best_position = static_cast<std::uint32_t>(index * kFanout + j);
      s.best_point = {qx[j], qy[j]};
    }
  }
}

void BoundaryDistance::start_with(Search& s, std::uint32_t position) const {
  const Leaf& leaf = leaves_[position / kFanout];
  const std::size_t j = position % kFanout;
  s.best_point = closest_on_segment(s.p, {leaf.ax[j], leaf.ay[j]}, {leaf.bx[j], leaf.by[j]}, s.kx, s.best);
  s.best_polygon = leaf.polygon[j];
  s.best_order = leaf.order[j];
  s.best_position = position;
}

void BoundaryDistance::search_node(Search& s, std::size_t level, std::size_t index) const {
  const Node& node = levels_[level][index];
  // Squared local-frame distance from p to each child box: a lower bound
  // for every segment inside it.
  double d[kFanout];
  for (std::size_t j = 0; j < kFanout; ++j) {
    const double dx = std::max(0.0, std::max(node.min_x[j] - s.p.x, s.p.x - node.max_x[j])) * s.kx;
    const double dy = std::max(0.0, std::max(node.min_y[j] - s.p.y, s.p.y - node.max_y[j]));
    d[j] = dx * dx + dy * dy;
  }
  // Children nearest first, so the best distance shrinks early and prunes
  // the rest; a child exactly as far as the best is still visited (ties).
  const std::size_t first = index * kFanout;
  const std::size_t count = std::min(kFanout, level_count_[level] - first);
  double dist[kFanout];
  std::size_t child[kFanout];
  std::size_t n = 0;
  for (std::size_t c = 0; c < count; ++c) {
    if (d[c] > s.best) continue;
    std::size_t j = n++;
    for (; j > 0 && dist[j - 1] > d[c]; --j) {
      dist[j] = dist[j - 1];
      child[j] = child[j - 1];
    }
    dist[j] = d[c];
    child[j] = first + c;
  }
  for (std::size_t j = 0; j < n && dist[j] <= s.best; ++j) {
    if (level == 0)
      search_leaf(s, child[j]);
    else
      search_node(s, level - 1, child[j]);
  }
}

void BoundaryDistance::search_tree(Search& s) const {
  if (levels_.empty())
    search_leaf(s, 0);
  else
    search_node(s, levels_.size() - 1, 0);
}

BoundaryDistance::Nearest BoundaryDistance::nearest(Point p) const {
  Nearest out;
  if (leaves_.empty()) return out;
  Search s{p, frame_scale(p.y)};
  // The answer is the smallest (distance, polygon, order) of all segments,
  // whatever order they are looked at in, so a start segment only tightens
  // the search's first bound.
  start_from_cell(s);
  search_tree(s);
  out.polygon = s.best_polygon;
  out.boundary_point = s.best_point;
  out.distance_m = geodesic_distance_m(p, s.best_point);
  return out;
}

}  // namespace geo

#include "geo/shared_border_simplify.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <map>
#include <unordered_map>
#include <utility>

namespace geo {
namespace {

using PointId = std::uint32_t;
constexpr PointId kNone = 0xffffffffu;

struct PointKey {
  std::uint64_t x, y;
  bool operator==(const PointKey&) const = default;
};
struct PointKeyHash {
  std::size_t operator()(const PointKey& k) const { return std::hash<std::uint64_t>()(k.x * 0x9e3779b97f4a7c15ULL ^ k.y); }
};

// Every distinct coordinate gets one id, in first-seen order, so equal
// vertices of neighbouring rings are recognised as the same vertex.
class PointTable {
 public:
  PointId id_of(Point p) {
    // +0.0 and -0.0 are the same vertex.
    const PointKey key{std::bit_cast<std::uint64_t>(p.x + 0.0), std::bit_cast<std::uint64_t>(p.y + 0.0)};
    auto [it, inserted] = ids_.try_emplace(key, static_cast<PointId>(points_.size()));
    if (inserted) points_.push_back(p);
    return it->second;
  }
  Point at(PointId id) const { return points_[id]; }
  std::size_t size() const { return points_.size(); }

 private:
  std::unordered_map<PointKey, PointId, PointKeyHash> ids_;
  std::vector<Point> points_;
};

// A ring as point ids, without the closing repeat and without consecutive
// duplicates.
using IdRing = std::vector<PointId>;

// Junctions: vertices whose unordered pair of ring neighbours is not the same
// in every ring (and every pass) that visits them.
std::vector<bool> find_junctions(const std::vector<IdRing>& rings, std::size_t point_count) {
  std::vector<std::pair<PointId, PointId>> neighbours(point_count, {kNone, kNone});
  std::vector<bool> junction(point_count, false);
  for (const IdRing& ring : rings) {
    const std::size_t n = ring.size();
    for (std::size_t i = 0; i < n; ++i) {
      const PointId prev = ring[(i + n - 1) % n], next = ring[(i + 1) % n];
      const std::pair<PointId, PointId> pair = std::minmax(prev, next);
      auto& seen = neighbours[ring[i]];
      if (seen.first == kNone) {
        seen = pair;
      } else if (seen != pair) {
        junction[ring[i]] = true;
      }
    }
  }
  return junction;
}

struct ArcUse {
  std::size_t arc;
  bool reversed;
};

// The distinct arcs of all rings, each stored in canonical direction.
struct ArcSet {
  std::vector<std::vector<PointId>> arcs;  // open arcs: first != last; closed: first == last
  std::map<std::vector<PointId>, std::size_t> index;

  // `whole_ring`: the arc is a ring with no junction, which may start anywhere.
  ArcUse add(std::vector<PointId> arc, bool whole_ring) {
    std::vector<PointId> reversed(arc.rbegin(), arc.rend());
    if (whole_ring) {
      // A ring with no junction: start at its smallest id, then pick the
      // direction whose second vertex is smaller.
      arc.pop_back();
      std::rotate(arc.begin(), std::min_element(arc.begin(), arc.end()), arc.end());
      arc.push_back(arc.front());
      reversed.assign(arc.rbegin(), arc.rend());
    }
    const bool use_reversed = reversed < arc;
    const std::vector<PointId>& key = use_reversed ? reversed : arc;
    auto [it, inserted] = index.try_emplace(key, arcs.size());
    if (inserted) arcs.push_back(key);
    return {it->second, use_reversed};
  }
};

double segment_distance_sq(Point p, Point a, Point b) {
  const double dx = b.x - a.x, dy = b.y - a.y;
  const double len_sq = dx * dx + dy * dy;
  double t = len_sq > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len_sq : 0;
  t = std::clamp(t, 0.0, 1.0);
  const double ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
  return ex * ex + ey * ey;
}

// Douglas-Peucker over pts[first..last]: marks the vertices to keep.  With
// `force_split` the farthest interior vertex is kept whatever the tolerance,
// so that short rings cannot collapse.
void douglas_peucker(const std::vector<Point>& pts, std::size_t first, std::size_t last, double tolerance_sq,
                     bool force_split, std::vector<bool>& keep) {
  keep[first] = keep[last] = true;
  std::vector<std::pair<std::size_t, std::size_t>> stack{{first, last}};
  while (!stack.empty()) {
    const auto [a, b] = stack.back();
    stack.pop_back();
    if (b <= a + 1) continue;
    double worst = -1;
    std::size_t at = a;
    for (std::size_t i = a + 1; i < b; ++i) {
      const double d = segment_distance_sq(pts[i], pts[a], pts[b]);
      if (d > worst) worst = d, at = i;
    }
    if (worst > tolerance_sq || force_split) {
      force_split = false;  // only the first split is forced
      keep[at] = true;
      stack.emplace_back(a, at);
      stack.emplace_back(at, b);
    }
  }
}

std::vector<PointId> simplify_arc(const std::vector<PointId>& arc, const PointTable& table, double tolerance_sq,
                                  bool keep_interior_vertex) {
  std::vector<Point> pts;
  pts.reserve(arc.size());
  for (PointId id : arc) pts.push_back(table.at(id));
  std::vector<bool> keep(arc.size(), false);
  const std::size_t last = arc.size() - 1;
  if (arc.front() == arc.back()) {
    // A closed arc: split it at the vertex farthest from its start and keep
    // one more vertex, so the ring keeps at least three distinct vertices.
    std::size_t far = 1;
    double worst = -1;
    for (std::size_t i = 1; i < last; ++i) {
      const double dx = pts[i].x - pts[0].x, dy = pts[i].y - pts[0].y;
      if (dx * dx + dy * dy > worst) worst = dx * dx + dy * dy, far = i;
    }
    const bool second_half_has_interior = far + 1 < last;
    douglas_peucker(pts, 0, far, tolerance_sq, !second_half_has_interior, keep);
    douglas_peucker(pts, far, last, tolerance_sq, second_half_has_interior, keep);
  } else {
    douglas_peucker(pts, 0, last, tolerance_sq, keep_interior_vertex, keep);
  }
  std::vector<PointId> out;
  for (std::size_t i = 0; i < arc.size(); ++i)
    if (keep[i]) out.push_back(arc[i]);
  return out;
}


// Whether two segments of simplified arcs meet anywhere but at one shared
// end vertex (where they may only meet if they do not run back over each
// other).  Exact: built on geo::orientation.
bool segments_conflict(Point a, Point b, Point c, Point d) {
  const bool ac = a == c, ad = a == d, bc = b == c, bd = b == d;
  const int shared = ac + ad + bc + bd;
  if (shared >= 2) return true;  // the same segment twice
  if (shared == 1) {
    const Point p = ac || ad ? a : b;
    const Point q1 = ac || ad ? b : a;
    const Point q2 = ac || bc ? d : c;
    if (orientation(p, q1, q2) != 0) return false;
    return (q1.x - p.x) * (q2.x - p.x) + (q1.y - p.y) * (q2.y - p.y) > 0;  // overlapping, same direction
  }
  const int o1 = orientation(a, b, c), o2 = orientation(a, b, d);
  const int o3 = orientation(c, d, a), o4 = orientation(c, d, b);
  if (o1 == 0 && o2 == 0) {
    // Collinear: conflict when their extents overlap.
    const bool by_x = a.x != b.x;
    auto lo = [&](Point u, Point v) { return by_x ? std::min(u.x, v.x) : std::min(u.y, v.y); };
    auto hi = [&](Point u, Point v) { return by_x ? std::max(u.x, v.x) : std::max(u.y, v.y); };
    return lo(a, b) <= hi(c, d) && lo(c, d) <= hi(a, b);
  }
  return o1 * o2 <= 0 && o3 * o4 <= 0;
}

// Arcs whose simplified segments cross or touch another arc's, or their own,
// found through a uniform grid of segment boxes.
std::vector<bool> conflicting_arcs(const std::vector<std::vector<PointId>>& arcs, const PointTable& table) {
  struct Segment {
    Point a, b;
    std::uint32_t arc;
  };
  std::vector<Segment> segments;
  Envelope extent;
  for (std::size_t i = 0; i < arcs.size(); ++i)
    for (std::size_t k = 0; k + 1 < arcs[i].size(); ++k) {
      segments.push_back({table.at(arcs[i][k]), table.at(arcs[i][k + 1]), static_cast<std::uint32_t>(i)});
      extent.expand(segments.back().a);
      extent.expand(segments.back().b);
    }
  std::vector<bool> conflict(arcs.size(), false);
  if (segments.empty()) return conflict;
  const std::size_t side = std::clamp<std::size_t>(static_cast<std::size_t>(std::sqrt(segments.size() / 2.0)), 1, 2048);
  const double cell_w = std::max(extent.width() / side, 1e-12), cell_h = std::max(extent.height() / side, 1e-12);
  auto cell_x = [&](double x) { return std::min(side - 1, static_cast<std::size_t>((x - extent.min_x) / cell_w)); };
  auto cell_y = [&](double y) { return std::min(side - 1, static_cast<std::size_t>((y - extent.min_y) / cell_h)); };
  std::vector<std::vector<std::uint32_t>> cells(side * side);
  for (std::uint32_t i = 0; i < segments.size(); ++i) {
    const Segment& s = segments[i];
    for (std::size_t y = cell_y(std::min(s.a.y, s.b.y)); y <= cell_y(std::max(s.a.y, s.b.y)); ++y)
      for (std::size_t x = cell_x(std::min(s.a.x, s.b.x)); x <= cell_x(std::max(s.a.x, s.b.x)); ++x)
        cells[y * side + x].push_back(i);
  }
  for (const auto& cell : cells)
    for (std::size_t i = 0; i < cell.size(); ++i)
      for (std::size_t j = i + 1; j < cell.size(); ++j) {
        const Segment& s = segments[cell[i]];
        const Segment& t = segments[cell[j]];
        if (conflict[s.arc] && conflict[t.arc]) continue;
        if (segments_conflict(s.a, s.b, t.a, t.b)) conflict[s.arc] = conflict[t.arc] = true;
      }
  return conflict;
}

}  // namespace

SimplifiedCoverage simplify_shared_borders(const std::vector<const Geometry*>& polygons, double tolerance) {
  SimplifiedCoverage result;
  PointTable table;
  // Ring i of part p of geometry g, flattened: where each ring goes back.
  struct RingSlot {
    std::size_t geometry, part, ring;
  };
  std::vector<IdRing> rings;
  std::vector<RingSlot> slots;
  result.shapes.resize(polygons.size());
  for (std::size_t g = 0; g < polygons.size(); ++g) {
    const std::vector<PolygonRings> parts = polygons[g]->polygons();
    result.shapes[g].resize(parts.size());
    for (std::size_t p = 0; p < parts.size(); ++p) {
      result.shapes[g][p].resize(parts[p].size());
      for (std::size_t r = 0; r < parts[p].size(); ++r) {
        const Ring& ring = parts[p][r];
        result.vertices_before += ring.size();
        IdRing ids;
        for (std::size_t i = 0; i + 1 < ring.size(); ++i) {  // the closing point repeats the first
          const PointId id = table.id_of(ring[i]);
          if (ids.empty() || ids.back() != id) ids.push_back(id);
        }
        while (ids.size() > 1 && ids.front() == ids.back()) ids.pop_back();
        rings.push_back(std::move(ids));
        slots.push_back({g, p, r});
      }
    }
  }

  const std::vector<bool> junction = find_junctions(rings, table.size());
  ArcSet arcs;
  std::vector<std::vector<ArcUse>> ring_arcs(rings.size());
  for (std::size_t r = 0; r < rings.size(); ++r) {
    const IdRing& ring = rings[r];
    if (ring.size() < 3) continue;  // degenerate input ring: dropped
    const auto first_junction = std::find_if(ring.begin(), ring.end(), [&](PointId id) { return junction[id]; });
    if (first_junction == ring.end()) {
      std::vector<PointId> closed(ring);
      closed.push_back(ring.front());
      ring_arcs[r].push_back(arcs.add(std::move(closed), true));
      continue;
    }
    IdRing rotated(ring);
    std::rotate(rotated.begin(), rotated.begin() + (first_junction - ring.begin()), rotated.end());
    rotated.push_back(rotated.front());
    std::vector<PointId> arc{rotated.front()};
    for (std::size_t i = 1; i < rotated.size(); ++i) {
      arc.push_back(rotated[i]);
      if (junction[rotated[i]]) {
        // An arc from a junction back to itself stays anchored at that
        // junction (no rotation), so every ring using it starts it there.
        ring_arcs[r].push_back(arcs.add(std::move(arc), false));
        arc = {rotated[i]};
      }
    }
  }
  result.distinct_arcs = arcs.arcs.size();

  // Simplify every arc once.  A ring of two arcs that both lost all their
  // interior vertices would be a line: those arcs keep one interior vertex.
  std::vector<bool> keep_interior(arcs.arcs.size(), false);
  std::vector<std::vector<PointId>> simplified(arcs.arcs.size());
  for (std::size_t a = 0; a < arcs.arcs.size(); ++a)
    simplified[a] = simplify_arc(arcs.arcs[a], table, tolerance * tolerance, false);
  for (const auto& uses : ring_arcs) {
    if (uses.size() != 2) continue;
    if (simplified[uses[0].arc].size() + simplified[uses[1].arc].size() - 2 >= 3) continue;
    for (const ArcUse& use : uses) {
      keep_interior[use.arc] = true;
      simplified[use.arc] = simplify_arc(arcs.arcs[use.arc], table, tolerance * tolerance, true);
    }
  }
  // Arcs that now cross or touch another are simplified again with half
  // their tolerance, until none do (at worst they get back their input
  // vertices, which do not cross).
  std::vector<double> arc_tolerance(arcs.arcs.size(), tolerance);
  constexpr int kMaxRounds = 24;
  for (int round = 0; round < kMaxRounds && tolerance > 0; ++round) {
    const std::vector<bool> conflict = conflicting_arcs(simplified, table);
    bool any = false;
    for (std::size_t a = 0; a < arcs.arcs.size(); ++a) {
      if (!conflict[a] || simplified[a].size() == arcs.arcs[a].size()) continue;
      any = true;
      ++result.arcs_refined;
      arc_tolerance[a] = round + 1 == kMaxRounds ? 0 : arc_tolerance[a] / 2;
      simplified[a] = simplify_arc(arcs.arcs[a], table, arc_tolerance[a] * arc_tolerance[a], keep_interior[a]);
    }
    if (!any) break;
  }

  for (std::size_t r = 0; r < rings.size(); ++r) {
    std::vector<PointId> ids;
    for (const ArcUse& use : ring_arcs[r]) {
      std::vector<PointId> part = simplified[use.arc];
      if (use.reversed) std::reverse(part.begin(), part.end());
      // A closed arc used on its own ring starts wherever its canonical form
      // does; any start is the same ring.
      if (!ids.empty() && ids.back() == part.front()) ids.pop_back();
      ids.insert(ids.end(), part.begin(), part.end());
    }
    if (!ids.empty() && ids.front() != ids.back()) ids.push_back(ids.front());
    Ring ring;
    for (PointId id : ids) ring.push_back(table.at(id));
    result.vertices_after += ring.size();
    const RingSlot& slot = slots[r];
    result.shapes[slot.geometry][slot.part][slot.ring] = std::move(ring);
  }
  // Parts whose exterior ring was degenerate are dropped, and so are empty holes.
  for (auto& shape : result.shapes) {
    std::erase_if(shape, [](const PolygonRings& rings) { return rings.empty() || rings[0].size() < 4; });
    for (PolygonRings& rings : shape)
      std::erase_if(rings, [](const Ring& ring) { return ring.size() < 4; });
  }
  return result;
}

}  // namespace geo

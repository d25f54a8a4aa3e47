// The grid point locator (see point_locator.hpp for the rule it implements).
//
// Build: every edge marks the grid cells its bounding box touches as
// "boundary" cells.  A cell with no edge cannot hold a polygon boundary, so all
// of its points share one answer, taken from the cell centre.  Cell indices
// are computed by a formula that is monotone in x and y under IEEE arithmetic,
// which is what makes the classification exact rather than approximate.
//
// A boundary cell keeps the polygons whose envelope touches it (the
// candidates, in ascending order), the edges whose bounding box touches it,
// and a reference point of the cell that lies on none of those edges' lines,
// with the candidates that contain it.  A point p of the cell that lies on none of
// the edges either is inside exactly the candidates whose containment of the
// reference is flipped an odd number of times by the edges the segment from p
// to the reference properly crosses: every edge that segment meets touches
// the cell, because both its ends map to the cell and the map is monotone.
// The semi-open rule is containment of p shifted infinitesimally, so the
// same count with that shift applied symbolically settles points on edges,
// on vertices and on lines through them, with comparisons alone.  Only a
// point on an edge that no candidate contains (the outer border) asks the
// candidates' geo::BandedPolygon whether it is on their boundary.  Cells with
// more than 64 candidates test each one with geo::BandedPolygon.

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <span>
#include <tuple>

#include "geo/banded_polygon.hpp"
#include "geo/error.hpp"
#include "geo/point_locator.hpp"

namespace geo {
namespace {

constexpr std::int32_t kOutside = -1;
constexpr std::int32_t kBoundary = -2;  // values <= kBoundary index boundary cells
// Where to look for a cell's reference point, as fractions of its width and
// height: the centre first, then points off its diagonals.
constexpr std::array<std::array<double, 2>, 5> kReferenceTries{
    {{0.5, 0.5}, {0.3, 0.6}, {0.7, 0.4}, {0.4, 0.3}, {0.6, 0.7}}};

class GridLocator final : public PointLocator {
 public:
  explicit GridLocator(const std::vector<const Geometry*>& polygons) {
    for (const Geometry* g : polygons) {
      polygons_.emplace_back(g->polygons());
      extent_.expand(polygons_.back().envelope());
    }
    if (extent_.empty()) return;
    size_grid();
    mark_boundary_cells();
    list_cell_edges();
    classify_cells();
  }

  std::int32_t locate(Point p) const override {
    const std::size_t c = cell_of(p);
    if (c == cells_.size()) return kOutside;
    const std::int32_t value = cells_[c];
    return value > kBoundary ? value : locate_in(boundary_cell(value), p);
  }

  // locate() over many points, in batches: the cells of a whole batch are
  // prefetched before any is read, then its boundary cells, so the cache
  // misses of random points overlap instead of queueing one after another.
  void locate_all(std::span<const Point> points, std::span<std::int32_t> out) const override {
    constexpr std::size_t kBatch = 32;
    std::array<std::size_t, kBatch> cell;
    std::array<std::uint32_t, kBatch> boundary;  // batch positions in boundary cells
    for (std::size_t first = 0; first < points.size(); first += kBatch) {
      const std::size_t count = std::min(kBatch, points.size() - first);
      for (std::size_t k = 0; k < count; ++k) {
        cell[k] = cell_of(points[first + k]);
        if (cell[k] < cells_.size()) __builtin_prefetch(&cells_[cell[k]]);
      }
      std::size_t boundaries = 0;
      for (std::size_t k = 0; k < count; ++k) {
        const std::int32_t value = cell[k] < cells_.size() ? cells_[cell[k]] : kOutside;
        out[first + k] = value;
        if (value > kBoundary) continue;
        __builtin_prefetch(&boundary_cell(value));
        boundary[boundaries++] = static_cast<std::uint32_t>(k);
      }
      for (std::size_t j = 0; j < boundaries; ++j) {
        const std::size_t k = boundary[j];
        out[first + k] = locate_in(boundary_cell(out[first + k]), points[first + k]);
      }
    }
  }

  std::string name() const override { return "grid"; }

 private:
  struct BoundaryCell {
    std::uint32_t begin = 0, end = 0;              // range in candidates_
    std::uint32_t edges_begin = 0, edges_end = 0;  // range in cell_edges_
    Point reference;                               // on no line of the cell's edges
    std::uint64_t reference_inside = 0;            // bit k: candidate k contains it
    bool by_crossings = false;  // false: too many candidates, or no reference found
  };
  // A segment of one or more candidates' boundaries, directed so that the
  // cell's reference lies strictly to its left.
  struct CellEdge {
    Point a, b;
    std::uint64_t candidates = 0;  // bit k: candidate k has this segment (parity)
  };

  // The cell holding p, or cells_.size() when p is outside the grid.
  std::size_t cell_of(Point p) const {
    if (cells_.empty() || !extent_.contains(p)) return cells_.size();
    return cell_y(p.y) * nx_ + cell_x(p.x);
  }
  // The boundary cell a cell value <= kBoundary stands for.
  static std::size_t boundary_slot(std::int32_t value) { return static_cast<std::size_t>(kBoundary - value); }
  const BoundaryCell& boundary_cell(std::int32_t value) const { return boundary_cells_[boundary_slot(value)]; }

  // A point of a boundary cell.
  std::int32_t locate_in(const BoundaryCell& cell, Point p) const {
    if (cell.by_crossings) {
      const Crossings c = crossings(cell, p);
      if (c.inside != 0)
        return static_cast<std::int32_t>(candidates_[cell.begin + static_cast<std::uint32_t>(std::countr_zero(c.inside))]);
      if (!c.on_an_edge) return kOutside;
    } else {
      for (std::uint32_t k = cell.begin; k < cell.end; ++k)
        if (polygons_[candidates_[k]].contains(p)) return static_cast<std::int32_t>(candidates_[k]);
    }
    for (std::uint32_t k = cell.begin; k < cell.end; ++k)
      if (polygons_[candidates_[k]].on_boundary(p)) return static_cast<std::int32_t>(candidates_[k]);
    return kOutside;
  }

  // The candidates containing p by the semi-open rule, found from the
  // reference's: the rule is containment of p shifted by (e, e^2) for an
  // infinitesimal e, and that shifted point is on no line through two
  // distinct points, so each test below has a definite side.
  struct Crossings {
    std::uint64_t inside = 0;  // bit k: candidate k contains p
    bool on_an_edge = false;   // p lies on one of the cell's edges
  };
  Crossings crossings(const BoundaryCell& cell, Point p) const {
    Crossings out{cell.reference_inside, false};
    for (std::uint32_t k = cell.edges_begin; k < cell.edges_end; ++k) {
      const CellEdge& e = cell_edges_[k];
      const int side = orientation(e.a, e.b, p);
      if (side > 0) continue;  // on the reference's side: no crossing
      if (side == 0) {
        out.on_an_edge |= p.x >= std::min(e.a.x, e.b.x) && p.x <= std::max(e.a.x, e.b.x) &&
                          p.y >= std::min(e.a.y, e.b.y) && p.y <= std::max(e.a.y, e.b.y);
        if (shifted_side(e.a, e.b) > 0) continue;
      }
      // The shifted p and the reference are on opposite sides of the edge's
      // line; the segment between them crosses the edge when the edge's ends
      // are on opposite sides of it.  orientation(p, r, v) = orientation(r, v, p).
      if (side_of_shifted(cell.reference, e.a, p) != side_of_shifted(cell.reference, e.b, p)) out.inside ^= e.candidates;
    }
    return out;
  }

  // Side of the line a->b (a != b) on which p + (e, e^2) lies.
  static int side_of_shifted(Point a, Point b, Point p) {
    const int side = orientation(a, b, p);
    return side != 0 ? side : shifted_side(a, b);
  }
  // The same when p is on the line: the sign of the shift's cross product
  // with b - a, -(b.y - a.y) e + (b.x - a.x) e^2, decided by comparisons.
  static int shifted_side(Point a, Point b) {
    if (a.y != b.y) return a.y > b.y ? 1 : -1;
    return b.x > a.x ? 1 : -1;
  }

  void size_grid() {
    std::size_t edges = 0;
    for (const BandedPolygon& p : polygons_) edges += p.edge_count();
    // About two cells per edge: most cells end up edge-free, so most lookups
    // never touch an edge, and the grid stays a few MiB for national layers.
    const double target = std::clamp<double>(2.0 * static_cast<double>(edges), 1024.0, 16.0 * 1024 * 1024);
    const double w = std::max(extent_.width(), 1e-12);
    const double h = std::max(extent_.height(), 1e-12);
    nx_ = std::clamp<std::size_t>(static_cast<std::size_t>(std::sqrt(target * w / h)), 1, 1u << 14);
    ny_ = std::clamp<std::size_t>(static_cast<std::size_t>(target / static_cast<double>(nx_)), 1, 1u << 14);
    cell_w_ = w / static_cast<double>(nx_);
    cell_h_ = h / static_cast<double>(ny_);
    cells_.assign(nx_ * ny_, kOutside);
  }

  // Monotone maps from coordinates to cell columns and rows.
  std::size_t cell_x(double x) const { return clamp_cell((x - extent_.min_x) / cell_w_, nx_); }
  std::size_t cell_y(double y) const { return clamp_cell((y - extent_.min_y) / cell_h_, ny_); }
  static std::size_t clamp_cell(double t, std::size_t n) {
    t = std::floor(t);
    if (!(t > 0)) return 0;
    if (t >= static_cast<double>(n - 1)) return n - 1;
    return static_cast<std::size_t>(t);
  }

  void mark_boundary_cells() {
    std::vector<char> is_boundary(cells_.size(), 0);
    for (const BandedPolygon& polygon : polygons_)
      for (const Edge& e : polygon.edges()) for_cells(envelope_of(e), [&](std::size_t c) { is_boundary[c] = 1; });
    // Candidate lists: polygons whose envelope's cell range covers the cell,
    // in ascending polygon order so the first hit is the lowest index.
    std::vector<std::int32_t> slot(cells_.size(), -1);
    for (std::size_t c = 0; c < cells_.size(); ++c) {
      if (!is_boundary[c]) continue;
      slot[c] = static_cast<std::int32_t>(boundary_cells_.size());
      cells_[c] = kBoundary - slot[c];
      boundary_cells_.emplace_back();
    }
    std::vector<std::vector<std::uint32_t>> lists(boundary_cells_.size());
    for (std::uint32_t i = 0; i < polygons_.size(); ++i) {
      for_cells(polygons_[i].envelope(), [&](std::size_t c) {
        if (slot[c] >= 0) lists[static_cast<std::size_t>(slot[c])].push_back(i);
      });
    }
    for (std::size_t b = 0; b < lists.size(); ++b) {
      boundary_cells_[b].begin = static_cast<std::uint32_t>(candidates_.size());
      candidates_.insert(candidates_.end(), lists[b].begin(), lists[b].end());
      boundary_cells_[b].end = static_cast<std::uint32_t>(candidates_.size());
    }
  }

  // Each boundary cell's edges (those whose bounding box touches it), with a
  // reference point on none of their lines; the same segment of several candidates
  // is kept once with their bits, so shared borders are tested once.
  void list_cell_edges() {
    std::vector<std::uint32_t> start(boundary_cells_.size() + 1, 0);
    for (const BandedPolygon& polygon : polygons_)
      for (const Edge& e : polygon.edges())
        for_cells(envelope_of(e), [&](std::size_t c) { ++start[boundary_slot(cells_[c]) + 1]; });
    for (std::size_t b = 0; b < boundary_cells_.size(); ++b) start[b + 1] += start[b];
    std::vector<std::pair<std::uint32_t, const Edge*>> owned(start.back());
    std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
    for (std::uint32_t i = 0; i < polygons_.size(); ++i)
      for (const Edge& e : polygons_[i].edges())
        for_cells(envelope_of(e), [&](std::size_t c) { owned[fill[boundary_slot(cells_[c])]++] = {i, &e}; });
    cell_edges_.reserve(owned.size());  // at most one each; fewer where shared
    std::vector<CellEdge> scratch;
    for (std::size_t c = 0; c < cells_.size(); ++c) {
      if (cells_[c] > kBoundary) continue;
      const std::size_t b = boundary_slot(cells_[c]);
      list_edges_of(boundary_cells_[b], c, std::span(owned).subspan(start[b], start[b + 1] - start[b]), scratch);
    }
  }

  void list_edges_of(BoundaryCell& cell, std::size_t c, std::span<const std::pair<std::uint32_t, const Edge*>> owned,
                     std::vector<CellEdge>& edges) {
    cell.edges_begin = cell.edges_end = static_cast<std::uint32_t>(cell_edges_.size());
    if (cell.end - cell.begin > 64) return;
    const auto on_any_line = [&](Point r) {
      return std::any_of(owned.begin(), owned.end(),
                         [&](const auto& o) { return orientation(o.second->lower, o.second->upper, r) == 0; });
    };
    const std::size_t cx = c % nx_, cy = c / nx_;
    bool found = false;
    for (const auto& [fx, fy] : kReferenceTries) {
      cell.reference = {extent_.min_x + (static_cast<double>(cx) + fx) * cell_w_,
                        extent_.min_y + (static_cast<double>(cy) + fy) * cell_h_};
      if (cell_x(cell.reference.x) == cx && cell_y(cell.reference.y) == cy && !on_any_line(cell.reference)) {
        found = true;
        break;
      }
    }
    if (!found) return;
    const std::span<const std::uint32_t> candidates(candidates_.data() + cell.begin, cell.end - cell.begin);
    for (std::size_t k = 0; k < candidates.size(); ++k)
      if (polygons_[candidates[k]].contains(cell.reference)) cell.reference_inside |= std::uint64_t{1} << k;
    edges.clear();
    for (const auto& [polygon, edge] : owned) {
      const auto k = std::lower_bound(candidates.begin(), candidates.end(), polygon) - candidates.begin();
      CellEdge e{edge->lower, edge->upper, std::uint64_t{1} << k};
      if (orientation(e.a, e.b, cell.reference) < 0) std::swap(e.a, e.b);
      edges.push_back(e);
    }
    const auto key = [](const CellEdge& e) { return std::tie(e.a.x, e.a.y, e.b.x, e.b.y); };
    std::sort(edges.begin(), edges.end(), [&](const CellEdge& l, const CellEdge& r) { return key(l) < key(r); });
    for (const CellEdge& e : edges) {
      // A segment listed twice for one polygon cancels out of the parity but
      // stays in the list, so a point on it is still seen to be on an edge.
      if (cell_edges_.size() > cell.edges_begin && key(cell_edges_.back()) == key(e))
        cell_edges_.back().candidates ^= e.candidates;
      else
        cell_edges_.push_back(e);
    }
    cell.edges_end = static_cast<std::uint32_t>(cell_edges_.size());
    cell.by_crossings = true;
  }

  static Envelope envelope_of(const Edge& e) {
    Envelope box;
    box.expand(e.lower);
    box.expand(e.upper);
    return box;
  }

  // Edge-free cells take the answer of their centre: the lowest polygon that
  // contains it.  Visiting polygons in ascending order and never overwriting
  // an assigned cell gives exactly that.
  void classify_cells() {
    for (std::uint32_t i = 0; i < polygons_.size(); ++i) {
      for_cells(polygons_[i].envelope(), [&](std::size_t c) {
        if (cells_[c] != kOutside) return;
        const std::size_t cx = c % nx_;
        const std::size_t cy = c / nx_;
        const Point centre{extent_.min_x + (static_cast<double>(cx) + 0.5) * cell_w_,
                           extent_.min_y + (static_cast<double>(cy) + 0.5) * cell_h_};
        if (cell_x(centre.x) != cx || cell_y(centre.y) != cy)
          throw Error("polygon extent too small to index (cells narrower than coordinate precision)");
        if (polygons_[i].contains(centre)) cells_[c] = static_cast<std::int32_t>(i);
      });
    }
  }

  template <typename Visit>
  void for_cells(const Envelope& e, Visit&& visit) const {
    const std::size_t x0 = cell_x(e.min_x), x1 = cell_x(e.max_x);
    const std::size_t y0 = cell_y(e.min_y), y1 = cell_y(e.max_y);
    for (std::size_t y = y0; y <= y1; ++y)
      for (std::size_t x = x0; x <= x1; ++x) visit(y * nx_ + x);
  }

  std::vector<BandedPolygon> polygons_;
  Envelope extent_;
  std::size_t nx_ = 0, ny_ = 0;
  double cell_w_ = 1, cell_h_ = 1;
  std::vector<std::int32_t> cells_;
  std::vector<BoundaryCell> boundary_cells_;
  std::vector<std::uint32_t> candidates_;
  std::vector<CellEdge> cell_edges_;
};

}  // namespace

std::unique_ptr<PointLocator> make_grid_locator(const std::vector<const Geometry*>& polygons) {
  return std::make_unique<GridLocator>(polygons);
}

}  // namespace geo

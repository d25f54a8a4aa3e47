// The grid point locator (see point_locator.hpp for the rule it implements).
//
// Build: every edge marks the grid cells its bounding box touches as
// "boundary" cells.  A cell with no edge cannot hold a polygon boundary, so all
// of its points share one answer, taken from the cell centre.  Boundary cells
// keep the list of polygons whose envelope touches them and answer exactly
// with geo::BandedPolygon.  Cell indices are computed by a formula that is
// monotone in x and y under IEEE arithmetic, which is what makes the
// classification exact rather than approximate.

#include <algorithm>
#include <cmath>

#include "geo/banded_polygon.hpp"
#include "geo/error.hpp"
#include "geo/point_locator.hpp"

namespace geo {
namespace {

constexpr std::int32_t kOutside = -1;
constexpr std::int32_t kBoundary = -2;  // values <= kBoundary index boundary cells

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
    classify_cells();
  }

  std::int32_t locate(Point p) const override {
    if (cells_.empty() || !extent_.contains(p)) return kOutside;
    const std::int32_t value = cells_[cell_y(p.y) * nx_ + cell_x(p.x)];
    if (value > kBoundary) return value;
    const BoundaryCell& cell = boundary_cells_[static_cast<std::size_t>(kBoundary - value)];
    for (std::uint32_t k = cell.begin; k < cell.end; ++k)
      if (polygons_[candidates_[k]].contains(p)) return static_cast<std::int32_t>(candidates_[k]);
    for (std::uint32_t k = cell.begin; k < cell.end; ++k)
      if (polygons_[candidates_[k]].on_boundary(p)) return static_cast<std::int32_t>(candidates_[k]);
    return kOutside;
  }

  std::string name() const override { return "grid"; }

 private:
  struct BoundaryCell {
    std::uint32_t begin = 0, end = 0;  // range in candidates_
  };

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
    for (const BandedPolygon& polygon : polygons_) {
      for (const Edge& e : polygon.edges()) {
        const std::size_t x0 = cell_x(std::min(e.lower.x, e.upper.x));
        const std::size_t x1 = cell_x(std::max(e.lower.x, e.upper.x));
        const std::size_t y0 = cell_y(e.lower.y);
        const std::size_t y1 = cell_y(e.upper.y);
        for (std::size_t y = y0; y <= y1; ++y)
          for (std::size_t x = x0; x <= x1; ++x) is_boundary[y * nx_ + x] = 1;
      }
    }
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
};

}  // namespace

std::unique_ptr<PointLocator> make_grid_locator(const std::vector<const Geometry*>& polygons) {
  return std::make_unique<GridLocator>(polygons);
}

}  // namespace geo

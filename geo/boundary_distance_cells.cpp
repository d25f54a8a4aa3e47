// The grid of start segments of BoundaryDistance.
//
// A per-cell list of the segments that can be nearest to some point of the
// cell was tried first: on Yemen's districts the lists of cells far from the
// boundary (at sea, in the desert) ran to hundreds of segments, and scanning
// them cost more than the tree.  One start segment per cell keeps most of
// the gain (see the header) for 4 bytes a cell.
#include <algorithm>
#include <cmath>

#include "geo/boundary_distance.hpp"
#include "geo/envelope.hpp"

namespace geo {

void BoundaryDistance::make_grid(int cells_along_longer_side) {
  Envelope extent;
  for (const Leaf& leaf : leaves_)
    for (std::size_t j = 0; j < kFanout; ++j) {
      extent.expand(Point{leaf.ax[j], leaf.ay[j]});
      extent.expand(Point{leaf.bx[j], leaf.by[j]});
    }
  const double side = std::max(extent.width(), extent.height()) * 2;  // half again on each side
  if (cells_along_longer_side <= 0 || !(side > 0) || !std::isfinite(side)) return;
  cell_size_ = side / cells_along_longer_side;
  grid_x_ = extent.min_x - extent.width() / 2;
  grid_y_ = extent.min_y - extent.height() / 2;
  columns_ = static_cast<std::int64_t>(std::ceil(extent.width() * 2 / cell_size_)) + 1;
  rows_ = static_cast<std::int64_t>(std::ceil(extent.height() * 2 / cell_size_)) + 1;
  const auto cells = static_cast<std::size_t>(columns_ * rows_);
  starts_ = std::make_unique<std::atomic<std::uint32_t>[]>(cells);
  for (std::size_t c = 0; c < cells; ++c) starts_[c].store(kNotAsked, std::memory_order_relaxed);
}

std::int64_t BoundaryDistance::cell_of(Point p) const {
  if (cell_size_ <= 0) return -1;
  const double fx = std::floor((p.x - grid_x_) / cell_size_), fy = std::floor((p.y - grid_y_) / cell_size_);
  if (!(fx >= 0 && fx < static_cast<double>(columns_) && fy >= 0 && fy < static_cast<double>(rows_))) return -1;
  return static_cast<std::int64_t>(fy) * columns_ + static_cast<std::int64_t>(fx);
}

void BoundaryDistance::start_from_cell(Search& s) const {
  const std::int64_t cell = cell_of(s.p);
  if (cell < 0) return;
  std::atomic<std::uint32_t>& start = starts_[cell];
  std::uint32_t position = start.load(std::memory_order_relaxed);
  if (position == kNotAsked) {  // a cell asked about once pays nothing
    start.compare_exchange_strong(position, kAskedOnce, std::memory_order_relaxed);
    return;
  }
  if (position == kAskedOnce) {
    const double x0 = grid_x_ + static_cast<double>(cell % columns_) * cell_size_;
    const double y0 = grid_y_ + static_cast<double>(cell / columns_) * cell_size_;
    Search centre{{x0 + cell_size_ / 2, y0 + cell_size_ / 2}, 0};
    centre.kx = frame_scale(centre.p.y);
    search_tree(centre);
    // Threads that race here find the same segment: storing it twice is harmless.
    position = centre.best_position;
    start.store(position, std::memory_order_relaxed);
  }
  start_with(s, position);
}

void BoundaryDistance::sort_by_cell(std::span<const Point> points, std::span<std::uint32_t> indices) const {
  if (cell_size_ <= 0 || indices.size() < 2) return;
  const auto cells = static_cast<std::uint32_t>(columns_ * rows_);  // the key of points off the grid
  std::vector<std::uint32_t> key(indices.size());
  for (std::size_t i = 0; i < indices.size(); ++i) {
    const std::int64_t cell = cell_of(points[indices[i]]);
    key[i] = cell < 0 ? cells : static_cast<std::uint32_t>(cell);
  }
  std::vector<std::uint32_t> sorted(indices.size());
  if (indices.size() < cells / 16) {  // few points: zeroing a count per cell would cost more
    std::vector<std::uint32_t> by_key(indices.size());
    for (std::uint32_t i = 0; i < by_key.size(); ++i) by_key[i] = i;
    std::stable_sort(by_key.begin(), by_key.end(), [&](std::uint32_t l, std::uint32_t r) { return key[l] < key[r]; });
    for (std::size_t i = 0; i < by_key.size(); ++i) sorted[i] = indices[by_key[i]];
  } else {  // a counting sort
    std::vector<std::uint32_t> first(static_cast<std::size_t>(cells) + 2, 0);
    for (std::uint32_t k : key) ++first[k + 1];
    for (std::size_t c = 1; c < first.size(); ++c) first[c] += first[c - 1];
    for (std::size_t i = 0; i < indices.size(); ++i) sorted[first[key[i]]++] = indices[i];
  }
  std::copy(sorted.begin(), sorted.end(), indices.begin());
}

bool BoundaryDistance::starts_from_cell(Point p) const {
  const std::int64_t cell = cell_of(p);
  return cell >= 0 && starts_[cell].load(std::memory_order_relaxed) < kAskedOnce;
}

}  // namespace geo

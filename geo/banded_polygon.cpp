#include "geo/banded_polygon.hpp"

#include <algorithm>
#include <cmath>

namespace geo {

BandedPolygon::BandedPolygon(const std::vector<PolygonRings>& parts) {
  for (const PolygonRings& rings : parts) {
    for (const Ring& ring : rings) {
      for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
        const Point a = ring[i];
        const Point b = ring[i + 1];
        if (a == b) continue;  // repeated vertex: not an edge
        edges_.push_back(a.y <= b.y ? Edge{a, b} : Edge{b, a});
        envelope_.expand(a);
        envelope_.expand(b);
      }
    }
  }
  // About eight edges per band keeps each test short without wasting memory.
  const std::size_t bands = std::clamp<std::size_t>(edges_.size() / 8, 1, 1u << 16);
  band_count_ = bands;
  band_height_ = envelope_.empty() || envelope_.height() <= 0 ? 1.0 : envelope_.height() / static_cast<double>(bands);
  std::vector<std::uint32_t> counts(bands + 1, 0);
  auto for_bands = [this](const Edge& e, auto&& visit) {
    const std::size_t first = band_of(e.lower.y);
    const std::size_t last = band_of(e.upper.y);
    for (std::size_t b = first; b <= last; ++b) visit(b);
  };
  for (const Edge& e : edges_) for_bands(e, [&](std::size_t b) { ++counts[b + 1]; });
  for (std::size_t b = 0; b < bands; ++b) counts[b + 1] += counts[b];
  band_start_ = counts;
  band_edges_.resize(counts[bands]);
  std::vector<std::uint32_t> fill(counts.begin(), counts.end() - 1);
  for (std::uint32_t i = 0; i < edges_.size(); ++i) for_bands(edges_[i], [&](std::size_t b) { band_edges_[fill[b]++] = i; });
}

// Monotone in y (IEEE subtraction, division and floor are), so an edge whose
// closed y-range holds y is always listed in band_of(y).
std::size_t BandedPolygon::band_of(double y) const {
  const std::size_t bands = band_count_;
  const double t = std::floor((y - envelope_.min_y) / band_height_);
  if (!(t > 0)) return 0;
  if (t >= static_cast<double>(bands - 1)) return bands - 1;
  return static_cast<std::size_t>(t);
}

bool BandedPolygon::contains(Point p) const {
  if (!envelope_.contains(p)) return false;
  const std::size_t band = band_of(p.y);
  bool inside = false;
  for (std::uint32_t k = band_start_[band]; k < band_start_[band + 1]; ++k) {
    const Edge& e = edges_[band_edges_[k]];
    if (e.lower.y <= p.y && p.y < e.upper.y && orientation(e.lower, e.upper, p) > 0) inside = !inside;
  }
  return inside;
}

bool BandedPolygon::on_boundary(Point p) const {
  if (!envelope_.contains(p)) return false;
  const std::size_t band = band_of(p.y);
  for (std::uint32_t k = band_start_[band]; k < band_start_[band + 1]; ++k) {
    const Edge& e = edges_[band_edges_[k]];
    if (p.y < e.lower.y || p.y > e.upper.y) continue;
    if (p.x < std::min(e.lower.x, e.upper.x) || p.x > std::max(e.lower.x, e.upper.x)) continue;
    if (orientation(e.lower, e.upper, p) == 0) return true;
  }
  return false;
}

}  // namespace geo

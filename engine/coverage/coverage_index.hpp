#pragma once
// Whether a point is covered: within the radius of at least one covering
// facility, by geodesic distance (closed: exactly at the radius is covered).
//
// Facilities are grouped by radius (few distinct values: one per type and
// status); each group has its own geo::NearestPoints, so the test is exact
// for any mix of radii.
//
// Thread-safety: immutable after construction; covers() may be called from
// many threads.

#include <span>
#include <utility>
#include <vector>

#include "geo/nearest_points.hpp"

namespace engine::coverage {

class CoverageIndex {
 public:
  CoverageIndex() = default;
  // radius_m[i] <= 0 or a non-finite point: site i covers nothing.
  CoverageIndex(std::span<const geo::Point> sites, std::span<const double> radius_m);

  bool covers(geo::Point p) const;
  bool empty() const { return groups_.empty(); }

 private:
  std::vector<std::pair<double, geo::NearestPoints>> groups_;  // radius -> sites with it
};

}  // namespace engine::coverage

#pragma once
// Placing points in the region: which district holds a point, how far a
// point is from the nearest district, and uniform random points inside a
// district.  Points are snapped to the 1e-7 grid *before* they are checked,
// so what is written is exactly what was checked.

#include <cstdint>
#include <memory>

#include "geo/boundary_distance.hpp"
#include "geo/point_locator.hpp"
#include "region.hpp"
#include "rng.hpp"

namespace make_demo {

class DistrictIndex {
 public:
  explicit DistrictIndex(const Region& region);

  // District holding p (the engine's semi-open rule), or -1 at sea.
  std::int32_t locate(geo::Point p) const { return locator_->locate(p); }
  // Geodesic metres from p to the nearest district boundary.
  double distance_m(geo::Point p) const { return distance_.nearest(p).distance_m; }
  // A uniform random point inside district d (island included).
  geo::Point random_point(std::size_t d, Rng& rng) const;
  // A point near `centre` (normal scatter, sigma in km) that lies in some
  // district; its district in `district`.
  geo::Point scatter_point(geo::Point centre, double sigma_km, Rng& rng, std::int32_t& district) const;

 private:
  const Region& region_;
  std::vector<const geo::Geometry*> shapes_;
  std::unique_ptr<geo::PointLocator> locator_;
  geo::BoundaryDistance distance_;
};

}  // namespace make_demo

#include "sampling.hpp"

#include <cmath>
#include <numbers>

#include "geo/error.hpp"
#include "grid.hpp"

namespace make_demo {
namespace {

std::vector<const geo::Geometry*> shapes_of(const Region& region) {
  std::vector<const geo::Geometry*> out;
  for (const District& d : region.districts) out.push_back(&d.shape);
  return out;
}

}  // namespace

DistrictIndex::DistrictIndex(const Region& region)
    : region_(region),
      shapes_(shapes_of(region)),
      locator_(geo::make_grid_locator(shapes_)),
      distance_(shapes_) {}

geo::Point DistrictIndex::random_point(std::size_t d, Rng& rng) const {
  const geo::Envelope box = region_.districts[d].shape.envelope();
  for (int attempt = 0; attempt < 100000; ++attempt) {
    const geo::Point p = snap(geo::Point{rng.uniform(box.min_x, box.max_x), rng.uniform(box.min_y, box.max_y)});
    if (locate(p) == static_cast<std::int32_t>(d)) return p;
  }
  throw geo::Error("make_demo could not place a point in district " + region_.districts[d].pcode);
}

geo::Point DistrictIndex::scatter_point(geo::Point centre, double sigma_km, Rng& rng, std::int32_t& district) const {
  const double sigma_lat = sigma_km / 111.0;
  const double sigma_lon = sigma_lat / std::cos(centre.y * std::numbers::pi / 180.0);
  for (int attempt = 0; attempt < 100000; ++attempt) {
    const geo::Point p = snap(geo::Point{centre.x + sigma_lon * rng.normal(), centre.y + sigma_lat * rng.normal()});
    district = locate(p);
    if (district >= 0) return p;
  }
  throw geo::Error("make_demo could not place a point near a hotspot");
}

}  // namespace make_demo

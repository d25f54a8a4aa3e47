#include "engine/coverage/coverage_index.hpp"

#include <cmath>
#include <set>

namespace engine::coverage {

CoverageIndex::CoverageIndex(std::span<const geo::Point> sites, std::span<const double> radius_m) {
  std::set<double> radii;
  for (std::size_t i = 0; i < sites.size(); ++i)
    if (radius_m[i] > 0 && std::isfinite(sites[i].x)) radii.insert(radius_m[i]);
  // Largest radius first: it answers "covered" most often.
  for (auto r = radii.rbegin(); r != radii.rend(); ++r) {
    std::vector<geo::Point> group(sites.begin(), sites.end());
    for (std::size_t i = 0; i < group.size(); ++i)
      if (radius_m[i] != *r) group[i] = {std::nan(""), std::nan("")};
    groups_.emplace_back(*r, geo::NearestPoints(group));
  }
}

bool CoverageIndex::covers(geo::Point p) const {
  for (const auto& [radius, sites] : groups_)
    if (sites.any_within(p, radius)) return true;
  return false;
}

}  // namespace engine::coverage

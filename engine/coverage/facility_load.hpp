#pragma once
// Which facility serves which issue, and how loaded each facility is, when
// facilities may carry a capacity (the most issues each can serve).
//
// Rule (nearest pair first): every pair of a located issue and a facility
// whose coverage radius holds it (geodesic, closed) is taken in ascending
// distance (ties: lower issue record, then lower facility record); a pair is
// used when its issue is not yet served and its facility has room left.  An
// issue is covered when it is served.  With unlimited capacities every issue
// within some radius is served, by the nearest facility whose radius holds
// it, so coverage equals radius coverage; with capacities, issues that only
// full facilities reach stay uncovered ("over capacity") and become demand
// for new sites.  The same nearest-first rule gives new sites their share
// (site_selection.hpp).  People covered by a raster stay a matter of reach:
// a capacity counts issues.
//
// Thread-safety: pure function; results do not depend on `threads`.

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/coverage/facility_classes.hpp"
#include "engine/point_layer.hpp"

namespace engine::coverage {

struct FacilityLoad {
  // Per facility record.
  std::vector<double> capacity;           // INFINITY = unlimited
  std::vector<std::int64_t> in_reach;     // located issues within its radius
  std::vector<std::int64_t> served;       // issues it serves
  // Per issue record.
  std::vector<std::int32_t> served_by;    // facility record, -1 = not served
  std::vector<std::uint8_t> reached;      // within some facility's radius
  bool limited = false;                   // some facility has a finite capacity
};

// The capacities of the facility records from `field` ("" = all unlimited).
// A missing field is an engine::Error.  An empty value is unlimited; a value that is not a number >= 0 is unlimited
// too, with one warning naming the first such record and how many there are.
// A fractional capacity serves its whole part.
std::vector<double> facility_capacities(const PointLayer* facilities, const std::string& field,
                                        std::vector<std::string>& warnings);

FacilityLoad assign_issues(const std::vector<geo::Point>& issues, const std::vector<geo::Point>& facilities,
                           const std::vector<double>& radius_m, std::vector<double> capacity, unsigned threads);

}  // namespace engine::coverage

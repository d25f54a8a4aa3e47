#pragma once
// Coverage figures per admin unit of the finest level: issues and how many
// are covered, distances to the nearest operational facility (median and
// 90th percentile), partners present and within reach, facilities by type
// and status.  Only records the join placed in a unit (matched or snapped)
// count for that unit.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/coverage/facility_classes.hpp"
#include "engine/coverage/nearest_sites.hpp"
#include "engine/join.hpp"
#include "engine/point_layer.hpp"

namespace engine::coverage {

struct DistrictCoverage {
  std::int64_t issues = 0, issues_covered = 0;
  std::int64_t issues_over_capacity = 0;     // within reach, but only of full facilities
  std::int64_t issues_partner_in_reach = 0;  // with a partner within partner_reach_m
  double nearest_median_m = NAN, nearest_p90_m = NAN;  // over issues with a nearest operational facility
  std::int64_t partners = 0;
  std::int64_t facilities = 0, facilities_operational = 0, facilities_covering = 0;
  std::map<std::string, std::int64_t> facilities_by_type_status;   // "<type>_<status>" -> count
  std::map<std::string, std::int64_t> non_operational_by_status;   // status -> count
  double area_km2 = 0, uncovered_km2 = 0;
  double population = NAN, population_covered = NAN;
};

// The q-quantile (0..1) by linear interpolation between order statistics
// (numpy's default, Hyndman & Fan type 7); NaN for no values.
double quantile(std::vector<double> values, double q);

struct PointLayerRef {
  const PointLayer* layer = nullptr;
  const LayerJoin* join = nullptr;
};

std::vector<DistrictCoverage> district_coverage(std::size_t units, PointLayerRef facilities, const FacilityClasses& classes,
                                                PointLayerRef partners, PointLayerRef issues, const NearestColumns& issue_nearest,
                                                double partner_reach_m);

}  // namespace engine::coverage

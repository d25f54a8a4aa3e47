#include "engine/coverage/district_coverage.hpp"

#include <algorithm>
#include <cmath>

namespace engine::coverage {

double quantile(std::vector<double> values, double q) {
  if (values.empty()) return NAN;
  std::sort(values.begin(), values.end());
  const double h = q * static_cast<double>(values.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, values.size() - 1);
  return values[lo] + (h - static_cast<double>(lo)) * (values[hi] - values[lo]);
}

std::vector<DistrictCoverage> district_coverage(std::size_t units, PointLayerRef facilities, const FacilityClasses& classes,
                                                PointLayerRef partners, PointLayerRef issues, const NearestColumns& issue_nearest,
                                                double partner_reach_m) {
  std::vector<DistrictCoverage> out(units);
  if (facilities.layer != nullptr)
    for (std::size_t r = 0; r < facilities.layer->size(); ++r) {
      const std::int32_t u = facilities.join->unit[r];
      if (u < 0) continue;
      DistrictCoverage& d = out[static_cast<std::size_t>(u)];
      ++d.facilities;
      d.facilities_operational += classes.operational[r];
      d.facilities_covering += classes.radius_m[r] > 0;
      ++d.facilities_by_type_status[classes.type[r] + "_" + classes.status[r]];
      if (!classes.operational[r]) ++d.non_operational_by_status[classes.status[r]];
    }
  if (partners.layer != nullptr)
    for (std::size_t r = 0; r < partners.layer->size(); ++r)
      if (partners.join->unit[r] >= 0) ++out[static_cast<std::size_t>(partners.join->unit[r])].partners;
  if (issues.layer != nullptr) {
    std::vector<std::vector<double>> distances(units);
    for (std::size_t r = 0; r < issues.layer->size(); ++r) {
      const std::int32_t u = issues.join->unit[r];
      // Records placed by admin name only have no location to cover.
      if (u < 0 || !std::isfinite(issues.layer->points[r].x)) continue;
      DistrictCoverage& d = out[static_cast<std::size_t>(u)];
      ++d.issues;
      d.issues_covered += issue_nearest.covered[r];
      if (!issue_nearest.partner_m.empty() && issue_nearest.partner_m[r] <= partner_reach_m) ++d.issues_partner_in_reach;
      if (issue_nearest.facility[r] >= 0) distances[static_cast<std::size_t>(u)].push_back(issue_nearest.facility_m[r]);
    }
    for (std::size_t u = 0; u < units; ++u) {
      out[u].nearest_median_m = quantile(distances[u], 0.5);
      out[u].nearest_p90_m = quantile(distances[u], 0.9);
    }
  }
  return out;
}

}  // namespace engine::coverage

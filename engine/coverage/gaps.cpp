#include "engine/coverage/gaps.hpp"

#include <algorithm>
#include <cmath>

namespace engine::coverage {
namespace {

double uncovered_people(const DistrictCoverage& d) {
  return std::isnan(d.population) ? 0 : std::max(0.0, d.population - d.population_covered);
}

std::string plural(std::int64_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::vector<Gap> rank_gaps(const AdminLevel& level, const std::vector<DistrictCoverage>& units, bool have_partners) {
  std::vector<Gap> out;
  for (std::size_t u = 0; u < units.size(); ++u) {
    const DistrictCoverage& d = units[u];
    const std::int64_t issues_uncovered = d.issues - d.issues_covered;
    // Half a person: below that the areal share is rounding, not a gap.
    const bool people_uncovered = uncovered_people(d) >= 0.5;
    if (issues_uncovered <= 0 && !people_uncovered) continue;
    Gap gap;
    gap.unit = static_cast<std::int32_t>(u);
    std::vector<std::string> text;
    if (d.facilities_operational == 0) {
      if (d.facilities == 0) {
        gap.reasons.push_back("no_operational_facility");
        text.push_back("no operational facility");
      } else {
        const bool all_damaged =
            d.non_operational_by_status.size() == 1 && d.non_operational_by_status.begin()->first == "damaged";
        gap.reasons.push_back(all_damaged ? "only_damaged_facilities" : "only_non_operational_facilities");
        std::string statuses;
        for (const auto& [status, n] : d.non_operational_by_status)
          statuses += (statuses.empty() ? "" : ", ") + std::to_string(n) + " " + status;
        text.push_back((all_damaged ? "only damaged facilities (" : "only non-operational facilities (") + statuses + ")");
      }
    }
    if (have_partners && d.partners == 0) {
      gap.reasons.push_back("no_partner");
      text.push_back("no partner CSO");
    }
    const std::int64_t beyond_reach = issues_uncovered - d.issues_over_capacity;
    if (d.issues_over_capacity > 0) {
      gap.reasons.push_back("facilities_at_capacity");
      text.push_back(plural(d.issues_over_capacity, "issue", "issues") + " within reach only of facilities at capacity");
    }
    if (d.facilities_operational > 0 && beyond_reach > 0) {
      gap.reasons.push_back("issues_beyond_reach");
      text.push_back(plural(beyond_reach, "issue", "issues") + " beyond the reach of its facilities");
    } else if (d.facilities_operational > 0 && d.issues_over_capacity == 0 && people_uncovered) {
      gap.reasons.push_back("people_beyond_reach");
      text.push_back("people beyond the reach of its facilities");
    }
    for (const std::string& t : text) gap.explanation += (gap.explanation.empty() ? "" : "; ") + t;
    out.push_back(std::move(gap));
  }
  std::sort(out.begin(), out.end(), [&](const Gap& a, const Gap& b) {
    const DistrictCoverage &x = units[static_cast<std::size_t>(a.unit)], &y = units[static_cast<std::size_t>(b.unit)];
    const std::int64_t ux = x.issues - x.issues_covered, uy = y.issues - y.issues_covered;
    if (ux != uy) return ux > uy;
    const double px = uncovered_people(x), py = uncovered_people(y);
    if (px != py) return px > py;
    return level.units[static_cast<std::size_t>(a.unit)].code < level.units[static_cast<std::size_t>(b.unit)].code;
  });
  return out;
}

}  // namespace engine::coverage

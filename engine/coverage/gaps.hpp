#pragma once
// The gap list: admin units with uncovered issues or uncovered people,
// worst first (uncovered issues, then uncovered people, then P-code), each
// with the reasons a planner acts on:
//   no_operational_facility          the unit holds no facility at all
//   only_damaged_facilities          it holds facilities, all damaged
//   only_non_operational_facilities  it holds facilities, none operational (other statuses)
//   no_partner                       no partner CSO in the unit (only when there is a partners layer)
//   facilities_at_capacity           issues lie within reach only of facilities already full
//   issues_beyond_reach              operational facilities are there, yet issues lie beyond their radius
//   people_beyond_reach              likewise for people, where no issue is uncovered

#include <cstdint>
#include <string>
#include <vector>

#include "engine/boundaries.hpp"
#include "engine/coverage/district_coverage.hpp"

namespace engine::coverage {

struct Gap {
  std::int32_t unit = -1;
  std::vector<std::string> reasons;  // codes as above, in that order
  std::string explanation;           // the same for people: "no operational facility; no partner CSO"
};

std::vector<Gap> rank_gaps(const AdminLevel& level, const std::vector<DistrictCoverage>& units, bool have_partners);

}  // namespace engine::coverage

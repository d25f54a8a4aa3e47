#pragma once
// Coverage gaps: which units have reported issues but no operational
// security facility or partner CSO within reach, how many people live beyond
// that reach, and where new sites would cover the most.
//
//   compute_coverage(inputs, options, progress) -> CoverageResult
//
// Steps, each in its own file:
//   facility_classes   type, status, operational?, radius of every facility
//   nearest_sites      nearest operational facility / partner per issue and
//                      partner (exact geodesic nearest), within reach or not
//   facility_load      which facility serves each issue within reach, under
//                      the facilities' capacities (nearest pair first)
//   district_coverage  per unit: issues covered, median / p90 distance,
//                      partners present, facilities by type and status
//   uncovered_areas    per unit: the area outside every coverage disc
//   population         per unit: people covered and not (raster or field)
//   three_w            per unit x partner sector: partners and their names
//   candidate_sites +  k new sites maximising newly covered issues or
//   site_selection     people (greedy MCLP, independently rechecked)
//   gaps               units ranked by uncovered issues / people, with reasons
//
// Everything is computed for the finest boundary level (districts).  No
// facility layer, or none operational, is not an error: coverage is 0 and a
// warning says why.  The function prints nothing and writes no file; the
// population raster, if any, is read through `inputs.population`.
//
// Determinism: the same inputs and options give the same result whatever
// the number of threads.

#include <optional>
#include <string>
#include <vector>

#include "engine/boundaries.hpp"
#include "engine/coverage/candidate_sites.hpp"
#include "engine/coverage/coverage_options.hpp"
#include "engine/coverage/district_coverage.hpp"
#include "engine/coverage/facility_classes.hpp"
#include "engine/coverage/facility_load.hpp"
#include "engine/coverage/gaps.hpp"
#include "engine/coverage/nearest_sites.hpp"
#include "engine/coverage/population.hpp"
#include "engine/coverage/site_selection.hpp"
#include "engine/coverage/three_w.hpp"
#include "engine/coverage/uncovered_areas.hpp"
#include "engine/progress.hpp"

namespace engine::coverage {

struct CoverageInputs {
  const Boundaries* boundaries = nullptr;  // required; coverage is per unit of the finest level
  PointLayerRef facilities, partners, issues;  // each optional (layer and join together)
  PointLayerRef candidates;                    // the candidate layer of options.sites, if any
  PopulationSource* population = nullptr;      // the raster of options.population, if any
};

struct CoverageTotals {
  std::int64_t facilities = 0, operational = 0, covering = 0;
  std::int64_t issues = 0, issues_covered = 0;  // issues inside a unit
  std::int64_t issues_over_capacity = 0;        // within reach, but only of full facilities
  std::int64_t issues_partner_in_reach = 0;
  std::int64_t partners = 0;                    // partners inside a unit
  double nearest_median_m = NAN, nearest_p90_m = NAN;  // over issues inside a unit
  double area_km2 = 0, uncovered_km2 = 0;
  double population = NAN, population_covered = NAN;
};

struct CoverageResult {
  FacilityClasses facilities;
  NearestColumns issues, partners;       // per record of those layers (empty when absent);
                                         // issues.covered = served (facility_load.hpp)
  FacilityLoad load;                     // per facility and issue record (empty without both layers)
  std::vector<DistrictCoverage> units;   // per finest-level unit
  UncoveredAreas uncovered;
  PopulationCoverage population;
  ThreeW three_w;
  CandidateSet candidates;
  std::vector<DemandPoint> demand;       // the uncovered demand sites were chosen for
  SiteSelection sites;
  std::vector<Gap> gaps;
  CoverageTotals totals;
  std::vector<std::string> warnings;     // each names file, layer, record and field where it can
};

CoverageResult compute_coverage(const CoverageInputs& inputs, const CoverageOptions& options, Progress& progress);

}  // namespace engine::coverage

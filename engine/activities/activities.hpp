#pragma once
// The activities analysis: a programme's activities (grants, works,
// forums, dialogues, round tables, trainings, campaigns) on the map with
// their partners, budgets and beneficiaries, aggregated into 4W/5W tables
// per admin unit, type and period, set against need and coverage, with
// inclusion indicators and the facilities they benefited.
//
// Every record of the layer is accounted for: counted (placed in a unit by
// coordinates, snapping or admin names) or not counted (unmatched or
// rejected by the join), with its problems (activity_records.hpp).  Prints
// nothing; the outputs are built by activities_outputs.hpp.

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "engine/activities/activities_options.hpp"
#include "engine/activities/activity_records.hpp"
#include "engine/activities/partner_leads.hpp"
#include "engine/activities/reach.hpp"
#include "engine/activities/tally.hpp"
#include "engine/boundaries.hpp"
#include "engine/join.hpp"
#include "engine/point_layer.hpp"
#include "engine/unit_table.hpp"

namespace engine::activities {

struct ActivitiesInputs {
  const Boundaries* boundaries = nullptr;
  const PointLayer* activities = nullptr;
  const LayerJoin* join = nullptr;
  const PointLayer* facilities = nullptr;  // optional
  const LayerJoin* facilities_join = nullptr;
  const PointLayer* issues = nullptr;      // optional: the need
  const LayerJoin* issues_join = nullptr;
  const UnitTable* coverage = nullptr;     // optional: the coverage analysis's finest-level table
  const coordination::ActorNetwork* network = nullptr;  // optional: women-/youth-led partners
};

// One cell of the 4W table.
struct FourWKey {
  std::size_t level = 0;
  std::int32_t unit = -1;
  int type = -1;
  std::string period;
  auto operator<=>(const FourWKey&) const = default;
};

// One district (finest unit) x type of the inclusion table; type -1 with
// `all` set is the district's row over every type.
struct InclusionRow {
  std::int32_t unit = -1;
  int type = -1;
  bool all = false;
  Tally tally;
  bool women_below = false, youth_below = false;
};

struct FacilityBenefit {
  std::int32_t facility = -1;  // record index in the facilities layer
  Tally tally;
};

struct ActivityCounts {
  std::int64_t input = 0, counted = 0, by_coordinates = 0, by_name = 0, not_counted = 0;
  std::int64_t with_problems = 0, unknown_type = 0, with_facility = 0, partner_matched = 0;
};

struct ActivitiesResult {
  ActivitiesOptions options;
  std::vector<std::string> groups;  // group names, in field order
  ActivityRecords records;
  std::vector<PartnerLead> leads;   // per record (actor_id empty = no actor matched)
  std::map<FourWKey, Tally> four_w;
  std::vector<std::vector<Tally>> units;  // [level][unit], over every type and period
  Tally total;                            // over every counted record
  std::map<std::pair<std::int32_t, int>, Tally> district_types;  // (finest unit, type)
  std::vector<InclusionRow> inclusion;
  Reach reach;
  std::vector<FacilityBenefit> facilities;  // every facility with at least one activity, in layer order
  std::int64_t departments_benefited = 0, departments = 0;
  ActivityCounts counts;
  bool leads_available = false;
  std::vector<std::string> warnings;
};

ActivitiesResult compute_activities(const ActivitiesInputs& in, const ActivitiesOptions& options);

// The label of a type index (-1 = "unknown").
std::string type_code(const ActivitiesResult& r, int type);

}  // namespace engine::activities

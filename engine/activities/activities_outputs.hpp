#pragma once
// The activities result as tables (geo::LayerData, for CSV, GeoPackage and
// PostGIS), as fields on the admin layers (engine::UnitTable) and as its
// run.json member.
//
//   activities         one row per input record, in source order (activities.csv):
//                      record, id, ADM<k>_PCODE/_EN/_AR, match, type_value, type,
//                      period, partner, donor, start, end, budget, currency,
//                      facility_id, facility_found, total, male, female,
//                      <group>..., resolutions, participants, sex_difference,
//                      partner_actor, women_led, youth_led (with a coordination
//                      network), counted, checks (problem kinds, ';'-separated),
//                      check_notes ("field: problem", '|'-separated)
//   point layer        the joined activities layer gains activity_type, period,
//                      participants, sex_difference, facility_found,
//                      partner_actor, women_led, youth_led, counted, checks
//   four_w             one row per admin unit of every level x type x period:
//                      level, ADM<k>_PCODE/_EN/_AR (empty below the row's level),
//                      type, type_label, type_label_ar, period, activities,
//                      partners, partner_names, budget_<currency> (one per currency),
//                      budget_<to>_converted (with a rate table), participants,
//                      male, female, <group> (one per group), resolutions,
//                      women_share, youth_share, inconsistent_records
//   reach              one row per district: activities, participants, issues,
//                      need, need_rank, high_need, top_need, flags, and with the
//                      coverage analysis issues_uncovered, uncovered_share, gap_rank
//   inclusion          one row per district x type with activities, and one
//                      per district with type "all": participants, male,
//                      female, women_share, women_below, youth, youth_share,
//                      youth_below, women_led, youth_led (with a coordination network)
//   facility_activities  one row per facility with at least one activity:
//                      facility_id, names, type, status, its unit, activities,
//                      types, budget_<currency>, budget_<to>_converted,
//                      participants, department
//   admin layer fields  activities, activity_partners, activity_budget_<currency>,
//                      activity_budget_<to>_converted, beneficiaries,
//                      beneficiaries_male, beneficiaries_female,
//                      beneficiaries_<group>, activity_resolutions,
//                      activities_<type>, activity_women_share, activity_youth_share,
//                      activities_women_led, activities_youth_led; on the
//                      districts also need_rank and reach_flags
//
// Budgets are rounded to 0.01, shares to 4 decimals.  A converted total is
// empty where a budget's currency has no rate.

#include <nlohmann/json.hpp>

#include "engine/activities/activities.hpp"
#include "engine/boundaries.hpp"
#include "engine/unit_table.hpp"
#include "geo/vector_writer.hpp"

namespace engine::activities {

void append_activity_columns(geo::LayerData& joined, const ActivitiesResult& r);
// The records table behind activities.csv (see above).
geo::LayerData activities_table(const ActivitiesResult& r, const Boundaries& boundaries);
geo::LayerData four_w_table(const ActivitiesResult& r, const Boundaries& boundaries);
geo::LayerData reach_table(const ActivitiesResult& r, const Boundaries& boundaries);
geo::LayerData inclusion_table(const ActivitiesResult& r, const Boundaries& boundaries);
geo::LayerData facility_activities_table(const ActivitiesResult& r, const PointLayer& facilities,
                                         const LayerJoin& facilities_join, const Boundaries& boundaries);
// Fields for the units of one boundary level.
UnitTable activities_unit_table(const ActivitiesResult& r, const Boundaries& boundaries, std::size_t level);

// Parameters, accounting, problems by kind with examples, totals,
// concentration, flags and warnings, for run.json.
nlohmann::json activities_summary(const ActivitiesResult& r);

}  // namespace engine::activities

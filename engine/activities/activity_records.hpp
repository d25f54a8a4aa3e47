#pragma once
// The records of an activities layer read through the `activities.fields`
// mapping and checked one by one.  Nothing is corrected and nothing is
// dropped: every source record is one Activity, and every problem is a
// RecordProblem naming the record and the field.
//
//   problem kind         what                                    what the record keeps
//   unknown_type         type not in the vocabulary              type "unknown", its value as written
//   not_a_number         a count or budget that is not a number  that value missing
//   not_whole            a count with a fraction                 that value missing
//   negative             a negative count or budget              that value missing
//   bad_date             a date that does not parse              that date missing
//   dates_out_of_order   end before start                        both dates (period from the start)
//   sex_mismatch         male + female differs from the total    all three, the difference reported
//   group_above_total    a group larger than the total           both numbers
//   unknown_facility     facility id not in the facilities layer the id, no facility
//   budget_no_currency   a budget with no currency and no default  currency "unspecified"
//
// Groups (youth, displaced, children, ...) may overlap, so they are never
// expected to add up to the total; only the sex breakdown is.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/activities/activities_options.hpp"
#include "engine/join.hpp"
#include "engine/point_layer.hpp"

namespace engine::activities {

struct Activity {
  std::int64_t record = 0;  // 1-based data row in the source
  std::string id, type_value, partner, donor, currency, facility_id;
  int type = -1;  // index in ActivityTypes; -1 = unknown
  std::optional<Day> start, end;
  std::string period;
  std::optional<double> budget;
  std::optional<std::int64_t> total, male, female, resolutions;
  std::vector<std::optional<std::int64_t>> groups;  // as ActivityFields::groups
  std::int32_t facility = -1;                       // record index in the facilities layer
  std::int32_t unit = -1;                           // finest unit when counted, else -1
  Match match = Match::Rejected;
  std::vector<std::string> problems;                // kinds, in field order

  // Participants as counted in the tables: the stated total; without one,
  // male + female when both are given; else unknown.
  std::optional<std::int64_t> participants() const;
  // male + female - total when all three are given and differ.
  std::optional<std::int64_t> sex_difference() const;
};

struct RecordProblem {
  std::int64_t record = 0;
  std::string id, field, kind;
  std::string what;     // the problem alone ("the count -3 is negative; ...")
  std::string message;  // with its place: file, layer, record, field
};

struct ActivityRecords {
  std::vector<Activity> activities;     // every source record, in source order
  std::vector<RecordProblem> problems;  // in source order
  std::vector<std::string> currencies;  // every currency with a budget, sorted
};

// Reads and checks every record.  `facilities` may be null (no facility
// join).  Throws engine::Error when a field named in the section is not in
// the layer.
ActivityRecords read_activities(const PointLayer& layer, const LayerJoin& join, const PointLayer* facilities,
                                const ActivitiesOptions& options);

// Whether a record is counted in the unit tables: located in a unit by its
// coordinates (matched or snapped) or by its admin names.
bool counted(Match m);

}  // namespace engine::activities

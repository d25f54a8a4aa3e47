#pragma once
// Reach against need, per finest-level unit (district): the activities and
// participants there next to the reported issues and, when the coverage
// analysis ran, its coverage gap.
//
// Need is the issue count or the issue rate per 10,000 people
// (activities.reach.need).  Units are ranked by need, most first (ties by
// unit order); only units with need above zero are ranked.
//   high_need     among the first ceil(high_need_share x units) ranked units
//   top_need      among the first ceil(top_share x units) ranked units (the
//                 top decile by default)
//   flag high_need_no_activity   high need and no activity
//   flag activity_no_need        activities but no reported issue
// Concentration: the share of all counted activities (and participants) in
// the top_need units, next to those units' share of need and of units: 0.3
// of activities in the top decile of need is three times an even spread.

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/activities/activities_options.hpp"
#include "engine/activities/tally.hpp"
#include "engine/boundaries.hpp"
#include "engine/unit_table.hpp"

namespace engine::activities {

struct ReachRow {
  std::int64_t activities = 0, participants = 0, issues = 0;
  double need = std::nan("");  // NaN when unknown (no issues layer)
  std::int64_t need_rank = 0;  // 1 = most need; 0 = not ranked
  bool high_need = false, top_need = false;
  std::vector<std::string> flags;
  // From the coverage analysis's unit table, when it ran.
  std::optional<double> issues_uncovered, uncovered_share, gap_rank;
};

struct Concentration {
  std::int64_t top_units = 0;
  double activity_share = 0, participant_share = 0, need_share = 0, unit_share = 0;
};

struct Reach {
  std::string need_measure;  // "issues", "issue_rate" or "" when unknown
  std::vector<ReachRow> rows;  // one per finest unit
  Concentration concentration;
  std::vector<std::string> warnings;
};

// `issues` holds the located issues per finest unit (empty: no issues
// layer); `units` the activities' tallies per finest unit.
Reach reach_against_need(const AdminLevel& finest, const std::vector<Tally>& units, const std::vector<std::int64_t>& issues,
                         const UnitTable* coverage, const ReachOptions& options);

}  // namespace engine::activities

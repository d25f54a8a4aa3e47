#pragma once
// Options of the activities analysis (the programme's 4W/5W: who did what,
// where, when, for whom) and the `activities:` section of the project file.
//
//   activities:
//     layer: activities            # DEFAULT: the project's only layer with role activities
//     facilities: facilities       # layer of the facilities activities benefit; DEFAULT: the only role facilities layer
//     issues: issues               # layer of reported issues, the need; DEFAULT: the only role issues layer
//     fields:                      # source fields; DEFAULT: a field of the key's own name when the layer has one
//       id: activity_id
//       type: type                 # a code, label or alias of the type vocabulary (activity_types.hpp)
//       partner: partner           # implementing partner (an id or name; see "women- and youth-led")
//       donor: donor               # donor or programme
//       start: start_date          # ISO dates (2024-03-31 or 2024/03/31)
//       end: end_date
//       budget: budget
//       currency: currency         # ISO 4217 code; DEFAULT for empty cells: `currency.default`
//       facility: facility_id      # id of a facility in the facilities layer
//       total: participants        # participants / beneficiaries in all
//       male: male
//       female: female
//       resolutions: resolutions   # resolutions or decisions produced
//       groups: {youth: youth, children: children, displaced: displaced, officers: officers}
//                                  # counts by group, as the data give them; DEFAULT: none
//     types:                       # added to the standard vocabulary
//       mediation_session: {label: Mediation session, label_ar: جلسة وساطة, aliases: [mediation]}
//     period: quarter              # year, quarter, month or none; DEFAULT: year
//     periods:                     # or explicit periods (then `period` is not given)
//       phase_1: [2023-01-01, 2023-12-31]
//       phase_2: [2024-01-01, 2024-12-31]
//     currency:
//       default: USD               # the currency of a budget with no currency; DEFAULT: none ("unspecified")
//       to: USD                    # convert to this currency ...
//       rates: {YER: 0.0018, SAR: 0.2667}   # ... one unit of each currency in `to`; DEFAULT: no conversion
//     inclusion:
//       women_share: 0.3           # flag a district x type below this share of women; DEFAULT 0.3
//       youth_share: 0.2           # likewise for youth; DEFAULT 0.2
//       youth_groups: [youth]      # the groups that count as youth; DEFAULT [youth]
//     reach:
//       need: issue_rate           # issues, or issue_rate (per 10,000 people); DEFAULT issue_rate
//                                  # when every district has a population, else issues
//       high_need_share: 0.2       # "high need": this share of districts, most need first; DEFAULT 0.2
//       top_share: 0.1             # concentration: share of activity in this top share of need; DEFAULT 0.1
//     departments: [security_department]   # facility types counted as security departments
//
// Records are assigned to a period by their start date (the end date when
// there is no start).  Without a rate table budgets are never added across
// currencies: every table has one budget column per currency.

#include <optional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "engine/activities/activity_types.hpp"
#include "engine/coordination/calendar_date.hpp"
#include "engine/project.hpp"

namespace engine {
class Section;
}

namespace engine::activities {

using coordination::Day;

struct ActivityFields {
  std::string id, type, partner, donor, start, end, budget, currency, facility, total, male, female, resolutions;
  std::vector<std::pair<std::string, std::string>> groups;  // group name -> field, in section order
  // Keys given explicitly (a missing field is then an error; defaults are optional).
  std::vector<std::string> explicit_keys;
};

enum class PeriodKind { None, Year, Quarter, Month, Explicit };

struct NamedPeriod {
  std::string name;
  Day start = 0, end = 0;  // inclusive
};

struct CurrencyOptions {
  std::string default_currency;  // DEFAULT "" = budgets without currency are "unspecified"
  std::string to;                // DEFAULT "" = no conversion
  std::map<std::string, double> rates;  // currency -> value of one unit in `to`
  bool converts() const { return !to.empty(); }
  // The rate of a currency into `to`; nullopt when unknown.
  std::optional<double> rate(const std::string& currency) const;
};

struct InclusionOptions {
  double women_share = 0.3;
  double youth_share = 0.2;
  std::vector<std::string> youth_groups = {"youth"};
};

enum class NeedMeasure { Auto, Issues, IssueRate };

struct ReachOptions {
  NeedMeasure need = NeedMeasure::Auto;
  double high_need_share = 0.2;
  double top_share = 0.1;
};

struct ActivitiesOptions {
  std::string layer;             // DEFAULT "" = the only layer with role activities
  std::string facilities_layer;  // DEFAULT "" = the only layer with role facilities (none: no facility join)
  std::string issues_layer;      // DEFAULT "" = the only layer with role issues (none: need unknown)
  ActivityFields fields;
  ActivityTypes types = ActivityTypes::standard();
  PeriodKind period = PeriodKind::Year;
  std::vector<NamedPeriod> periods;  // PeriodKind::Explicit
  CurrencyOptions currency;
  InclusionOptions inclusion;
  ReachOptions reach;
  std::vector<std::string> departments = {"security_department"};
  int line = 0;
  std::string label;  // the project file, for messages

  // Throws engine::Error naming the key; touches no file.
  void validate() const;
  // "2024", "2024-Q1", "2024-03", an explicit period's name; "undated"
  // without a date, "outside_periods" for a date in no explicit period.
  std::string period_of(std::optional<Day> day) const;
};

ActivitiesOptions parse_activities_options(Section& s);
// The project's `activities:` section (defaults when it has none).
ActivitiesOptions activities_options(const Project& project);

// The layer names the analysis uses ("" = none); throws engine::Error for a
// name that is not a layer or two layers with one role and no name to choose.
struct ActivityLayerNames {
  std::string activities, facilities, issues;
};
ActivityLayerNames activity_layer_names(const Project& project, const ActivitiesOptions& options);

}  // namespace engine::activities

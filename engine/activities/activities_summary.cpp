// The activities member of run.json (declared in activities_outputs.hpp).
#include <cmath>
#include <map>

#include "engine/activities/activities_outputs.hpp"
#include "engine/coordination/calendar_date.hpp"

namespace engine::activities {
namespace {

using nlohmann::json;

double round4(double v) { return std::round(v * 10000) / 10000; }

const char* to_string(PeriodKind k) {
  switch (k) {
    case PeriodKind::None: return "none";
    case PeriodKind::Year: return "year";
    case PeriodKind::Quarter: return "quarter";
    case PeriodKind::Month: return "month";
    case PeriodKind::Explicit: return "explicit";
  }
  return "year";
}

json parameters(const ActivitiesOptions& o) {
  json p;
  p["period"] = to_string(o.period);
  if (!o.periods.empty()) {
    json periods = json::object();
    for (const NamedPeriod& n : o.periods)
      periods[n.name] = {coordination::format_date(n.start), coordination::format_date(n.end)};
    p["periods"] = periods;
  }
  json types = json::array();
  for (const ActivityType& t : o.types.types()) types.push_back(t.code);
  p["types"] = types;
  json groups = json::array();
  for (const auto& [group, field] : o.fields.groups) groups.push_back(group);
  p["groups"] = groups;
  p["inclusion"] = {{"women_share", o.inclusion.women_share}, {"youth_share", o.inclusion.youth_share},
                    {"youth_groups", o.inclusion.youth_groups}};
  p["reach"] = {{"high_need_share", o.reach.high_need_share}, {"top_share", o.reach.top_share}};
  json currency = json::object();
  if (!o.currency.default_currency.empty()) currency["default"] = o.currency.default_currency;
  if (o.currency.converts()) {
    currency["to"] = o.currency.to;
    currency["rates"] = o.currency.rates;
  }
  p["currency"] = currency;
  p["departments"] = o.departments;
  return p;
}

json tally_totals(const ActivitiesResult& r, const Tally& t) {
  json j;
  j["activities"] = t.activities;
  j["partners"] = t.partners.size();
  json budget = json::object();
  for (const auto& [currency, sum] : t.budget) budget[currency] = std::round(sum * 100) / 100;
  j["budget"] = budget;
  if (r.options.currency.converts())
    j["budget_converted"] = t.unconvertible ? json(nullptr) : json(std::round(t.converted * 100) / 100);
  j["participants"] = t.participants;
  j["male"] = t.male;
  j["female"] = t.female;
  json groups = json::object();
  for (std::size_t g = 0; g < r.groups.size(); ++g) groups[r.groups[g]] = g < t.groups.size() ? t.groups[g] : 0;
  j["groups"] = groups;
  j["resolutions"] = t.resolutions;
  j["women_share"] = t.women_share() ? json(round4(*t.women_share())) : json(nullptr);
  j["youth_share"] = t.youth_share() ? json(round4(*t.youth_share())) : json(nullptr);
  if (r.leads_available) j["women_led"] = t.women_led, j["youth_led"] = t.youth_led;
  return j;
}

}  // namespace

json activities_summary(const ActivitiesResult& r) {
  json s;
  s["parameters"] = parameters(r.options);
  const ActivityCounts& c = r.counts;
  // input = counted + not_counted; counted = by_coordinates + by_name.
  s["records"] = {{"input", c.input},          {"counted", c.counted},         {"by_coordinates", c.by_coordinates},
                  {"by_name", c.by_name},      {"not_counted", c.not_counted}, {"with_problems", c.with_problems},
                  {"unknown_type", c.unknown_type}, {"with_facility", c.with_facility}};
  if (r.leads_available) s["records"]["partner_matched_actor"] = c.partner_matched;
  json not_counted = json::array();
  for (const Activity& a : r.records.activities)
    if (a.unit < 0) not_counted.push_back({{"record", a.record}, {"id", a.id}, {"match", engine::to_string(a.match)}});
  s["not_counted"] = not_counted;

  std::map<std::string, std::pair<std::int64_t, json>> kinds;
  for (const RecordProblem& p : r.records.problems) {
    auto& [count, examples] = kinds[p.kind];
    if (count++ < 3) examples.push_back(p.message);
  }
  json problems = json::array();
  for (const auto& [kind, entry] : kinds) problems.push_back({{"kind", kind}, {"count", entry.first}, {"examples", entry.second}});
  s["problems"] = problems;
  json inconsistent = json::array();
  for (const Activity& a : r.records.activities)
    if (const auto d = a.sex_difference())
      inconsistent.push_back({{"record", a.record}, {"id", a.id}, {"total", *a.total}, {"male", *a.male},
                              {"female", *a.female}, {"difference", *d}});
  s["inconsistent_breakdowns"] = inconsistent;

  s["totals"] = tally_totals(r, r.total);
  s["currencies"] = r.records.currencies;
  json reach;
  reach["need"] = r.reach.need_measure.empty() ? json(nullptr) : json(r.reach.need_measure);
  std::int64_t no_activity = 0, no_need = 0;
  for (const ReachRow& row : r.reach.rows)
    for (const std::string& f : row.flags) (f == "high_need_no_activity" ? no_activity : no_need) += 1;
  reach["high_need_no_activity"] = no_activity;
  reach["activity_no_need"] = no_need;
  const Concentration& k = r.reach.concentration;
  reach["concentration"] = {{"top_units", k.top_units},
                            {"unit_share", round4(k.unit_share)},
                            {"need_share", round4(k.need_share)},
                            {"activity_share", round4(k.activity_share)},
                            {"participant_share", round4(k.participant_share)}};
  s["reach"] = reach;
  std::int64_t women_below = 0, youth_below = 0;
  for (const InclusionRow& i : r.inclusion) women_below += i.women_below, youth_below += i.youth_below;
  s["inclusion"] = {{"rows", r.inclusion.size()}, {"women_below", women_below}, {"youth_below", youth_below}};
  s["facilities"] = {{"benefited", r.facilities.size()},
                     {"departments", r.departments},
                     {"departments_benefited", r.departments_benefited}};
  s["warnings"] = r.warnings;
  return s;
}

}  // namespace engine::activities

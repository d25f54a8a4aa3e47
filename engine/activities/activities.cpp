#include "engine/activities/activities.hpp"

#include <algorithm>

#include "engine/counts.hpp"

namespace engine::activities {
namespace {

std::vector<std::size_t> youth_group_indices(const ActivitiesOptions& options) {
  std::vector<std::size_t> out;
  for (std::size_t g = 0; g < options.fields.groups.size(); ++g)
    for (const std::string& y : options.inclusion.youth_groups)
      if (options.fields.groups[g].first == y) out.push_back(g);
  return out;
}

std::vector<std::int64_t> issues_per_unit(const ActivitiesInputs& in) {
  if (in.issues == nullptr) return {};
  std::vector<std::int64_t> n(in.boundaries->finest().units.size(), 0);
  for (std::size_t r = 0; r < in.issues->size(); ++r)
    if (counted(in.issues_join->match[r]) && in.issues_join->unit[r] >= 0) ++n[static_cast<std::size_t>(in.issues_join->unit[r])];
  return n;
}

void count_departments(const ActivitiesInputs& in, const ActivitiesOptions& options, ActivitiesResult& r) {
  if (in.facilities == nullptr) return;
  auto is_department = [&](std::int32_t f) {
    const std::string type = value_slug(in.facilities->role_text("type", static_cast<std::size_t>(f)));
    for (const std::string& d : options.departments)
      if (value_slug(d) == type) return true;
    return false;
  };
  for (std::size_t f = 0; f < in.facilities->size(); ++f)
    if (is_department(static_cast<std::int32_t>(f))) ++r.departments;
  for (const FacilityBenefit& b : r.facilities)
    if (is_department(b.facility)) ++r.departments_benefited;
}

}  // namespace

std::string type_code(const ActivitiesResult& r, int type) {
  return type < 0 ? "unknown" : r.options.types.types()[static_cast<std::size_t>(type)].code;
}

ActivitiesResult compute_activities(const ActivitiesInputs& in, const ActivitiesOptions& options) {
  ActivitiesResult r;
  r.options = options;
  for (const auto& [group, field] : options.fields.groups) r.groups.push_back(group);
  r.records = read_activities(*in.activities, *in.join, in.facilities, options);
  const PartnerLeads leads = in.network ? PartnerLeads(*in.network) : PartnerLeads();
  r.leads_available = leads.available();
  const std::vector<std::size_t> youth = youth_group_indices(options);
  const Boundaries& b = *in.boundaries;

  r.units.resize(b.levels.size());
  for (std::size_t l = 0; l < b.levels.size(); ++l) r.units[l].resize(b.levels[l].units.size());
  std::map<std::int32_t, Tally> by_facility;
  ActivityCounts& c = r.counts;
  for (const Activity& a : r.records.activities) {
    const PartnerLead lead = leads.find(a.partner).value_or(PartnerLead{});
    r.leads.push_back(lead);
    ++c.input;
    if (!a.problems.empty()) ++c.with_problems;
    if (a.type < 0) ++c.unknown_type;
    if (!lead.actor_id.empty()) ++c.partner_matched;
    if (a.facility >= 0) {
      ++c.with_facility;
      // A facility benefits wherever the activity was recorded, so it is
      // counted even when the activity itself could not be placed.
      by_facility[a.facility].add(a, options.currency, youth, lead.women_led, lead.youth_led);
    }
    if (a.unit < 0) {
      ++c.not_counted;
      continue;
    }
    ++c.counted;
    ++(a.match == Match::NameMatched ? c.by_name : c.by_coordinates);
    r.total.add(a, options.currency, youth, lead.women_led, lead.youth_led);
    r.district_types[{a.unit, a.type}].add(a, options.currency, youth, lead.women_led, lead.youth_led);
    for (std::size_t l = 0; l < b.levels.size(); ++l) {
      const std::int32_t u = b.ancestor(l, a.unit);
      if (u < 0) continue;
      r.units[l][static_cast<std::size_t>(u)].add(a, options.currency, youth, lead.women_led, lead.youth_led);
      r.four_w[{l, u, a.type, a.period}].add(a, options.currency, youth, lead.women_led, lead.youth_led);
    }
  }
  for (auto& [facility, tally] : by_facility) r.facilities.push_back({facility, std::move(tally)});
  count_departments(in, options, r);

  // Inclusion: per district and type, then the district over every type.
  auto flagged = [&](InclusionRow row) {
    const auto w = row.tally.women_share(), y = row.tally.youth_share();
    row.women_below = w && *w < options.inclusion.women_share;
    row.youth_below = y && *y < options.inclusion.youth_share;
    return row;
  };
  const std::vector<Tally>& districts = r.units.back();
  for (std::size_t u = 0; u < districts.size(); ++u) {
    if (districts[u].activities == 0) continue;
    const auto unit = static_cast<std::int32_t>(u);
    for (auto it = r.district_types.lower_bound({unit, -1}); it != r.district_types.end() && it->first.first == unit; ++it)
      r.inclusion.push_back(flagged({unit, it->first.second, false, it->second}));
    r.inclusion.push_back(flagged({unit, -1, true, districts[u]}));
  }

  r.reach = reach_against_need(b.finest(), districts, issues_per_unit(in), in.coverage, options.reach);
  r.warnings = r.reach.warnings;
  const bool name_facilities = std::any_of(r.records.activities.begin(), r.records.activities.end(),
                                           [](const Activity& a) { return !a.facility_id.empty(); });
  if (name_facilities && in.facilities == nullptr)
    r.warnings.push_back("activities name facilities but the project has no facilities layer to join them to");
  else if (name_facilities && in.facilities->role_field("id") < 0)
    r.warnings.push_back("the facilities layer '" + in.facilities->spec.name +
                         "' has no id field (fields: {id: ...}), so activities cannot name their facility");
  for (const std::string& currency : r.records.currencies)
    if (options.currency.converts() && !options.currency.rate(currency))
      r.warnings.push_back("no rate for the currency " + currency + " in activities.currency.rates: its budgets are "
                           "left out of every converted total (totals per currency are complete)");
  if (!options.currency.converts() && r.records.currencies.size() > 1)
    r.warnings.push_back(std::to_string(r.records.currencies.size()) +
                         " currencies and no rate table: budgets are totalled per currency, never added together");
  return r;
}

}  // namespace engine::activities

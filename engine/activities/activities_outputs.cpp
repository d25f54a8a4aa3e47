#include "engine/activities/activities_outputs.hpp"

#include <cmath>
#include <set>

#include "engine/coordination/calendar_date.hpp"
#include "engine/counts.hpp"
#include "engine/exports.hpp"

namespace engine::activities {
namespace {

using geo::FieldType;
using geo::Value;

Value rounded(double v, double scale) { return std::isfinite(v) ? Value{std::round(v * scale) / scale} : Value{}; }
Value share(const std::optional<double>& v) { return v ? rounded(*v, 10000) : Value{}; }
Value flag(bool b) { return std::int64_t{b}; }
Value text_or_null(const std::string& s) { return s.empty() ? Value{} : Value{s}; }

std::string joined(const std::set<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : "; ") + s;
  return out;
}

// The budget columns every table shares: one per currency seen, and the
// converted total when there is a rate table.
struct BudgetColumns {
  const ActivitiesResult& r;
  void fields(const std::string& prefix, std::vector<geo::FieldDef>& out) const {
    for (const std::string& c : r.records.currencies) out.push_back({prefix + value_slug(c), FieldType::Real});
    if (r.options.currency.converts())
      out.push_back({prefix + value_slug(r.options.currency.to) + "_converted", FieldType::Real});
  }
  void values(const Tally& t, std::vector<Value>& row) const {
    for (const std::string& c : r.records.currencies) {
      const auto it = t.budget.find(c);
      row.push_back(it == t.budget.end() ? Value{} : rounded(it->second, 100));
    }
    if (r.options.currency.converts()) {
      const bool any = !t.budget.empty();
      row.push_back(any && !t.unconvertible ? rounded(t.converted, 100) : Value{});
    }
  }
};

// ADM<k> columns for a unit of `level`: its own and its ancestors', empty below.
std::vector<Value> unit_values(const Boundaries& b, std::size_t level, std::int32_t unit) {
  std::vector<Value> row;
  for (std::size_t l = 0; l < b.levels.size(); ++l) {
    std::int32_t u = -1;
    if (l <= level) {
      u = unit;
      for (std::size_t k = level; k > l; --k) u = u < 0 ? -1 : b.levels[k].units[static_cast<std::size_t>(u)].parent;
    }
    if (u < 0) {
      row.insert(row.end(), 3, std::monostate{});
      continue;
    }
    const AdminUnit& a = b.levels[l].units[static_cast<std::size_t>(u)];
    row.emplace_back(a.code);
    row.push_back(text_or_null(a.name_en));
    row.push_back(text_or_null(a.name_ar));
  }
  return row;
}

const ActivityType* type_of(const ActivitiesResult& r, int type) {
  return type < 0 ? nullptr : &r.options.types.types()[static_cast<std::size_t>(type)];
}

// Types that occur in the data, in vocabulary order (unknown last).
std::vector<int> types_seen(const ActivitiesResult& r) {
  std::set<int> seen;
  for (const Activity& a : r.records.activities) seen.insert(a.type);
  std::vector<int> out;
  for (int t : seen)
    if (t >= 0) out.push_back(t);
  if (seen.count(-1)) out.push_back(-1);
  return out;
}

}  // namespace

void append_activity_columns(geo::LayerData& joined, const ActivitiesResult& r) {
  std::set<std::string> taken;
  for (const auto& f : joined.fields) taken.insert(f.name);
  auto add = [&](std::string name, FieldType type) {
    while (taken.count(name)) name = "activities_" + name;
    taken.insert(name);
    joined.fields.push_back({name, type});
  };
  add("activity_type", FieldType::String);
  add("period", FieldType::String);
  add("participants", FieldType::Integer);
  add("sex_difference", FieldType::Integer);
  add("facility_found", FieldType::Integer);
  if (r.leads_available) {
    add("partner_actor", FieldType::String);
    add("women_led", FieldType::Integer);
    add("youth_led", FieldType::Integer);
  }
  add("counted", FieldType::Integer);
  add("checks", FieldType::String);
  for (std::size_t i = 0; i < joined.rows.size() && i < r.records.activities.size(); ++i) {
    const Activity& a = r.records.activities[i];
    std::vector<Value>& row = joined.rows[i];
    row.emplace_back(type_code(r, a.type));
    row.emplace_back(a.period);
    const auto p = a.participants();
    row.push_back(p ? Value{*p} : Value{});
    const auto d = a.sex_difference();
    row.push_back(d ? Value{*d} : Value{});
    row.push_back(a.facility_id.empty() ? Value{} : flag(a.facility >= 0));
    if (r.leads_available) {
      const PartnerLead& lead = r.leads[i];
      row.push_back(text_or_null(lead.actor_id));
      row.push_back(lead.actor_id.empty() ? Value{} : flag(lead.women_led));
      row.push_back(lead.actor_id.empty() ? Value{} : flag(lead.youth_led));
    }
    row.push_back(flag(a.unit >= 0));
    std::string checks;
    for (const std::string& k : a.problems) checks += (checks.empty() ? "" : ";") + k;
    row.push_back(text_or_null(checks));
  }
}

geo::LayerData activities_table(const ActivitiesResult& r, const Boundaries& b) {
  const UnitColumns units = admin_columns(b);
  geo::LayerData out;
  out.name = "activities";
  out.fields.push_back({"record", FieldType::Integer});
  out.fields.push_back({"id", FieldType::String});
  out.fields.insert(out.fields.end(), units.fields.begin(), units.fields.end());
  for (const char* name : {"match", "type_value", "type", "period", "partner", "donor", "start", "end"})
    out.fields.push_back({name, FieldType::String});
  out.fields.push_back({"budget", FieldType::Real});
  out.fields.push_back({"currency", FieldType::String});
  out.fields.push_back({"facility_id", FieldType::String});
  out.fields.push_back({"facility_found", FieldType::Integer});
  for (const char* name : {"total", "male", "female"}) out.fields.push_back({name, FieldType::Integer});
  for (const std::string& g : r.groups) out.fields.push_back({g, FieldType::Integer});
  for (const char* name : {"resolutions", "participants", "sex_difference"}) out.fields.push_back({name, FieldType::Integer});
  if (r.leads_available) {
    out.fields.push_back({"partner_actor", FieldType::String});
    out.fields.push_back({"women_led", FieldType::Integer});
    out.fields.push_back({"youth_led", FieldType::Integer});
  }
  out.fields.push_back({"counted", FieldType::Integer});
  out.fields.push_back({"checks", FieldType::String});
  out.fields.push_back({"check_notes", FieldType::String});
  auto count = [](const std::optional<std::int64_t>& v) { return v ? Value{*v} : Value{}; };
  auto date = [](const std::optional<Day>& d) { return d ? Value{coordination::format_date(*d)} : Value{}; };
  std::size_t problem = 0;
  for (std::size_t i = 0; i < r.records.activities.size(); ++i) {
    const Activity& a = r.records.activities[i];
    std::vector<Value> row{a.record, text_or_null(a.id)};
    const std::vector<Value> unit = units.values(a.unit);
    row.insert(row.end(), unit.begin(), unit.end());
    row.emplace_back(std::string(to_string(a.match)));
    row.push_back(text_or_null(a.type_value));
    row.emplace_back(type_code(r, a.type));
    row.emplace_back(a.period);
    row.push_back(text_or_null(a.partner));
    row.push_back(text_or_null(a.donor));
    row.push_back(date(a.start));
    row.push_back(date(a.end));
    row.push_back(a.budget ? Value{*a.budget} : Value{});
    row.push_back(a.budget ? text_or_null(a.currency) : Value{});
    row.push_back(text_or_null(a.facility_id));
    row.push_back(a.facility_id.empty() ? Value{} : flag(a.facility >= 0));
    row.push_back(count(a.total));
    row.push_back(count(a.male));
    row.push_back(count(a.female));
    for (const auto& g : a.groups) row.push_back(count(g));
    row.push_back(count(a.resolutions));
    row.push_back(count(a.participants()));
    row.push_back(count(a.sex_difference()));
    if (r.leads_available) {
      const PartnerLead& lead = r.leads[i];
      row.push_back(text_or_null(lead.actor_id));
      row.push_back(lead.actor_id.empty() ? Value{} : flag(lead.women_led));
      row.push_back(lead.actor_id.empty() ? Value{} : flag(lead.youth_led));
    }
    row.push_back(flag(a.unit >= 0));
    std::string checks, notes;
    for (const std::string& k : a.problems) checks += (checks.empty() ? "" : ";") + k;
    // Problems are in record order, so this record's are the next ones.
    for (; problem < r.records.problems.size() && r.records.problems[problem].record == a.record; ++problem)
      notes += (notes.empty() ? "" : " | ") + r.records.problems[problem].field + ": " + r.records.problems[problem].what;
    row.push_back(text_or_null(checks));
    row.push_back(text_or_null(notes));
    out.rows.push_back(std::move(row));
  }
  return out;
}

geo::LayerData four_w_table(const ActivitiesResult& r, const Boundaries& b) {
  const BudgetColumns budget{r};
  geo::LayerData out;
  out.name = "four_w";
  out.fields.push_back({"level", FieldType::String});
  const UnitColumns units = admin_columns(b);
  out.fields.insert(out.fields.end(), units.fields.begin(), units.fields.end());
  for (const char* name : {"type", "type_label", "type_label_ar", "period"}) out.fields.push_back({name, FieldType::String});
  out.fields.push_back({"activities", FieldType::Integer});
  out.fields.push_back({"partners", FieldType::Integer});
  out.fields.push_back({"partner_names", FieldType::String});
  budget.fields("budget_", out.fields);
  for (const char* name : {"participants", "male", "female"}) out.fields.push_back({name, FieldType::Integer});
  for (const std::string& g : r.groups) out.fields.push_back({g, FieldType::Integer});
  out.fields.push_back({"resolutions", FieldType::Integer});
  out.fields.push_back({"women_share", FieldType::Real});
  out.fields.push_back({"youth_share", FieldType::Real});
  out.fields.push_back({"inconsistent_records", FieldType::Integer});
  for (const auto& [key, t] : r.four_w) {
    std::vector<Value> row{b.levels[key.level].spec.name};
    const std::vector<Value> unit = unit_values(b, key.level, key.unit);
    row.insert(row.end(), unit.begin(), unit.end());
    const ActivityType* type = type_of(r, key.type);
    row.emplace_back(type_code(r, key.type));
    row.push_back(type ? text_or_null(type->label) : Value{});
    row.push_back(type ? text_or_null(type->label_ar) : Value{});
    row.emplace_back(key.period);
    row.emplace_back(t.activities);
    row.emplace_back(static_cast<std::int64_t>(t.partners.size()));
    row.push_back(text_or_null(joined(t.partners)));
    budget.values(t, row);
    row.emplace_back(t.participants);
    row.emplace_back(t.male);
    row.emplace_back(t.female);
    for (std::size_t g = 0; g < r.groups.size(); ++g) row.emplace_back(g < t.groups.size() ? t.groups[g] : 0);
    row.emplace_back(t.resolutions);
    row.push_back(share(t.women_share()));
    row.push_back(share(t.youth_share()));
    row.emplace_back(t.inconsistent);
    out.rows.push_back(std::move(row));
  }
  return out;
}

geo::LayerData reach_table(const ActivitiesResult& r, const Boundaries& b) {
  const UnitColumns units = admin_columns(b);
  const bool coverage = !r.reach.rows.empty() && r.reach.rows.front().uncovered_share.has_value();
  geo::LayerData out;
  out.name = "reach";
  out.fields = units.fields;
  for (const char* name : {"activities", "participants", "issues"}) out.fields.push_back({name, FieldType::Integer});
  out.fields.push_back({"need", FieldType::Real});
  out.fields.push_back({"need_measure", FieldType::String});
  for (const char* name : {"need_rank", "high_need", "top_need"}) out.fields.push_back({name, FieldType::Integer});
  if (coverage) {
    out.fields.push_back({"issues_uncovered", FieldType::Integer});
    out.fields.push_back({"uncovered_share", FieldType::Real});
    out.fields.push_back({"gap_rank", FieldType::Integer});
  }
  out.fields.push_back({"flags", FieldType::String});
  const bool known = !r.reach.need_measure.empty();
  for (std::size_t u = 0; u < r.reach.rows.size(); ++u) {
    const ReachRow& row = r.reach.rows[u];
    std::vector<Value> values = units.values(static_cast<std::int32_t>(u));
    values.emplace_back(row.activities);
    values.emplace_back(row.participants);
    values.push_back(known ? Value{row.issues} : Value{});
    values.push_back(known ? rounded(row.need, 10000) : Value{});
    values.push_back(text_or_null(r.reach.need_measure));
    values.push_back(row.need_rank > 0 ? Value{row.need_rank} : Value{});
    values.push_back(known ? flag(row.high_need) : Value{});
    values.push_back(known ? flag(row.top_need) : Value{});
    if (coverage) {
      values.push_back(row.issues_uncovered ? Value{static_cast<std::int64_t>(*row.issues_uncovered)} : Value{});
      values.push_back(row.uncovered_share ? rounded(*row.uncovered_share, 10000) : Value{});
      values.push_back(row.gap_rank ? Value{static_cast<std::int64_t>(*row.gap_rank)} : Value{});
    }
    std::string flags;
    for (const std::string& f : row.flags) flags += (flags.empty() ? "" : ";") + f;
    values.push_back(text_or_null(flags));
    out.rows.push_back(std::move(values));
  }
  return out;
}

geo::LayerData inclusion_table(const ActivitiesResult& r, const Boundaries& b) {
  const UnitColumns units = admin_columns(b);
  geo::LayerData out;
  out.name = "inclusion";
  out.fields = units.fields;
  out.fields.push_back({"type", FieldType::String});
  for (const char* name : {"activities", "participants", "male", "female"}) out.fields.push_back({name, FieldType::Integer});
  out.fields.push_back({"women_share", FieldType::Real});
  out.fields.push_back({"women_below", FieldType::Integer});
  out.fields.push_back({"youth", FieldType::Integer});
  out.fields.push_back({"youth_share", FieldType::Real});
  out.fields.push_back({"youth_below", FieldType::Integer});
  if (r.leads_available) {
    out.fields.push_back({"women_led", FieldType::Integer});
    out.fields.push_back({"youth_led", FieldType::Integer});
  }
  for (const InclusionRow& i : r.inclusion) {
    std::vector<Value> row = units.values(i.unit);
    row.emplace_back(i.all ? std::string("all") : type_code(r, i.type));
    const Tally& t = i.tally;
    row.emplace_back(t.activities);
    row.emplace_back(t.participants);
    row.emplace_back(t.male);
    row.emplace_back(t.female);
    row.push_back(share(t.women_share()));
    row.push_back(flag(i.women_below));
    row.push_back(t.youth_base > 0 ? Value{t.youth} : Value{});
    row.push_back(share(t.youth_share()));
    row.push_back(flag(i.youth_below));
    if (r.leads_available) {
      row.emplace_back(t.women_led);
      row.emplace_back(t.youth_led);
    }
    out.rows.push_back(std::move(row));
  }
  return out;
}

geo::LayerData facility_activities_table(const ActivitiesResult& r, const PointLayer& facilities,
                                         const LayerJoin& facilities_join, const Boundaries& b) {
  const BudgetColumns budget{r};
  const UnitColumns units = admin_columns(b);
  geo::LayerData out;
  out.name = "facility_activities";
  for (const char* name : {"facility_id", "name_en", "name_ar", "type", "status"}) out.fields.push_back({name, FieldType::String});
  out.fields.insert(out.fields.end(), units.fields.begin(), units.fields.end());
  out.fields.push_back({"activities", FieldType::Integer});
  out.fields.push_back({"types", FieldType::String});
  budget.fields("budget_", out.fields);
  out.fields.push_back({"participants", FieldType::Integer});
  out.fields.push_back({"department", FieldType::Integer});
  for (const FacilityBenefit& f : r.facilities) {
    const auto rec = static_cast<std::size_t>(f.facility);
    std::vector<Value> row;
    for (const char* role : {"id", "name_en", "name_ar", "type", "status"}) row.push_back(text_or_null(facilities.role_text(role, rec)));
    const std::int32_t unit = counted(facilities_join.match[rec]) ? facilities_join.unit[rec] : -1;
    const std::vector<Value> u = units.values(unit);
    row.insert(row.end(), u.begin(), u.end());
    row.emplace_back(f.tally.activities);
    std::string types;
    for (const auto& [type, n] : f.tally.by_type) types += (types.empty() ? "" : "; ") + type_code(r, type) + " " + std::to_string(n);
    row.emplace_back(types);
    budget.values(f.tally, row);
    row.emplace_back(f.tally.participants);
    const std::string type = value_slug(facilities.role_text("type", rec));
    bool department = false;
    for (const std::string& d : r.options.departments) department = department || value_slug(d) == type;
    row.push_back(flag(department));
    out.rows.push_back(std::move(row));
  }
  return out;
}

UnitTable activities_unit_table(const ActivitiesResult& r, const Boundaries& b, std::size_t level) {
  const BudgetColumns budget{r};
  const bool finest = level + 1 == b.levels.size();
  const std::vector<int> types = types_seen(r);
  UnitTable t;
  auto field = [&](const std::string& name, FieldType type) { t.fields.push_back({name, type}); };
  field("activities", FieldType::Integer);
  field("activity_partners", FieldType::Integer);
  budget.fields("activity_budget_", t.fields);
  for (const char* name : {"beneficiaries", "beneficiaries_male", "beneficiaries_female"}) field(name, FieldType::Integer);
  for (const std::string& g : r.groups) field("beneficiaries_" + value_slug(g), FieldType::Integer);
  field("activity_resolutions", FieldType::Integer);
  for (int type : types) field("activities_" + type_code(r, type), FieldType::Integer);
  field("activity_women_share", FieldType::Real);
  field("activity_youth_share", FieldType::Real);
  if (r.leads_available) {
    field("activities_women_led", FieldType::Integer);
    field("activities_youth_led", FieldType::Integer);
  }
  if (finest) {
    field("need_rank", FieldType::Integer);
    field("reach_flags", FieldType::String);
  }
  for (std::size_t u = 0; u < r.units[level].size(); ++u) {
    const Tally& a = r.units[level][u];
    std::vector<Value> row{a.activities, static_cast<std::int64_t>(a.partners.size())};
    budget.values(a, row);
    row.emplace_back(a.participants);
    row.emplace_back(a.male);
    row.emplace_back(a.female);
    for (std::size_t g = 0; g < r.groups.size(); ++g) row.emplace_back(g < a.groups.size() ? a.groups[g] : 0);
    row.emplace_back(a.resolutions);
    for (int type : types) {
      const auto it = a.by_type.find(type);
      row.emplace_back(it == a.by_type.end() ? std::int64_t{0} : it->second);
    }
    row.push_back(share(a.women_share()));
    row.push_back(share(a.youth_share()));
    if (r.leads_available) {
      row.emplace_back(a.women_led);
      row.emplace_back(a.youth_led);
    }
    if (finest) {
      const ReachRow& reach = r.reach.rows[u];
      row.push_back(reach.need_rank > 0 ? Value{reach.need_rank} : Value{});
      std::string flags;
      for (const std::string& f : reach.flags) flags += (flags.empty() ? "" : ";") + f;
      row.push_back(text_or_null(flags));
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace engine::activities

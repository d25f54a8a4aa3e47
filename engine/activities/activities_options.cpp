#include "engine/activities/activities_options.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "engine/error.hpp"
#include "engine/yaml_section.hpp"

namespace engine::activities {
namespace {

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

void read_fields(Section& f, ActivityFields& out) {
  struct Key {
    const char* key;
    std::string ActivityFields::*field;
  };
  static const Key kKeys[] = {{"id", &ActivityFields::id},           {"type", &ActivityFields::type},
                              {"partner", &ActivityFields::partner}, {"donor", &ActivityFields::donor},
                              {"start", &ActivityFields::start},     {"end", &ActivityFields::end},
                              {"budget", &ActivityFields::budget},   {"currency", &ActivityFields::currency},
                              {"facility", &ActivityFields::facility}, {"total", &ActivityFields::total},
                              {"male", &ActivityFields::male},       {"female", &ActivityFields::female},
                              {"resolutions", &ActivityFields::resolutions}};
  for (const Key& k : kKeys) {
    if (f.node()[k.key]) out.explicit_keys.push_back(k.key);
    out.*k.field = f.text(k.key, out.*k.field);
  }
  if (f.node()["groups"]) {
    Section g = f.section("groups");
    for (const auto& entry : g.node()) {
      const std::string group = entry.first.as<std::string>();
      out.groups.emplace_back(group, g.required_text(group));
    }
    g.finish();
  } else {
    f.take("groups");
  }
  f.finish();
}

void read_types(Section& s, ActivityTypes& types) {
  const YAML::Node node = s.take("types");
  if (!node) return;
  auto add = [&](const YAML::Node& at, ActivityType t) {
    try {
      types.add(std::move(t));
    } catch (const geo::Error& e) {
      s.fail(at, e.problem(), e.hint());
    }
  };
  if (node.IsSequence()) {  // types: [mediation_session, sports_event]
    for (const auto& item : node) {
      if (!item.IsScalar()) s.fail(item, "'" + s.qualified("types") + "' must list type codes or map codes to labels");
      add(item, {item.as<std::string>(), "", "", {}});
    }
    return;
  }
  Section all(node, s.qualified("types"), s.label());
  for (const auto& entry : node) {
    const std::string code = entry.first.as<std::string>();
    ActivityType t{code, "", "", {}};
    if (entry.second.IsNull()) {
      all.take(code);
    } else {
      Section one = all.section(code);
      t.label = one.text("label");
      t.label_ar = one.text("label_ar");
      t.aliases = one.list("aliases", {});
      one.finish();
    }
    add(entry.first, std::move(t));
  }
  all.finish();
}

void read_period(Section& s, ActivitiesOptions& o) {
  const bool has_period = bool(s.node()["period"]);
  const std::string period = s.text("period", "year");
  if (period == "year") o.period = PeriodKind::Year;
  else if (period == "quarter") o.period = PeriodKind::Quarter;
  else if (period == "month") o.period = PeriodKind::Month;
  else if (period == "none") o.period = PeriodKind::None;
  else s.fail(s.node()["period"], "'" + s.qualified("period") + "' is '" + period + "'",
              "use year, quarter, month or none, or give explicit periods under 'periods'");
  const YAML::Node periods = s.take("periods");
  if (!periods) return;
  if (has_period) s.fail(periods, "give either '" + s.qualified("period") + "' or '" + s.qualified("periods") + "', not both");
  Section all(periods, s.qualified("periods"), s.label());
  for (const auto& entry : periods) {
    const std::string name = entry.first.as<std::string>();
    const std::vector<std::string> range = all.list(name, {});
    if (range.size() != 2) all.fail(entry.second, "'" + all.qualified(name) + "' must be [start, end]", "e.g. [2024-01-01, 2024-06-30]");
    const auto start = coordination::parse_date(range[0]);
    const auto end = coordination::parse_date(range[1]);
    if (!start || !end) all.fail(entry.second, "'" + all.qualified(name) + "' has a date that does not parse", "use YYYY-MM-DD");
    if (*end < *start) all.fail(entry.second, "'" + all.qualified(name) + "' ends before it starts");
    o.periods.push_back({name, *start, *end});
  }
  all.finish();
  o.period = PeriodKind::Explicit;
}

void read_currency(Section& s, CurrencyOptions& c) {
  c.default_currency = upper(s.text("default"));
  c.to = upper(s.text("to"));
  if (s.node()["rates"]) {
    Section r = s.section("rates");
    for (const auto& entry : r.node()) {
      const std::string code = entry.first.as<std::string>();
      c.rates[upper(code)] = r.number(code, 0);
    }
    r.finish();
    if (c.to.empty()) s.fail(s.node()["rates"], "'" + s.qualified("rates") + "' needs '" + s.qualified("to") + "'",
                             "name the currency the rates convert into, e.g. to: USD");
  } else {
    s.take("rates");
  }
  s.finish();
}

}  // namespace

std::optional<double> CurrencyOptions::rate(const std::string& currency) const {
  if (!converts()) return std::nullopt;
  if (currency == to) return 1.0;
  const auto it = rates.find(currency);
  return it == rates.end() ? std::nullopt : std::optional<double>(it->second);
}

ActivitiesOptions parse_activities_options(Section& s) {
  ActivitiesOptions o;
  o.line = s.line();
  o.label = s.label();
  o.layer = s.text("layer");
  o.facilities_layer = s.text("facilities");
  o.issues_layer = s.text("issues");
  if (s.node()["fields"]) {
    Section f = s.section("fields");
    read_fields(f, o.fields);
  } else {
    s.take("fields");
  }
  read_types(s, o.types);
  read_period(s, o);
  if (s.node()["currency"]) {
    Section c = s.section("currency");
    read_currency(c, o.currency);
  } else {
    s.take("currency");
  }
  if (s.node()["inclusion"]) {
    Section i = s.section("inclusion");
    o.inclusion.women_share = i.number("women_share", o.inclusion.women_share);
    o.inclusion.youth_share = i.number("youth_share", o.inclusion.youth_share);
    o.inclusion.youth_groups = i.list("youth_groups", o.inclusion.youth_groups);
    i.finish();
  } else {
    s.take("inclusion");
  }
  if (s.node()["reach"]) {
    Section r = s.section("reach");
    const std::string need = r.text("need", "auto");
    if (need == "auto") o.reach.need = NeedMeasure::Auto;
    else if (need == "issues") o.reach.need = NeedMeasure::Issues;
    else if (need == "issue_rate") o.reach.need = NeedMeasure::IssueRate;
    else r.fail(r.node()["need"], "'" + r.qualified("need") + "' is '" + need + "'", "use issues or issue_rate");
    o.reach.high_need_share = r.number("high_need_share", o.reach.high_need_share);
    o.reach.top_share = r.number("top_share", o.reach.top_share);
    r.finish();
  } else {
    s.take("reach");
  }
  o.departments = s.list("departments", o.departments);
  s.finish();
  o.validate();
  return o;
}

ActivitiesOptions activities_options(const Project& project) {
  ActivitiesOptions options;
  if (const YAML::Node node = project.analysis("activities")) {
    Section section(node, "activities", project.path);
    options = parse_activities_options(section);
  }
  options.label = project.path;
  return options;
}

void ActivitiesOptions::validate() const {
  auto fail = [&](const std::string& problem, const std::string& hint = {}) {
    throw Error((line > 0 ? "line " + std::to_string(line) + ": " : std::string()) + problem, {.file = label}, hint);
  };
  auto share = [&](double v, const char* key) {
    if (!(v >= 0 && v <= 1)) fail(std::string("'activities.") + key + "' must be a share between 0 and 1");
  };
  share(inclusion.women_share, "inclusion.women_share");
  share(inclusion.youth_share, "inclusion.youth_share");
  if (!(reach.high_need_share > 0 && reach.high_need_share <= 1))
    fail("'activities.reach.high_need_share' must be above 0 and at most 1");
  if (!(reach.top_share > 0 && reach.top_share <= 1)) fail("'activities.reach.top_share' must be above 0 and at most 1");
  for (const auto& [currency, r] : currency.rates)
    if (!(r > 0) || !std::isfinite(r)) fail("'activities.currency.rates." + currency + "' must be a positive number");
  for (const std::string& g : inclusion.youth_groups)
    if (std::none_of(fields.groups.begin(), fields.groups.end(), [&](const auto& f) { return f.first == g; }) &&
        !fields.groups.empty())
      fail("'activities.inclusion.youth_groups' names the group '" + g + "', which 'activities.fields.groups' does not map",
           "list the youth groups among fields.groups, or set youth_groups: []");
  for (std::size_t i = 0; i < periods.size(); ++i)
    for (std::size_t j = i + 1; j < periods.size(); ++j)
      if (periods[i].start <= periods[j].end && periods[j].start <= periods[i].end)
        fail("the periods '" + periods[i].name + "' and '" + periods[j].name + "' overlap",
             "a record must fall in one period, or its activity would count twice");
}

std::string ActivitiesOptions::period_of(std::optional<Day> day) const {
  if (period == PeriodKind::None) return "all";
  if (!day) return "undated";
  if (period == PeriodKind::Explicit) {
    for (const NamedPeriod& p : periods)
      if (p.start <= *day && *day <= p.end) return p.name;
    return "outside_periods";
  }
  const std::string iso = coordination::format_date(*day);  // YYYY-MM-DD
  if (period == PeriodKind::Year) return iso.substr(0, 4);
  if (period == PeriodKind::Month) return iso.substr(0, 7);
  const int month = std::stoi(iso.substr(5, 2));
  return iso.substr(0, 4) + "-Q" + std::to_string((month - 1) / 3 + 1);
}

ActivityLayerNames activity_layer_names(const Project& project, const ActivitiesOptions& options) {
  auto pick = [&](const std::string& named, const std::string& role, const std::string& key) {
    return analysis_layer(project, "activities", key, named, role, "the activities analysis");
  };
  ActivityLayerNames names{pick(options.layer, "activities", "layer"), pick(options.facilities_layer, "facilities", "facilities"),
                           pick(options.issues_layer, "issues", "issues")};
  if (names.activities.empty())
    throw Error("the activities analysis needs a layer of activities", {.file = project.path},
                "give a layer role: activities, or name it in activities.layer");
  return names;
}

}  // namespace engine::activities

#include "engine/activities/activity_records.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <unordered_map>

#include "engine/coordination/vocabulary.hpp"
#include "engine/error.hpp"
#include "geo/coordinate_columns.hpp"

namespace engine::activities {
namespace {

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string number_text(double v) {
  std::string s = geo::to_text(geo::Value{v});
  return s;
}

class RecordReader {
 public:
  RecordReader(const PointLayer& layer, const ActivitiesOptions& options, ActivityRecords& out)
      : layer_(layer), options_(options), out_(out) {}

  // Index of a mapped field; -1 when unmapped (or a default name the layer lacks).
  int field(const std::string& key, const std::string& name) const {
    if (name.empty()) return -1;
    for (std::size_t i = 0; i < layer_.fields.size(); ++i)
      if (layer_.fields[i].name == name) return static_cast<int>(i);
    const auto& keys = options_.fields.explicit_keys;
    const bool required = key.rfind("groups.", 0) == 0 || std::find(keys.begin(), keys.end(), key) != keys.end();
    if (!required) return -1;
    std::string names;
    for (const geo::FieldDef& f : layer_.fields) names += (names.empty() ? "" : ", ") + f.name;
    throw Error("no field '" + name + "' (activities.fields." + key + ")",
                {.file = layer_.source, .layer = layer_.spec.name, .field = name}, "fields of the layer: " + names);
  }

  std::string text(std::size_t r, int f) const {
    return f < 0 ? std::string() : coordination::trim_blanks(layer_.text(r, static_cast<std::size_t>(f)));
  }

  void problem(Activity& a, const std::string& field, const char* kind, const std::string& what) {
    a.problems.push_back(kind);
    const geo::Where where{.file = layer_.source, .layer = layer_.spec.name, .record = a.record, .field = field};
    out_.problems.push_back({a.record, a.id, field, kind, what, where.describe() + ": " + what});
  }

  std::optional<std::int64_t> count(Activity& a, std::size_t r, int f) {
    const std::string t = text(r, f);
    if (t.empty()) return std::nullopt;
    const std::string& name = layer_.fields[static_cast<std::size_t>(f)].name;
    const auto v = geo::parse_number(t);
    if (!v) {
      problem(a, name, "not_a_number", "'" + t + "' is not a number; left out of the totals");
      return std::nullopt;
    }
    if (*v < 0) {
      problem(a, name, "negative", "the count " + t + " is negative; left out of the totals");
      return std::nullopt;
    }
    if (*v != std::floor(*v) || *v > 1e15) {
      problem(a, name, "not_whole", "the count " + t + " is not a whole number; left out of the totals");
      return std::nullopt;
    }
    return static_cast<std::int64_t>(*v);
  }

  std::optional<double> budget(Activity& a, std::size_t r, int f) {
    const std::string t = text(r, f);
    if (t.empty()) return std::nullopt;
    const std::string& name = layer_.fields[static_cast<std::size_t>(f)].name;
    const auto v = geo::parse_number(t);
    if (!v) {
      problem(a, name, "not_a_number", "the budget '" + t + "' is not a number; left out of the totals");
      return std::nullopt;
    }
    if (*v < 0) {
      problem(a, name, "negative", "the budget " + t + " is negative; left out of the totals");
      return std::nullopt;
    }
    return *v;
  }

  std::optional<Day> date(Activity& a, std::size_t r, int f) {
    const std::string t = text(r, f);
    if (t.empty()) return std::nullopt;
    const auto d = coordination::parse_date(t);
    if (!d) problem(a, layer_.fields[static_cast<std::size_t>(f)].name, "bad_date",
                    "the date '" + t + "' does not parse (use YYYY-MM-DD); taken as missing");
    return d;
  }

 private:
  const PointLayer& layer_;
  const ActivitiesOptions& options_;
  ActivityRecords& out_;
};

std::unordered_map<std::string, std::int32_t> facility_ids(const PointLayer* facilities) {
  std::unordered_map<std::string, std::int32_t> ids;
  if (facilities == nullptr) return ids;
  for (std::size_t r = 0; r < facilities->size(); ++r) {
    const std::string id = coordination::trim_blanks(facilities->role_text("id", r));
    if (!id.empty()) ids.emplace(id, static_cast<std::int32_t>(r));  // the first of a repeated id
  }
  return ids;
}

}  // namespace

bool counted(Match m) { return m == Match::Matched || m == Match::Snapped || m == Match::NameMatched; }

std::optional<std::int64_t> Activity::participants() const {
  if (total) return total;
  if (male && female) return *male + *female;
  return std::nullopt;
}

std::optional<std::int64_t> Activity::sex_difference() const {
  if (!total || !male || !female || *male + *female == *total) return std::nullopt;
  return *male + *female - *total;
}

ActivityRecords read_activities(const PointLayer& layer, const LayerJoin& join, const PointLayer* facilities,
                                const ActivitiesOptions& options) {
  ActivityRecords out;
  RecordReader in(layer, options, out);
  const ActivityFields& m = options.fields;
  auto named = [](const std::string& given, const char* key) { return given.empty() ? std::string(key) : given; };
  const int id = in.field("id", named(m.id, "id"));
  const int type = in.field("type", named(m.type, "type"));
  const int partner = in.field("partner", named(m.partner, "partner"));
  const int donor = in.field("donor", named(m.donor, "donor"));
  const int start = in.field("start", named(m.start, "start"));
  const int end = in.field("end", named(m.end, "end"));
  const int budget = in.field("budget", named(m.budget, "budget"));
  const int currency = in.field("currency", named(m.currency, "currency"));
  const int facility = in.field("facility", named(m.facility, "facility"));
  const int total = in.field("total", named(m.total, "total"));
  const int male = in.field("male", named(m.male, "male"));
  const int female = in.field("female", named(m.female, "female"));
  const int resolutions = in.field("resolutions", named(m.resolutions, "resolutions"));
  std::vector<int> groups;
  for (const auto& [group, name] : m.groups) groups.push_back(in.field("groups." + group, name));
  const auto facility_index = facility_ids(facilities);
  const bool facility_ids_known = facilities != nullptr && facilities->role_field("id") >= 0;
  std::set<std::string> currencies;

  for (std::size_t r = 0; r < layer.size(); ++r) {
    Activity a;
    a.record = layer.records[r];
    a.id = in.text(r, id);
    a.match = join.match[r];
    a.unit = counted(a.match) ? join.unit[r] : -1;
    a.type_value = in.text(r, type);
    a.type = options.types.index_of(a.type_value);
    if (a.type < 0)
      in.problem(a, type < 0 ? "type" : layer.fields[static_cast<std::size_t>(type)].name, "unknown_type",
                 a.type_value.empty() ? "no activity type; counted as 'unknown'"
                                      : "the activity type '" + a.type_value + "' is not in the vocabulary; counted as "
                                        "'unknown' (known: " + options.types.codes() + "; add it under activities.types)");
    a.partner = in.text(r, partner);
    a.donor = in.text(r, donor);
    a.start = in.date(a, r, start);
    a.end = in.date(a, r, end);
    if (a.start && a.end && *a.end < *a.start)
      in.problem(a, layer.fields[static_cast<std::size_t>(end)].name, "dates_out_of_order",
                 "ends " + coordination::format_date(*a.end) + ", before it starts " + coordination::format_date(*a.start) +
                     "; both kept, the period is taken from the start");
    a.period = options.period_of(a.start ? a.start : a.end);
    a.budget = in.budget(a, r, budget);
    a.currency = upper(in.text(r, currency));
    if (a.budget && a.currency.empty()) {
      a.currency = options.currency.default_currency;
      if (a.currency.empty()) {
        a.currency = "UNSPECIFIED";
        in.problem(a, layer.fields[static_cast<std::size_t>(budget)].name, "budget_no_currency",
                   "the budget " + number_text(*a.budget) + " has no currency; totalled as 'unspecified' "
                   "(set activities.currency.default)");
      }
    }
    if (a.budget) currencies.insert(a.currency);
    a.facility_id = in.text(r, facility);
    if (!a.facility_id.empty() && facility_ids_known) {
      const auto it = facility_index.find(a.facility_id);
      if (it != facility_index.end()) a.facility = it->second;
      else in.problem(a, layer.fields[static_cast<std::size_t>(facility)].name, "unknown_facility",
                      "the facility '" + a.facility_id + "' is not in the layer '" + facilities->spec.name + "'");
    }
    a.total = in.count(a, r, total);
    a.male = in.count(a, r, male);
    a.female = in.count(a, r, female);
    if (const auto d = a.sex_difference())
      in.problem(a, layer.fields[static_cast<std::size_t>(total)].name, "sex_mismatch",
                 "male " + std::to_string(*a.male) + " + female " + std::to_string(*a.female) + " = " +
                     std::to_string(*a.male + *a.female) + ", but the total is " + std::to_string(*a.total) +
                     " (difference " + (*d > 0 ? "+" : "") + std::to_string(*d) + "); both kept, the total is counted");
    for (std::size_t g = 0; g < groups.size(); ++g) {
      a.groups.push_back(in.count(a, r, groups[g]));
      if (a.groups.back() && a.total && *a.groups.back() > *a.total)
        in.problem(a, m.groups[g].second, "group_above_total",
                   "the group '" + m.groups[g].first + "' (" + std::to_string(*a.groups.back()) +
                       ") is larger than the total " + std::to_string(*a.total) + "; both kept");
    }
    a.resolutions = in.count(a, r, resolutions);
    out.activities.push_back(std::move(a));
  }
  out.currencies.assign(currencies.begin(), currencies.end());
  return out;
}

}  // namespace engine::activities

#include "engine/report/choropleth.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "engine/error.hpp"

namespace engine::report {
namespace {

const char* const kYlOrRd[] = {"#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"};
constexpr int kMaxClasses = 5;

bool is_numeric(const geo::LayerData& units, const std::string& field) {
  const int i = units.field_index(field);
  return i >= 0 && units.fields[i].type != geo::FieldType::String;
}

double as_number(const geo::Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  return std::nan("");
}

bool contains(const std::string& text, const char* part) { return text.find(part) != std::string::npos; }

bool more_is_better(const std::string& field) {
  return (contains(field, "coverage") || contains(field, "share") || contains(field, "covered")) &&
         !contains(field, "uncovered");
}

}  // namespace

int Choropleth::class_of(double value) const {
  if (std::isnan(value) || colours.empty()) return -1;
  for (std::size_t i = 0; i < breaks.size(); ++i)
    if (value <= breaks[i]) return static_cast<int>(i);
  return static_cast<int>(breaks.size());
}

std::string Choropleth::colour_of(double value) const {
  const int c = class_of(value);
  return c < 0 ? kNoDataColour : colours[c];
}

std::vector<std::string> Choropleth::class_labels() const {
  std::vector<std::string> labels;
  if (colours.empty()) return labels;
  if (breaks.empty()) {
    double only = std::nan("");
    for (double v : values)
      if (!std::isnan(v)) only = v;
    labels.push_back(format_number(only));
    return labels;
  }
  labels.push_back("≤ " + format_number(breaks.front()));
  for (std::size_t i = 1; i < breaks.size(); ++i) labels.push_back(format_number(breaks[i - 1]) + " – " + format_number(breaks[i]));
  labels.push_back("> " + format_number(breaks.back()));
  return labels;
}

std::string format_number(double value) {
  if (std::isnan(value)) return "";
  char text[64];
  const double magnitude = std::fabs(value);
  std::snprintf(text, sizeof text, "%.*f", magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3, value);
  std::string s(text);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s == "-0" ? "0" : s;
}

void add_issue_rate(geo::LayerData& units, const std::string& issue_layer) {
  const int issues = units.field_index("n_" + issue_layer);
  const int population = units.field_index("population");
  if (issues < 0 || population < 0 || units.field_index(kIssueRateField) >= 0) return;
  units.fields.push_back({kIssueRateField, geo::FieldType::Real});
  for (auto& row : units.rows) {
    const double n = as_number(row[issues]), people = as_number(row[population]);
    const bool known = !std::isnan(n) && people > 0;
    // Two decimals are plenty for a rate per 10,000 and keep the report small.
    if (known) {
      row.emplace_back(std::round(n / people * 10000 * 100) / 100);
    } else {
      row.emplace_back(std::monostate{});
    }
  }
}

std::vector<std::string> choropleth_candidates(const geo::LayerData& units, const std::vector<std::string>& layer_names,
                                               const std::vector<std::string>& layer_roles) {
  std::vector<std::string> out;
  // A field withheld in every row (engine/disclosure.hpp) draws no map.
  auto has_values = [&](const std::string& field) {
    const auto f = static_cast<std::size_t>(units.field_index(field));
    return std::any_of(units.rows.begin(), units.rows.end(), [&](const auto& row) { return !std::isnan(as_number(row[f])); });
  };
  auto add = [&](const std::string& field) {
    if (is_numeric(units, field) && has_values(field) && std::find(out.begin(), out.end(), field) == out.end())
      out.push_back(field);
  };
  auto add_matching = [&](auto predicate) {
    for (const geo::FieldDef& f : units.fields)
      if (predicate(f.name)) add(f.name);
  };
  add("priority_score");
  add_matching([](const std::string& n) { return contains(n, "score"); });
  add_matching([](const std::string& n) { return contains(n, "share") && !n.starts_with("n_"); });
  add_matching([](const std::string& n) { return contains(n, "uncovered"); });
  add(kIssueRateField);
  for (std::size_t i = 0; i < layer_names.size() && i < layer_roles.size(); ++i)
    if (layer_roles[i] == "issues") add("n_" + layer_names[i]);
  add_matching([](const std::string& n) { return contains(n, "rate") && !n.starts_with("n_"); });
  for (const std::string& layer : layer_names) add("n_" + layer);
  return out;
}

std::string choose_field(const geo::LayerData& units, const std::vector<std::string>& candidates,
                         const std::string& requested, const std::string& file) {
  if (requested.empty()) return candidates.empty() ? std::string() : candidates.front();
  if (is_numeric(units, requested)) return requested;
  std::string available;
  for (const geo::FieldDef& f : units.fields)
    if (f.type != geo::FieldType::String) available += (available.empty() ? "" : ", ") + f.name;
  throw Error(units.field_index(requested) < 0 ? "no field '" + requested + "' in the units layer"
                                               : "the field '" + requested + "' is not numeric",
              {.file = file, .field = requested}, "numeric fields: " + available);
}

Choropleth classify(const geo::LayerData& units, const std::string& field) {
  Choropleth c;
  c.field = field;
  c.more_is_better = more_is_better(field);
  const int index = units.field_index(field);
  for (const auto& row : units.rows) c.values.push_back(index < 0 ? std::nan("") : as_number(row[index]));
  std::vector<double> known;
  for (double v : c.values)
    if (!std::isnan(v)) known.push_back(v);
  if (known.empty()) return c;  // no classes: every unit is "no data"
  std::sort(known.begin(), known.end());
  const std::size_t n = known.size();
  for (int k = 1; k < kMaxClasses; ++k) {
    // Nearest-rank quantile k/5.
    const std::size_t rank = (static_cast<std::size_t>(k) * n + kMaxClasses - 1) / kMaxClasses;
    const double b = known[std::max<std::size_t>(rank, 1) - 1];
    if (b < known.back() && (c.breaks.empty() || b > c.breaks.back())) c.breaks.push_back(b);
  }
  const std::size_t classes = c.breaks.size() + 1;
  for (std::size_t i = 0; i < classes; ++i) {
    // Spread fewer classes over the whole ramp; a single class gets the middle.
    const std::size_t shade = classes == 1 ? 2 : (i * (kMaxClasses - 1) + (classes - 1) / 2) / (classes - 1);
    c.colours.push_back(kYlOrRd[c.more_is_better ? kMaxClasses - 1 - shade : shade]);
  }
  return c;
}

}  // namespace engine::report

#include "engine/report/report_data.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "engine/report/report_labels.hpp"
#include "geo/line_parts.hpp"

namespace engine::report {
namespace {

using nlohmann::json;

double rounded(double v) {
  static const double scale = std::pow(10.0, kDisplayDecimals);
  return std::round(v * scale) / scale;
}

json lat_lon(geo::Point p) { return json::array({rounded(p.y), rounded(p.x)}); }

json shape_json(const std::vector<geo::PolygonRings>& polygons) {
  json out = json::array();
  for (const geo::PolygonRings& rings : polygons) {
    json polygon = json::array();
    for (const geo::Ring& ring : rings) {
      json coords = json::array();
      // Leaflet closes rings itself: the repeated last point is left out.
      for (std::size_t i = 0; i + 1 < ring.size(); ++i) coords.push_back(lat_lon(ring[i]));
      polygon.push_back(std::move(coords));
    }
    out.push_back(std::move(polygon));
  }
  return out;
}

json value_json(const geo::Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (const auto* d = std::get_if<double>(&v)) return std::isfinite(*d) ? json(*d) : json();
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  return nullptr;
}

// Fields of point and overlay layers not worth showing: the admin columns
// (the unit is shown instead) and the join bookkeeping.
bool shown_attribute(const std::string& field) {
  return !(field.rfind("ADM", 0) == 0 && field.find('_') != std::string::npos) && field != "match" &&
         field != "match_note";
}

json props_json(const geo::LayerData& layer, std::size_t row, bool all_fields) {
  json props = json::object();
  for (std::size_t f = 0; f < layer.fields.size(); ++f)
    if (all_fields || shown_attribute(layer.fields[f].name)) props[layer.fields[f].name] = value_json(layer.rows[row][f]);
  return props;
}

std::vector<std::string> distinct_values(const geo::LayerData& layer, const std::string& field) {
  std::set<std::string> values;
  const int i = layer.field_index(field);
  if (i < 0) return {};
  for (const auto& row : layer.rows) values.insert(geo::to_text(row[i]));
  return {values.begin(), values.end()};
}

json units_json(const ReportModel& model) {
  const BoundaryOutput& units = model.run.units;
  json out;
  out["name"] = units.name;
  out["label"] = level_label(units.name, model.lang);
  out["code"] = units.code_field();
  out["name_en"] = units.layer.field_index(units.name_en_field()) >= 0 ? units.name_en_field() : "";
  out["name_ar"] = units.layer.field_index(units.name_ar_field()) >= 0 ? units.name_ar_field() : "";
  out["parent_en"] = out["parent_ar"] = out["parent_label"] = "";
  if (!model.run.coarser.empty()) {
    const BoundaryOutput& parent = model.run.coarser.front();
    if (units.layer.field_index(parent.name_en_field()) >= 0) out["parent_en"] = parent.name_en_field();
    if (units.layer.field_index(parent.name_ar_field()) >= 0) out["parent_ar"] = parent.name_ar_field();
    out["parent_label"] = unit_label(parent.name, model.lang);
  }
  json features = json::array();
  for (std::size_t u = 0; u < units.layer.size(); ++u) {
    json f;
    f["props"] = props_json(units.layer, u, true);
    f["shape"] = shape_json(model.unit_shapes[u]);
    const geo::Point l = model.label_points[u];
    f["label_point"] = std::isnan(l.x) ? json() : lat_lon(l);
    features.push_back(std::move(f));
  }
  out["features"] = std::move(features);
  return out;
}

json outlines_json(const ReportModel& model) {
  json out = json::array();
  for (std::size_t k = 0; k < model.run.coarser.size(); ++k) {
    const BoundaryOutput& level = model.run.coarser[k];
    const int code = level.layer.field_index(level.code_field());
    const int name = level.layer.field_index(model.lang == "ar" ? level.name_ar_field() : level.name_en_field());
    json features = json::array();
    for (std::size_t u = 0; u < level.layer.size(); ++u)
      features.push_back({{"code", code >= 0 ? value_json(level.layer.rows[u][code]) : json()},
                          {"name", name >= 0 ? value_json(level.layer.rows[u][name]) : json()},
                          {"shape", shape_json(model.coarser_shapes[k][u])}});
    out.push_back({{"name", level.name}, {"label", level_label(level.name, model.lang)}, {"features", features}});
  }
  return out;
}

json choropleths_json(const ReportModel& model) {
  json out = json::array();
  for (const Choropleth& c : model.choropleths)
    out.push_back({{"field", c.field},
                   {"label", headline_label(c.field, model.run.layer_names, model.run.layer_roles, model.lang)},
                   {"breaks", c.breaks},
                   {"colours", c.colours},
                   {"class_labels", c.class_labels()},
                   {"more_is_better", c.more_is_better}});
  return out;
}

// Panel groups in the order of the units' fields; names are the panel's
// heading, not a group.
json groups_json(const ReportModel& model, json& labels) {
  const RunOutputs& run = model.run;
  json groups = json::array();
  std::vector<std::string> order;
  std::map<std::string, std::vector<std::string>> members;
  for (const geo::FieldDef& f : run.units.layer.fields) {
    labels[f.name] = field_label(f.name, run.layer_names, model.lang);
    const std::string group = field_group(f.name, run.layer_names);
    if (group == "names") continue;
    if (!members.count(group)) order.push_back(group);
    members[group].push_back(f.name);
  }
  for (const std::string& g : order)
    groups.push_back(
        {{"key", g}, {"label", group_label(g, run.layer_names, run.layer_roles, model.lang)}, {"fields", members[g]}});
  return groups;
}

std::string issue_layer(const RunOutputs& run) {
  for (std::size_t i = 0; i < run.layer_names.size(); ++i)
    if (run.layer_roles[i] == "issues" && run.units.layer.field_index("n_" + run.layer_names[i]) >= 0)
      return run.layer_names[i];
  return {};
}

json points_json(const ReportModel& model) {
  json out = json::array();
  for (const PointOutput& p : model.run.points) {
    json features = json::array();
    for (std::size_t r = 0; r < p.layer.size(); ++r) {
      if (std::isnan(p.layer.points[r].x)) continue;
      features.push_back({{"at", lat_lon(p.layer.points[r])}, {"props", props_json(p.layer, r, false)}});
    }
    const std::string name_field = model.lang == "ar" && !p.name_ar_field.empty() ? p.name_ar_field : p.name_en_field;
    json type_labels = json::object(), status_labels = json::object();
    for (const std::string& v : distinct_values(p.layer, p.type_field)) type_labels[v] = value_label(v, model.lang);
    for (const std::string& v : distinct_values(p.layer, p.status_field)) status_labels[v] = value_label(v, model.lang);
    out.push_back({{"name", p.name},
                   {"role", p.role},
                   {"label", p.role == "issues" ? interface_string("issue_points", model.lang)
                                                : layer_label(p.name, p.role, model.lang)},
                   {"type_field", p.type_field},
                   {"status_field", p.status_field},
                   {"name_field", name_field},
                   {"types", distinct_values(p.layer, p.type_field)},
                   {"statuses", distinct_values(p.layer, p.status_field)},
                   {"type_labels", type_labels},
                   {"status_labels", status_labels},
                   {"features", features}});
  }
  return out;
}

const char* kind_name(OverlayKind kind) {
  switch (kind) {
    case OverlayKind::Areas: return "areas";
    case OverlayKind::Lines: return "lines";
    case OverlayKind::Sites: return "sites";
    case OverlayKind::Table: return "table";
  }
  return "table";
}

json overlays_json(const ReportModel& model) {
  json out = json::array();
  for (const OverlayOutput& o : model.run.overlays) {
    json features = json::array();
    for (std::size_t r = 0; r < o.layer.size(); ++r) {
      json f{{"props", props_json(o.layer, r, false)}};
      const geo::Geometry& g = o.layer.shapes[r];
      if (o.spec.kind == OverlayKind::Areas && !g.is_null() && g.is_polygonal()) {
        f["shape"] = shape_json(g.simplify_preserving_topology(model.simplify_deg).polygons());
      } else if (o.spec.kind == OverlayKind::Lines && !g.is_null()) {
        json lines = json::array();
        for (const auto& part : geo::line_parts(g)) {
          json line = json::array();
          for (const geo::Point& p : part) line.push_back(lat_lon(p));
          lines.push_back(std::move(line));
        }
        f["line"] = std::move(lines);
      } else if (o.spec.kind == OverlayKind::Sites && !std::isnan(o.layer.points[r].x)) {
        f["at"] = lat_lon(o.layer.points[r]);
      }
      features.push_back(std::move(f));
    }
    json fields = json::array();
    for (const geo::FieldDef& f : o.layer.fields)
      if (shown_attribute(f.name)) fields.push_back(f.name);
    out.push_back({{"id", o.spec.id},
                   {"label", model.lang == "ar" ? o.spec.label_ar : o.spec.label_en},
                   {"kind", kind_name(o.spec.kind)},
                   {"colour", o.spec.colour},
                   {"table", o.spec.table},
                   {"fields", fields},
                   {"sort_field", o.spec.sort_field},
                   {"features", features}});
  }
  return out;
}

// The units table: the colouring fields and each layer's count; sorted by
// priority when there is one, else by the issue count.
json table_json(const ReportModel& model, const std::string& issues) {
  const geo::LayerData& units = model.run.units.layer;
  json columns = json::array();
  std::set<std::string> seen;
  auto add = [&](const std::string& field) {
    if (units.field_index(field) >= 0 && seen.insert(field).second) columns.push_back(field);
  };
  for (const Choropleth& c : model.choropleths) add(c.field);
  add("population");
  for (const std::string& layer : model.run.layer_names) add("n_" + layer);
  std::string sort;
  bool descending = true;
  // Scores are withheld when the issues are restricted (engine/disclosure.hpp): the rank orders alike.
  auto has_values = [&](const std::string& field) {
    const int f = units.field_index(field);
    return f >= 0 && std::any_of(units.rows.begin(), units.rows.end(), [&](const auto& row) {
             return !std::holds_alternative<std::monostate>(row[static_cast<std::size_t>(f)]);
           });
  };
  if (has_values("priority_score")) {
    sort = "priority_score";
  } else if (has_values("priority_rank")) {
    sort = "priority_rank";
    descending = false;
    add(sort);
  } else if (!issues.empty()) {
    sort = "n_" + issues;
  } else if (!model.choropleths.empty()) {
    sort = model.choropleths.front().field;
  }
  json labels = json::object();
  for (const auto& column : columns) {
    const std::string field = column.get<std::string>();
    labels[field] = headline_label(field, model.run.layer_names, model.run.layer_roles, model.lang);
  }
  return {{"columns", columns}, {"labels", labels}, {"sort", sort}, {"descending", descending}};
}

// ---- the priority index and the action plan (CSV files: every cell is text) --

// A cell of a CSV table as a number: an integer when written as one, a real
// otherwise; null when empty or not a number.
json number_json(const std::string& text) {
  if (text.empty()) return nullptr;
  const char* end = text.data() + text.size();
  if (text.find_first_of(".eE") == std::string::npos) {
    std::int64_t i = 0;
    const auto r = std::from_chars(text.data(), end, i);
    if (r.ec == std::errc() && r.ptr == end) return i;
  }
  double d = 0;
  const auto r = std::from_chars(text.data(), end, d);
  if (r.ec == std::errc() && r.ptr == end && std::isfinite(d)) return d;
  return nullptr;
}

std::string cell(const geo::LayerData& table, std::size_t row, int field) {
  return field < 0 ? std::string() : geo::to_text(table.rows[row][field]);
}

// A column is numeric when every non-empty cell is a number (and one is).
bool numeric_column(const geo::LayerData& table, int field) {
  bool any = false;
  for (std::size_t r = 0; r < table.size(); ++r) {
    const std::string text = cell(table, r, field);
    if (text.empty()) continue;
    if (number_json(text).is_null()) return false;
    any = true;
  }
  return any;
}

// Row of the units layer per P-code.
std::map<std::string, std::size_t> unit_rows(const ReportModel& model) {
  std::map<std::string, std::size_t> rows;
  const geo::LayerData& units = model.run.units.layer;
  const int code = units.field_index(model.run.units.code_field());
  if (code >= 0)
    for (std::size_t u = 0; u < units.size(); ++u) rows.emplace(geo::to_text(units.rows[u][code]), u);
  return rows;
}

// The indicators of priorities.csv, in its column order: every <name> with
// <name>_norm and <name>_contrib columns.
std::vector<std::string> index_indicators(const geo::LayerData& table) {
  std::vector<std::string> names;
  for (const geo::FieldDef& f : table.fields) {
    const std::string suffix = "_contrib";
    if (f.name.size() <= suffix.size() || f.name.compare(f.name.size() - suffix.size(), suffix.size(), suffix) != 0)
      continue;
    const std::string name = f.name.substr(0, f.name.size() - suffix.size());
    if (table.field_index(name) >= 0 && table.field_index(name + "_norm") >= 0) names.push_back(name);
  }
  return names;
}

// priorities.csv per unit: score, rank, tier, the sensitivity figures and
// the breakdown, largest contribution first (ties in the file's order).
//   {indicators[{name, label, weight, direction}], top_k,
//    units{code: {unit, rank, tier, tier_label, score, median_rank, rank_p05, rank_p95, p_top_k, unstable,
//                 breakdown[{name, value, norm, contrib}]}}}
json priorities_json(const ReportModel& model) {
  if (!model.run.priorities) return nullptr;
  const geo::LayerData& table = *model.run.priorities;
  const int code = table.field_index(model.run.units.code_field());
  if (code < 0) return nullptr;
  const std::vector<std::string> names = index_indicators(table);
  json indicators = json::array();
  for (const std::string& name : names) {
    json ind{{"name", name}, {"label", indicator_label(name, model.lang)}, {"weight", nullptr}, {"direction", ""}};
    for (const IndicatorInfo& info : model.run.indicators)
      if (info.name == name) {
        ind["weight"] = info.weight;
        ind["direction"] = info.direction;
      }
    indicators.push_back(std::move(ind));
  }
  const auto rows = unit_rows(model);
  json units = json::object();
  for (std::size_t r = 0; r < table.size(); ++r) {
    const std::string unit_code = cell(table, r, code);
    json u;
    const auto at = rows.find(unit_code);
    u["unit"] = at == rows.end() ? json() : json(at->second);
    const std::string tier = cell(table, r, table.field_index("tier"));
    u["tier"] = tier;
    u["tier_label"] = tier.empty() ? "" : value_label(tier, model.lang);
    for (const char* field : {"rank", "score", "median_rank", "rank_p05", "rank_p95", "p_top_k", "unstable"})
      u[field] = number_json(cell(table, r, table.field_index(field)));
    std::vector<json> breakdown;
    for (const std::string& name : names)
      breakdown.push_back({{"name", name},
                           {"value", number_json(cell(table, r, table.field_index(name)))},
                           {"norm", number_json(cell(table, r, table.field_index(name + "_norm")))},
                           {"contrib", number_json(cell(table, r, table.field_index(name + "_contrib")))}});
    std::stable_sort(breakdown.begin(), breakdown.end(), [](const json& a, const json& b) {
      if (a["contrib"].is_null() || b["contrib"].is_null()) return !a["contrib"].is_null() && b["contrib"].is_null();
      return a["contrib"].get<double>() > b["contrib"].get<double>();
    });
    u["breakdown"] = breakdown;
    units[unit_code] = std::move(u);
  }
  return {{"indicators", indicators}, {"top_k", model.run.top_k}, {"units", units}};
}

// A text cell of the action plan as the reader sees it: coded values
// ("hot_95", "no_partner;issues_beyond_reach") in words of the report's
// language, the "why" column with indicator names; free text as written.
std::string plan_text(const std::string& column, const std::string& text, const std::string& lang) {
  static const std::set<std::string> coded{"tier", "hotspot", "coverage_gap", "missing_links"};
  if (text.empty()) return text;
  const bool why = column == "why";
  if (!coded.count(column) && !why) return text;
  std::string out;
  std::size_t at = 0;
  while (at <= text.size()) {
    std::size_t cut = text.find(';', at);
    if (cut == std::string::npos) cut = text.size();
    std::string token = text.substr(at, cut - at);
    token.erase(0, token.find_first_not_of(' '));
    token.erase(token.find_last_not_of(' ') + 1);
    if (!token.empty()) {
      if (!out.empty()) out += lang == "ar" ? "؛ " : "; ";
      if (why) {
        // "issue_rate 0.300": the indicator's name, then its contribution.
        const std::size_t space = token.find(' ');
        out += indicator_label(token.substr(0, space), lang) + (space == std::string::npos ? "" : token.substr(space));
      } else {
        out += value_label(token, lang);
      }
    }
    at = cut + 1;
  }
  return out;
}

// action_plan.csv in its order (priority order):
//   {code, columns[{key, label, numeric}], panel[keys], rows[{unit, code, name, values[]}]}
// `values` follow `columns`: numbers in numeric columns, text otherwise, null when empty.
json action_plan_json(const ReportModel& model) {
  if (!model.run.action_plan) return nullptr;
  const geo::LayerData& table = *model.run.action_plan;
  const BoundaryOutput& level = model.run.units;
  const int code = table.field_index(level.code_field());
  if (code < 0) return nullptr;
  const int name_en = table.field_index(level.name_en_field()), name_ar = table.field_index(level.name_ar_field());
  json columns = json::array(), panel = json::array();
  std::vector<int> fields;
  std::vector<bool> numeric;
  for (std::size_t f = 0; f < table.fields.size(); ++f) {
    const std::string& key = table.fields[f].name;
    if (key.rfind("ADM", 0) == 0 && key.find('_') != std::string::npos) continue;  // names: shown once
    fields.push_back(static_cast<int>(f));
    numeric.push_back(numeric_column(table, static_cast<int>(f)));
    columns.push_back({{"key", key}, {"label", plan_column_label(key, model.lang)}, {"numeric", numeric.back()}});
    // The panel shows rank, tier and score with the breakdown already.
    if (key != "rank" && key != "tier" && key != "score") panel.push_back(key);
  }
  const auto rows = unit_rows(model);
  json out_rows = json::array();
  for (std::size_t r = 0; r < table.size(); ++r) {
    const std::string unit_code = cell(table, r, code);
    const std::string en = cell(table, r, name_en), ar = cell(table, r, name_ar);
    std::string name = model.lang == "ar" ? (ar.empty() ? en : ar) : (en.empty() ? ar : en);
    json values = json::array();
    for (std::size_t c = 0; c < fields.size(); ++c) {
      const std::string text = cell(table, r, fields[c]);
      if (numeric[c]) values.push_back(number_json(text));
      else if (text.empty()) values.push_back(nullptr);
      else values.push_back(plan_text(table.fields[fields[c]].name, text, model.lang));
    }
    const auto at = rows.find(unit_code);
    out_rows.push_back({{"unit", at == rows.end() ? json() : json(at->second)},
                        {"code", unit_code},
                        {"name", name.empty() ? unit_code : name},
                        {"values", values}});
  }
  return {{"columns", columns}, {"panel", panel}, {"rows", out_rows}};
}

}  // namespace

json report_data(const ReportModel& model, const ReportOptions& options) {
  const RunOutputs& run = model.run;
  json data;
  data["lang"] = model.lang;
  data["dir"] = model.lang == "ar" ? "rtl" : "ltr";
  data["title"] = run.title;
  data["synthetic"] = run.synthetic;
  data["strings"] = interface_strings(model.lang);
  data["tiles"] = {{"url", options.tiles_url}, {"attribution", options.tiles_attribution}};
  data["units"] = units_json(model);
  data["outlines"] = outlines_json(model);
  data["choropleths"] = choropleths_json(model);
  data["chosen"] = model.chosen;
  data["no_data_colour"] = kNoDataColour;
  json labels = json::object();
  data["groups"] = groups_json(model, labels);
  data["labels"] = labels;
  const std::string issues = issue_layer(run);
  data["issue_field"] = issues.empty() ? "" : "n_" + issues;
  data["issue_label"] = interface_string("issues_per_unit", model.lang);
  data["issue_layer_label"] = "";
  for (std::size_t i = 0; i < run.layer_names.size(); ++i)
    if (run.layer_names[i] == issues) data["issue_layer_label"] = layer_label(issues, run.layer_roles[i], model.lang);
  json categories = json::array();
  if (!issues.empty()) {
    const std::string prefix = "n_" + issues + "_category_";
    for (const geo::FieldDef& f : run.units.layer.fields)
      if (f.name.rfind(prefix, 0) == 0) categories.push_back({{"field", f.name}, {"label", labels[f.name]}});
  }
  data["categories"] = categories;
  data["points"] = points_json(model);
  data["overlays"] = overlays_json(model);
  data["table"] = table_json(model, issues);
  data["priorities"] = priorities_json(model);
  data["action_plan"] = action_plan_json(model);
  return data;
}

}  // namespace engine::report

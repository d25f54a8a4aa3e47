#include "engine/report/report_data.hpp"

#include <algorithm>
#include <cmath>
#include <map>
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
  if (units.field_index("priority_score") >= 0) {
    sort = "priority_score";
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
  return {{"columns", columns}, {"labels", labels}, {"sort", sort}, {"descending", true}};
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
  return data;
}

}  // namespace engine::report

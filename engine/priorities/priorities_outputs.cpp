#include "engine/priorities/priorities_outputs.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace engine::priorities {
namespace {

using geo::FieldDef;
using geo::FieldType;
using geo::Value;

Value real(double v) { return std::isfinite(v) ? Value(v) : Value(); }
Value integer(std::int64_t v) { return Value(v); }
Value text(std::string s) { return Value(std::move(s)); }

std::string fixed(double v, int decimals) {
  if (!std::isfinite(v)) return "inf";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string prefix(const AdminLevel& level) {
  return level.spec.level > 0 ? "ADM" + std::to_string(level.spec.level) + "_" : "";
}

void unit_fields(const AdminLevel& level, std::vector<FieldDef>& fields) {
  const std::string p = prefix(level);
  fields.push_back({p.empty() ? "pcode" : p + "PCODE", FieldType::String});
  fields.push_back({p.empty() ? "name_en" : p + "EN", FieldType::String});
  fields.push_back({p.empty() ? "name_ar" : p + "AR", FieldType::String});
}

void unit_values(const AdminLevel& level, std::size_t i, std::vector<Value>& row) {
  const AdminUnit& u = level.units[i];
  row.push_back(text(u.code));
  row.push_back(text(u.name_en));
  row.push_back(text(u.name_ar));
}

const char* trend_text(int t) { return t > 0 ? "rising" : t < 0 ? "falling" : ""; }

// Categories of unit i that are drivers, strongest LQ first, at most `limit` (0 = all).
std::string driver_list(const PrioritiesResult& r, std::size_t i, int limit, bool detail) {
  std::vector<std::size_t> c;
  for (std::size_t k = 0; k < r.categories.size(); ++k)
    if (r.cells[i][k].driver) c.push_back(k);
  std::stable_sort(c.begin(), c.end(), [&](std::size_t a, std::size_t b) { return r.cells[i][a].lq > r.cells[i][b].lq; });
  if (limit > 0 && c.size() > static_cast<std::size_t>(limit)) c.resize(static_cast<std::size_t>(limit));
  std::string s;
  for (std::size_t k : c) {
    if (!s.empty()) s += "; ";
    s += r.categories[k];
    if (detail) s += " (LQ " + fixed(r.cells[i][k].lq, 2) + ", " + std::to_string(r.cells[i][k].count) + " issues)";
  }
  return s;
}

std::string rising_list(const PrioritiesResult& r, std::size_t i, bool detail) {
  std::vector<std::size_t> c;
  for (std::size_t k = 0; k < r.categories.size(); ++k)
    if (r.cells[i][k].trend > 0) c.push_back(k);
  std::stable_sort(c.begin(), c.end(), [&](std::size_t a, std::size_t b) {
    return r.cells[i][a].rate_ratio > r.cells[i][b].rate_ratio;
  });
  std::string s;
  for (std::size_t k : c) {
    if (!s.empty()) s += "; ";
    s += r.categories[k];
    if (detail) {
      const auto& cell = r.cells[i][k];
      s += std::isfinite(cell.rate_ratio) ? " x" + fixed(cell.rate_ratio, 2) : " (new)";
      s += " (" + std::to_string(cell.baseline) + " -> " + std::to_string(cell.review) + ")";
    }
  }
  return s;
}

std::string top_indicators(const PrioritiesResult& r, std::size_t i, std::size_t limit) {
  std::vector<std::size_t> k(r.index.indicators.size());
  for (std::size_t j = 0; j < k.size(); ++j) k[j] = j;
  std::stable_sort(k.begin(), k.end(), [&](std::size_t a, std::size_t b) {
    return r.index.indicators[a].contribution[i] > r.index.indicators[b].contribution[i];
  });
  std::string s;
  for (std::size_t j = 0; j < k.size() && j < limit; ++j) {
    const auto& ind = r.index.indicators[k[j]];
    if (!(ind.contribution[i] > 0)) break;
    if (!s.empty()) s += "; ";
    s += r.figures_withheld ? ind.name : ind.name + " " + fixed(ind.contribution[i], 3);
  }
  return s;
}

std::string lisa_text(const HotspotSeries& h, std::size_t i) { return quadrant_label(h.lisa_cluster[i]); }

}  // namespace

geo::LayerData drivers_table(const PrioritiesResult& r, const AdminLevel& level) {
  geo::LayerData out;
  out.name = "drivers";
  unit_fields(level, out.fields);
  for (const char* f : {"category"}) out.fields.push_back({f, FieldType::String});
  out.fields.push_back({"count", FieldType::Integer});
  for (const char* f : {"share", "rate_10k", "severity_weighted", "expected", "lq", "p_value", "q_value"})
    out.fields.push_back({f, FieldType::Real});
  out.fields.push_back({"driver", FieldType::Integer});
  out.fields.push_back({"baseline", FieldType::Integer});
  out.fields.push_back({"review", FieldType::Integer});
  for (const char* f : {"rate_ratio", "rr_low", "rr_high", "p_change", "q_change"}) out.fields.push_back({f, FieldType::Real});
  out.fields.push_back({"trend", FieldType::String});
  out.fields.push_back({"gi_z", FieldType::Real});
  out.fields.push_back({"hotspot", FieldType::String});
  // Hotspot series per category (absent for categories with no issue or per_category: false).
  std::vector<const HotspotSeries*> by_category(r.categories.size(), nullptr);
  for (const auto& h : r.hotspots)
    for (std::size_t c = 0; c < r.categories.size(); ++c)
      if (&h != &r.hotspots[0] && h.name == r.categories[c]) by_category[c] = &h;
  for (std::size_t i = 0; i < level.units.size(); ++i)
    for (std::size_t c = 0; c < r.categories.size(); ++c) {
      const CategoryCell& cell = r.cells[i][c];
      std::vector<Value> row;
      unit_values(level, i, row);
      row.push_back(text(r.categories[c]));
      row.push_back(integer(cell.count));
      for (double v : {cell.share, cell.rate, cell.severity_weighted, cell.expected, cell.lq, cell.p, cell.q})
        row.push_back(real(v));
      row.push_back(integer(cell.driver));
      row.push_back(r.has_periods ? integer(cell.baseline) : Value());
      row.push_back(r.has_periods ? integer(cell.review) : Value());
      for (double v : {cell.rate_ratio, cell.rr_low, cell.rr_high, cell.p_change, cell.q_change}) row.push_back(real(v));
      row.push_back(text(trend_text(cell.trend)));
      const HotspotSeries* h = by_category[c];
      row.push_back(h ? real(h->gi.z[i]) : Value());
      row.push_back(h ? text(to_string(h->classes[i])) : Value());
      out.rows.push_back(std::move(row));
    }
  return out;
}

geo::LayerData hotspots_layer(const PrioritiesResult& r, const AdminLevel& level) {
  geo::LayerData out;
  out.name = "hotspots";
  out.geometry = geo::GeometryKind::Polygon;
  unit_fields(level, out.fields);
  out.fields.push_back({"n_neighbours", FieldType::Integer});
  out.fields.push_back({"island", FieldType::Integer});
  out.fields.push_back({"variable", FieldType::String});
  for (const char* f : {"value", "gi", "gi_z", "gi_p_norm", "gi_p_sim", "gi_p"}) out.fields.push_back({f, FieldType::Real});
  out.fields.push_back({"hotspot", FieldType::String});
  for (const char* f : {"lisa_i", "lisa_p_sim"}) out.fields.push_back({f, FieldType::Real});
  out.fields.push_back({"lisa_quadrant", FieldType::String});
  out.fields.push_back({"lisa_cluster", FieldType::String});
  for (std::size_t s = 1; s < r.hotspots.size(); ++s) {
    out.fields.push_back({"gi_z_" + r.hotspots[s].name, FieldType::Real});
    out.fields.push_back({"hotspot_" + r.hotspots[s].name, FieldType::String});
  }
  const HotspotSeries& t = r.hotspots.at(0);
  for (std::size_t i = 0; i < level.units.size(); ++i) {
    std::vector<Value> row;
    unit_values(level, i, row);
    row.push_back(integer(static_cast<std::int64_t>(r.weights.neighbours[i].size())));
    row.push_back(integer(r.weights.neighbours[i].empty()));
    row.push_back(text(r.hotspot_variable));
    for (double v : {t.values[i], t.gi.value[i], t.gi.z[i], t.gi.p_norm[i], t.gi.p_sim[i], t.p_used[i]}) row.push_back(real(v));
    row.push_back(text(to_string(t.classes[i])));
    row.push_back(real(t.moran.value[i]));
    row.push_back(real(t.moran.p_sim[i]));
    row.push_back(text(quadrant_label(t.moran.quadrant[i])));
    row.push_back(text(lisa_text(t, i)));
    for (std::size_t s = 1; s < r.hotspots.size(); ++s) {
      row.push_back(real(r.hotspots[s].gi.z[i]));
      row.push_back(text(to_string(r.hotspots[s].classes[i])));
    }
    out.rows.push_back(std::move(row));
    out.shapes.push_back(level.units[i].shape.clone());
  }
  return out;
}

geo::LayerData priorities_table(const PrioritiesResult& r, const AdminLevel& level) {
  geo::LayerData out;
  out.name = "priorities";
  unit_fields(level, out.fields);
  out.fields.push_back({"rank", FieldType::Integer});
  out.fields.push_back({"tier", FieldType::String});
  out.fields.push_back({"score", FieldType::Real});
  for (const auto& ind : r.index.indicators) {
    out.fields.push_back({ind.name, FieldType::Real});
    out.fields.push_back({ind.name + "_norm", FieldType::Real});
    out.fields.push_back({ind.name + "_contrib", FieldType::Real});
  }
  for (const char* f : {"median_rank", "rank_p05", "rank_p95", "p_top_k"}) out.fields.push_back({f, FieldType::Real});
  out.fields.push_back({"unstable", FieldType::Integer});
  out.fields.push_back({"top_indicators", FieldType::String});
  const bool sens = r.sensitivity.draws > 0;
  for (std::int32_t u : r.index.order) {
    const auto i = static_cast<std::size_t>(u);
    std::vector<Value> row;
    unit_values(level, i, row);
    row.push_back(integer(r.index.rank[i]));
    row.push_back(text(r.index.tier[i]));
    row.push_back(real(r.index.score[i]));
    for (const auto& ind : r.index.indicators) {
      row.push_back(real(ind.raw[i]));
      row.push_back(real(ind.normalised[i]));
      row.push_back(real(ind.contribution[i]));
    }
    row.push_back(real(r.sensitivity.median_rank[i]));
    row.push_back(real(r.sensitivity.rank_p05[i]));
    row.push_back(real(r.sensitivity.rank_p95[i]));
    row.push_back(real(r.sensitivity.p_top_k[i]));
    row.push_back(sens ? integer(r.sensitivity.unstable[i]) : Value());
    row.push_back(text(top_indicators(r, i, 3)));
    out.rows.push_back(std::move(row));
  }
  return out;
}

geo::LayerData action_plan_table(const PrioritiesResult& r, const AdminLevel& level) {
  geo::LayerData out;
  out.name = "action_plan";
  out.fields.push_back({"rank", FieldType::Integer});
  out.fields.push_back({"tier", FieldType::String});
  unit_fields(level, out.fields);
  out.fields.push_back({"score", FieldType::Real});
  out.fields.push_back({"why", FieldType::String});
  out.fields.push_back({"issues", FieldType::Integer});
  out.fields.push_back({"top_drivers", FieldType::String});
  out.fields.push_back({"rising", FieldType::String});
  out.fields.push_back({"hotspot", FieldType::String});
  out.fields.push_back({"lisa_cluster", FieldType::String});
  for (const auto& name : r.context_names) out.fields.push_back({name, FieldType::String});
  out.fields.push_back({"stability", FieldType::String});
  const std::size_t limit = r.plan_units > 0 ? static_cast<std::size_t>(r.plan_units) : r.index.order.size();
  for (std::size_t k = 0; k < r.index.order.size() && k < limit; ++k) {
    const auto i = static_cast<std::size_t>(r.index.order[k]);
    std::vector<Value> row;
    row.push_back(integer(r.index.rank[i]));
    row.push_back(text(r.index.tier[i]));
    unit_values(level, i, row);
    row.push_back(real(r.index.score[i]));
    row.push_back(text(top_indicators(r, i, 3)));
    row.push_back(integer(r.units[i].issues));
    row.push_back(text(driver_list(r, i, r.driver_top, !r.figures_withheld)));
    row.push_back(text(rising_list(r, i, !r.figures_withheld)));
    row.push_back(text(to_string(r.hotspots.at(0).classes[i])));
    row.push_back(text(lisa_text(r.hotspots[0], i)));
    for (const auto& column : r.context) row.push_back(text(column[i]));
    std::string stability;
    if (r.sensitivity.draws > 0) {
      stability = r.sensitivity.unstable[i] ? "unstable" : "stable";
      stability += ": rank " + fixed(r.sensitivity.rank_p05[i], 0) + "-" + fixed(r.sensitivity.rank_p95[i], 0) +
                   " in 90 % of weightings, P(top " + std::to_string(r.sensitivity.top_k) + ") " +
                   fixed(r.sensitivity.p_top_k[i], 2);
    }
    row.push_back(text(stability));
    out.rows.push_back(std::move(row));
  }
  return out;
}

UnitTable priorities_unit_table(const PrioritiesResult& r) {
  UnitTable t;
  t.fields = {{"issue_rate", FieldType::Real},     {"severity_weighted", FieldType::Real},
              {"n_drivers", FieldType::Integer},   {"drivers", FieldType::String},
              {"rising", FieldType::String},       {"hotspot", FieldType::String},
              {"gi_z", FieldType::Real},           {"lisa_cluster", FieldType::String},
              {"priority_score", FieldType::Real}, {"priority_rank", FieldType::Integer},
              {"priority_tier", FieldType::String}, {"rank_p05", FieldType::Real},
              {"rank_p95", FieldType::Real},       {"p_top_k", FieldType::Real},
              {"rank_unstable", FieldType::Integer}};
  const bool sens = r.sensitivity.draws > 0;
  for (std::size_t i = 0; i < r.units.size(); ++i) {
    const auto& h = r.hotspots.at(0);
    t.rows.push_back({real(r.units[i].rate), r.has_severity ? real(r.units[i].severity_weighted) : Value(),
                      integer(r.units[i].drivers), text(driver_list(r, i, 0, false)), text(rising_list(r, i, false)),
                      text(to_string(h.classes[i])), real(h.gi.z[i]), text(lisa_text(h, i)), real(r.index.score[i]),
                      integer(r.index.rank[i]), text(r.index.tier[i]), real(r.sensitivity.rank_p05[i]),
                      real(r.sensitivity.rank_p95[i]), real(r.sensitivity.p_top_k[i]),
                      sens ? integer(r.sensitivity.unstable[i]) : Value()});
  }
  return t;
}

PrioritiesSummary summarise(const PrioritiesResult& r) {
  PrioritiesSummary s;
  s.weights = r.weights_description;
  s.units = static_cast<std::int64_t>(r.units.size());
  s.islands = static_cast<std::int64_t>(r.weights.islands.size());
  s.links = static_cast<std::int64_t>(r.weights.links() / 2);
  s.issues = r.issues_total;
  s.issues_outside = r.issues_outside;
  s.categories = static_cast<std::int64_t>(r.categories.size());
  for (const auto& row : r.cells)
    for (const auto& cell : row) {
      s.drivers += cell.driver;
      s.rising += cell.trend > 0;
      s.falling += cell.trend < 0;
    }
  for (HotClass c : r.hotspots.at(0).classes) {
    s.hot += c == HotClass::Hot90 || c == HotClass::Hot95 || c == HotClass::Hot99;
    s.cold += c == HotClass::Cold90 || c == HotClass::Cold95 || c == HotClass::Cold99;
  }
  for (bool u : r.sensitivity.unstable) s.unstable += u;
  if (r.has_periods) {
    s.baseline = r.baseline.text();
    s.review = r.review.text();
  }
  return s;
}

nlohmann::json priorities_summary(const PrioritiesResult& r, const PrioritiesOptions& o) {
  const PrioritiesSummary s = summarise(r);
  nlohmann::json j;
  j["parameters"] = {{"drivers_fdr", o.drivers.fdr},
                     {"periods_fdr", o.periods.fdr},
                     {"periods_confidence", o.periods.confidence},
                     {"weights", s.weights},
                     {"hotspot_variable", r.hotspot_variable},
                     {"permutations", o.hotspots.permutations},
                     {"hotspot_seed", o.hotspots.seed},
                     {"hotspot_fdr", o.hotspots.fdr},
                     {"sensitivity_draws", o.sensitivity.draws},
                     {"sensitivity_concentration", o.sensitivity.concentration},
                     {"sensitivity_top_k", r.sensitivity.top_k},
                     {"sensitivity_seed", o.sensitivity.seed}};
  j["units"] = s.units;
  j["links"] = s.links;
  j["islands"] = s.islands;
  j["issues"] = s.issues;
  j["issues_not_in_a_unit"] = s.issues_outside;
  j["categories"] = r.categories;
  j["drivers"] = s.drivers;
  j["rising"] = s.rising;
  j["falling"] = s.falling;
  j["hot_spots"] = s.hot;
  j["cold_spots"] = s.cold;
  j["unstable_ranks"] = s.unstable;
  j["baseline"] = s.baseline;
  j["review"] = s.review;
  nlohmann::json indicators = nlohmann::json::array();
  for (const auto& ind : r.index.indicators)
    indicators.push_back({{"name", ind.name},
                          {"source", ind.source},
                          {"direction", to_string(ind.direction)},
                          {"normalisation", to_string(ind.normalisation)},
                          {"weight", ind.weight},
                          {"missing", ind.missing}});
  j["indicators"] = indicators;
  j["warnings"] = r.warnings;
  nlohmann::json timings = nlohmann::json::object();
  for (const auto& [step, seconds] : r.timings) timings[step] = seconds;
  j["timings_s"] = timings;
  return j;
}

}  // namespace engine::priorities

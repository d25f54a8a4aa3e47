#include "engine/coverage/coverage_outputs.hpp"

#include <cmath>
#include <map>
#include <set>

#include "engine/counts.hpp"
#include "engine/exports.hpp"
#include "geo/geodesic.hpp"

namespace engine::coverage {
namespace {

using geo::FieldType;
using geo::Value;

Value rounded(double v, double scale) {
  if (!std::isfinite(v)) return std::monostate{};
  return std::round(v * scale) / scale;
}
Value metres(double v) { return rounded(v, 100); }
Value km2(double v) { return rounded(v, 1000); }
Value share(double part, double whole) { return whole > 0 ? rounded(part / whole, 10000) : Value{}; }
Value people(double v) { return rounded(v, 10); }
Value text_or_null(const std::string& s) { return s.empty() ? Value{} : Value{s}; }

std::string joined(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : separator) + s;
  return out;
}

// A facility's id for people: the id field, else its record number.
Value facility_id(const PointLayer* facilities, std::int32_t record) {
  if (facilities == nullptr || record < 0) return std::monostate{};
  const std::string id = facilities->role_text("id", static_cast<std::size_t>(record));
  return id.empty() ? Value{"record " + std::to_string(facilities->records[static_cast<std::size_t>(record)])} : Value{id};
}

struct Table {
  geo::LayerData data;
  void field(const std::string& name, FieldType type) { data.fields.push_back({name, type}); }
};

}  // namespace

UnitTable coverage_unit_table(const CoverageResult& r, const AdminLevel& finest) {
  UnitTable t;
  auto field = [&](const std::string& name, FieldType type) { t.fields.push_back({name, type}); };
  for (const char* name : {"issues", "issues_covered", "issues_uncovered"}) field(name, FieldType::Integer);
  field("issues_covered_share", FieldType::Real);
  const bool capacities = r.load.limited;
  if (capacities) field("issues_over_capacity", FieldType::Integer);
  field("issues_partner_in_reach", FieldType::Integer);
  field("nearest_facility_median_m", FieldType::Real);
  field("nearest_facility_p90_m", FieldType::Real);
  for (const char* name : {"partners", "facilities", "facilities_operational"}) field(name, FieldType::Integer);
  std::set<std::string> type_status;
  for (const DistrictCoverage& d : r.units)
    for (const auto& [key, n] : d.facilities_by_type_status) type_status.insert(key);
  for (const std::string& key : type_status) field("facilities_" + key, FieldType::Integer);
  field("uncovered_km2", FieldType::Real);
  field("uncovered_share", FieldType::Real);
  const bool population = !r.population.source.empty();
  if (population)
    for (const char* name : {"pop_total", "pop_covered", "pop_uncovered", "pop_covered_share"}) field(name, FieldType::Real);
  for (const std::string& sector : r.three_w.sectors) {
    field("partners_" + sector, FieldType::Integer);
    field("partners_" + sector + "_names", FieldType::String);
  }
  field("gap_rank", FieldType::Integer);
  field("gap_reasons", FieldType::String);

  std::map<std::pair<std::int32_t, std::string>, const ThreeWRow*> presence;
  for (const ThreeWRow& row : r.three_w.rows) presence[{row.unit, row.sector}] = &row;
  std::vector<std::int64_t> gap_rank(r.units.size(), 0);
  std::vector<std::string> gap_reasons(r.units.size());
  for (std::size_t g = 0; g < r.gaps.size(); ++g) {
    gap_rank[static_cast<std::size_t>(r.gaps[g].unit)] = static_cast<std::int64_t>(g + 1);
    gap_reasons[static_cast<std::size_t>(r.gaps[g].unit)] = joined(r.gaps[g].reasons, ";");
  }
  for (std::size_t u = 0; u < r.units.size(); ++u) {
    const DistrictCoverage& d = r.units[u];
    std::vector<Value> row{d.issues, d.issues_covered, d.issues - d.issues_covered, share(double(d.issues_covered), double(d.issues))};
    if (capacities) row.emplace_back(d.issues_over_capacity);
    for (Value v : {Value{d.issues_partner_in_reach}, metres(d.nearest_median_m), metres(d.nearest_p90_m), Value{d.partners},
                    Value{d.facilities}, Value{d.facilities_operational}})
      row.push_back(std::move(v));
    for (const std::string& key : type_status) {
      const auto it = d.facilities_by_type_status.find(key);
      row.emplace_back(it == d.facilities_by_type_status.end() ? std::int64_t{0} : it->second);
    }
    row.push_back(km2(d.uncovered_km2));
    row.push_back(share(d.uncovered_km2, finest.units[u].area_km2));
    if (population) {
      row.push_back(people(d.population));
      row.push_back(people(d.population_covered));
      row.push_back(people(d.population - d.population_covered));
      row.push_back(share(d.population_covered, d.population));
    }
    for (const std::string& sector : r.three_w.sectors) {
      const auto it = presence.find({static_cast<std::int32_t>(u), sector});
      const ThreeWRow* found = it == presence.end() ? nullptr : it->second;
      row.emplace_back(found ? static_cast<std::int64_t>(found->partners.size()) : std::int64_t{0});
      row.push_back(found ? Value{joined(found->partners, "; ")} : Value{});
    }
    row.emplace_back(gap_rank[u] > 0 ? Value{gap_rank[u]} : Value{});
    row.push_back(text_or_null(gap_reasons[u]));
    t.rows.push_back(std::move(row));
  }
  return t;
}

void append_nearest_columns(geo::LayerData& joined, const NearestColumns& n, const PointLayer* facilities,
                            const PointLayer* partners, double partner_reach_m) {
  std::set<std::string> taken;
  for (const auto& f : joined.fields) taken.insert(f.name);
  auto add = [&](std::string name, FieldType type) {
    while (taken.count(name)) name = "coverage_" + name;
    taken.insert(name);
    joined.fields.push_back({name, type});
  };
  const bool with_partner = !n.partner.empty();
  add("nearest_facility_id", FieldType::String);
  add("nearest_facility_type", FieldType::String);
  add("nearest_facility_m", FieldType::Real);
  add("covered", FieldType::Integer);
  if (with_partner) {
    add("nearest_partner_id", FieldType::String);
    add("nearest_partner_m", FieldType::Real);
    add("partner_in_reach", FieldType::Integer);
  }
  for (const std::string& type : n.type_names) add("nearest_" + type + "_m", FieldType::Real);
  for (std::size_t r = 0; r < joined.rows.size(); ++r) {
    std::vector<Value>& row = joined.rows[r];
    const bool located = std::isfinite(joined.points.empty() ? NAN : joined.points[r].x);
    const std::int32_t f = n.facility[r];
    row.push_back(facility_id(facilities, f));
    row.push_back(f >= 0 && facilities ? Value{value_slug(facilities->role_text("type", static_cast<std::size_t>(f)))} : Value{});
    row.push_back(metres(n.facility_m[r]));
    row.push_back(located ? Value{std::int64_t{n.covered[r]}} : Value{});
    if (with_partner) {
      row.push_back(facility_id(partners, n.partner[r]));
      row.push_back(metres(n.partner_m[r]));
      row.push_back(located ? Value{std::int64_t{n.partner_m[r] <= partner_reach_m}} : Value{});
    }
    for (const auto& distances : n.by_type_m) row.push_back(metres(distances[r]));
  }
}

geo::LayerData uncovered_layer(const CoverageResult& r, const Boundaries& boundaries) {
  const AdminLevel& finest = boundaries.finest();
  const UnitColumns units = admin_columns(boundaries);
  geo::LayerData out;
  out.name = "uncovered";
  out.geometry = geo::GeometryKind::Polygon;
  out.fields = units.fields;
  out.fields.push_back({"part", FieldType::Integer});
  out.fields.push_back({"area_km2", FieldType::Real});
  out.fields.push_back({"unit_area_km2", FieldType::Real});
  for (std::size_t u = 0; u < r.uncovered.shape.size(); ++u) {
    const geo::Geometry& shape = r.uncovered.shape[u];
    if (shape.is_empty()) continue;
    std::int64_t part = 0;
    std::vector<geo::Geometry> pieces;
    if (shape.type() == geo::GeometryType::Polygon) pieces.push_back(shape.clone());
    else pieces = shape.parts();
    for (geo::Geometry& piece : pieces) {
      if (piece.is_empty() || !piece.is_polygonal()) continue;
      std::vector<Value> row = units.values(static_cast<std::int32_t>(u));
      row.emplace_back(++part);
      row.push_back(km2(geo::geodesic_area_m2(piece) / 1e6));
      row.push_back(km2(finest.units[u].area_km2));
      out.rows.push_back(std::move(row));
      out.shapes.push_back(std::move(piece));
    }
  }
  return out;
}

geo::LayerData three_w_table(const CoverageResult& r, const Boundaries& boundaries) {
  const UnitColumns units = admin_columns(boundaries);
  geo::LayerData out;
  out.name = "three_w";
  out.fields = units.fields;
  out.fields.push_back({"sector", FieldType::String});
  out.fields.push_back({"partners", FieldType::Integer});
  out.fields.push_back({"names", FieldType::String});
  for (const ThreeWRow& w : r.three_w.rows) {
    std::vector<Value> row = units.values(w.unit);
    row.emplace_back(w.sector);
    row.emplace_back(static_cast<std::int64_t>(w.partners.size()));
    row.emplace_back(joined(w.partners, "; "));
    out.rows.push_back(std::move(row));
  }
  return out;
}

geo::LayerData gaps_table(const CoverageResult& r, const Boundaries& boundaries) {
  const UnitColumns units = admin_columns(boundaries);
  geo::LayerData out;
  out.name = "gaps";
  out.fields.push_back({"rank", FieldType::Integer});
  out.fields.insert(out.fields.end(), units.fields.begin(), units.fields.end());
  for (const char* name : {"issues", "issues_uncovered"}) out.fields.push_back({name, FieldType::Integer});
  out.fields.push_back({"pop_uncovered", FieldType::Real});
  for (const char* name : {"facilities", "facilities_operational", "partners"}) out.fields.push_back({name, FieldType::Integer});
  out.fields.push_back({"nearest_facility_median_m", FieldType::Real});
  out.fields.push_back({"reasons", FieldType::String});
  out.fields.push_back({"explanation", FieldType::String});
  for (std::size_t g = 0; g < r.gaps.size(); ++g) {
    const Gap& gap = r.gaps[g];
    const DistrictCoverage& d = r.units[static_cast<std::size_t>(gap.unit)];
    std::vector<Value> row{static_cast<std::int64_t>(g + 1)};
    for (Value& v : units.values(gap.unit)) row.push_back(std::move(v));
    row.emplace_back(d.issues);
    row.emplace_back(d.issues - d.issues_covered);
    row.push_back(people(d.population - d.population_covered));
    row.emplace_back(d.facilities);
    row.emplace_back(d.facilities_operational);
    row.emplace_back(d.partners);
    row.push_back(metres(d.nearest_median_m));
    row.emplace_back(joined(gap.reasons, ";"));
    row.emplace_back(gap.explanation);
    out.rows.push_back(std::move(row));
  }
  return out;
}

geo::LayerData facility_load_layer(const CoverageResult& r, const Boundaries& boundaries, PointLayerRef facilities) {
  const UnitColumns units = admin_columns(boundaries);
  geo::LayerData out;
  out.name = "facility_load";
  out.geometry = geo::GeometryKind::Point;
  out.fields = {{"id", FieldType::String}, {"type", FieldType::String}, {"status", FieldType::String}};
  out.fields.insert(out.fields.end(), units.fields.begin(), units.fields.end());
  for (const char* name : {"radius_m", "capacity"}) out.fields.push_back({name, FieldType::Real});
  for (const char* name : {"issues_in_reach", "issues_served"}) out.fields.push_back({name, FieldType::Integer});
  out.fields.push_back({"load_share", FieldType::Real});
  if (facilities.layer == nullptr || r.load.served.empty()) return out;
  for (std::size_t f = 0; f < facilities.layer->size(); ++f) {
    if (!std::isfinite(facilities.layer->points[f].x)) continue;  // rejected: no location
    const double capacity = r.load.capacity[f];
    std::vector<Value> row{facility_id(facilities.layer, static_cast<std::int32_t>(f)), text_or_null(r.facilities.type[f]),
                           text_or_null(r.facilities.status[f])};
    for (Value& v : units.values(facilities.join->unit[f])) row.push_back(std::move(v));
    row.push_back(rounded(r.facilities.radius_m[f], 100));
    row.push_back(std::isfinite(capacity) ? Value{capacity} : Value{});
    row.emplace_back(r.load.in_reach[f]);
    row.emplace_back(r.load.served[f]);
    row.push_back(std::isfinite(capacity) ? share(double(r.load.served[f]), capacity) : Value{});
    out.rows.push_back(std::move(row));
    out.points.push_back(facilities.layer->points[f]);
  }
  return out;
}

geo::LayerData suggested_sites_layer(const CoverageResult& r, const Boundaries& boundaries, const CoverageOptions& options) {
  const UnitColumns units = admin_columns(boundaries);
  geo::LayerData out;
  out.name = "suggested_sites";
  out.geometry = geo::GeometryKind::Point;
  out.fields = {{"rank", FieldType::Integer}, {"origin", FieldType::String}, {"id", FieldType::String}, {"name", FieldType::String}};
  out.fields.insert(out.fields.end(), units.fields.begin(), units.fields.end());
  for (const char* name : {"radius_m", "capacity"}) out.fields.push_back({name, FieldType::Real});
  out.fields.push_back({"objective", FieldType::String});
  for (const char* name : {"gain", "covered", "covered_share"}) out.fields.push_back({name, FieldType::Real});
  for (std::size_t i = 0; i < r.sites.picks.size(); ++i) {
    const SitePick& pick = r.sites.picks[i];
    const CandidateSite& site = r.candidates.sites[pick.candidate];
    std::vector<Value> row{static_cast<std::int64_t>(i + 1), site.origin, text_or_null(site.id), text_or_null(site.name)};
    for (Value& v : units.values(site.unit)) row.push_back(std::move(v));
    row.push_back(rounded(site.radius_m, 100));
    row.push_back(std::isinf(site.capacity) ? Value{} : Value{site.capacity});
    row.emplace_back(std::string(to_string(options.sites.objective)));
    if (r.sites.gains_withheld(i)) {
      row.insert(row.end(), 3, Value{});
    } else {
      row.push_back(rounded(pick.gain, 10));
      row.push_back(rounded(pick.covered, 10));
      row.push_back(rounded(pick.share, 10000));
    }
    out.rows.push_back(std::move(row));
    out.points.push_back(site.at);
  }
  return out;
}

std::string exact_check_sentence(const SiteSelection& s) {
  if (!s.exact) return {};
  const ExactCheck& e = *s.exact;
  char text[256];
  if (e.gain && s.gains_withheld_from < s.picks.size())
    return "exact check: figures withheld (new sites' gains are small counts of restricted records)";
  if (!e.gain) {
    std::snprintf(text, sizeof text, "exact check: %s%s%s", e.status.c_str(), e.detail.empty() ? "" : ": ", e.detail.c_str());
    return text;
  }
  double greedy = 0;
  for (const SitePick& p : s.picks) greedy += p.gain;
  const double share = *e.gain > 0 ? 100 * greedy / *e.gain : 100;
  std::snprintf(text, sizeof text, "greedy's %zu sites newly cover %.10g, the best possible %.10g (%.1f %%; exact optimum by GLPK in %.2f s)",
                s.picks.size(), greedy, *e.gain, share, e.seconds);
  return text;
}

nlohmann::json coverage_summary(const CoverageResult& r, const CoverageOptions& options) {
  using nlohmann::json;
  const auto number = [](double v) { return std::isfinite(v) ? json(v) : json(nullptr); };
  json radii = json::object();
  for (const auto& [type, rule] : options.radius_m) {
    if (rule.operational_m) radii[type] = *rule.operational_m;
    else radii[type] = rule.by_status_m;
  }
  const CoverageTotals& t = r.totals;
  json out{{"parameters",
            {{"operational", options.operational},
             {"radius_m", radii},
             {"default_radius_m", options.default_radius_m ? json(*options.default_radius_m) : json(nullptr)},
             {"facility_capacity_field", options.facility_capacity_field.empty() ? json(nullptr) : json(options.facility_capacity_field)},
             {"partner_reach_m", options.partner_reach_m},
             {"disc_vertices", options.disc_vertices},
             {"population", r.population.source.empty() ? json(nullptr) : json(r.population.source)}}},
           {"totals",
            {{"facilities", t.facilities},
             {"facilities_operational", t.operational},
             {"facilities_covering", t.covering},
             {"issues", t.issues},
             {"issues_covered", t.issues_covered},
             {"issues_over_capacity", t.issues_over_capacity},
             {"facility_capacities", r.load.limited},
             {"issues_partner_in_reach", t.issues_partner_in_reach},
             {"nearest_facility_median_m", number(t.nearest_median_m)},
             {"nearest_facility_p90_m", number(t.nearest_p90_m)},
             {"partners", t.partners},
             {"area_km2", t.area_km2},
             {"uncovered_km2", t.uncovered_km2},
             {"population", number(t.population)},
             {"population_covered", number(t.population_covered)},
             {"gaps", r.gaps.size()}}},
           {"warnings", r.warnings}};
  if (options.sites.k > 0) {
    json picks = json::array();
    for (std::size_t i = 0; i < r.sites.picks.size(); ++i) {
      const SitePick& p = r.sites.picks[i];
      const CandidateSite& c = r.candidates.sites[p.candidate];
      const bool withheld = r.sites.gains_withheld(i);
      picks.push_back({{"origin", c.origin}, {"lon", c.at.x}, {"lat", c.at.y}, {"gain", withheld ? json(nullptr) : json(p.gain)},
                       {"covered", withheld ? json(nullptr) : json(p.covered)},
                       {"covered_share", withheld ? json(nullptr) : number(p.share)}});
    }
    out["sites"] = {{"k", options.sites.k},
                    {"objective", to_string(options.sites.objective)},
                    {"candidates", {{"layer", r.candidates.from_layer}, {"partners", r.candidates.from_partners},
                                    {"grid", r.candidates.from_grid}, {"grid_spacing_m", r.candidates.grid_spacing_m}}},
                    {"total", r.sites.total},
                    {"baseline", r.sites.baseline},
                    {"picks", picks},
                    {"optimum_at_most", r.sites.optimum_at_most ? json(*r.sites.optimum_at_most) : json(nullptr)}};
    if (const auto& e = r.sites.exact) {
      const double greedy = r.sites.picks.empty() ? r.sites.baseline : r.sites.picks.back().covered;
      json exact{{"status", e->status}, {"candidates", e->candidates}, {"demand_groups", e->groups},
                 {"seconds", e->seconds}, {"detail", e->detail}};
      if (e->gain && r.sites.gains_withheld_from < r.sites.picks.size()) {
        exact["withheld"] = "figures withheld: picks newly cover fewer records of a restricted layer than min_count";
      } else if (e->gain) {
        const double optimum = r.sites.baseline + *e->gain;
        exact["optimum"] = optimum;
        exact["greedy_share_of_optimum"] = number(optimum > r.sites.baseline ? (greedy - r.sites.baseline) / *e->gain : NAN);
      }
      out["sites"]["exact"] = exact;
    }
  }
  return out;
}

}  // namespace engine::coverage

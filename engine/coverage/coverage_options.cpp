#include "engine/coverage/coverage_options.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "engine/counts.hpp"
#include "engine/error.hpp"
#include "engine/yaml_section.hpp"
#include "geo/vector_reader.hpp"

namespace fs = std::filesystem;

namespace engine::coverage {
namespace {

// Largest radius accepted: a disc must stay far from the poles and the
// antimeridian, and no facility reaches farther on the ground.
constexpr double kMaxRadiusM = 500000;

std::optional<double> optional_number(Section& s, const std::string& key) {
  if (!s.node()[key]) {
    s.take(key);
    return std::nullopt;
  }
  return s.number(key, 0);
}

std::optional<bool> optional_boolean(Section& s, const std::string& key) {
  if (!s.node()[key]) {
    s.take(key);
    return std::nullopt;
  }
  return s.boolean(key, false);
}

std::map<std::string, RadiusRule> read_radius_table(Section& s) {
  std::map<std::string, RadiusRule> table;
  if (!s.node()["radius_m"]) {
    s.take("radius_m");
    return table;
  }
  Section types = s.section("radius_m");
  for (const auto& entry : types.node()) {
    const std::string type = entry.first.as<std::string>();
    RadiusRule rule;
    if (entry.second.IsMap()) {
      Section statuses = types.section(type);
      for (const auto& status : entry.second) {
        const std::string name = status.first.as<std::string>();
        rule.by_status_m[value_slug(name)] = statuses.number(name, 0);
      }
      statuses.finish();
    } else {
      rule.operational_m = types.number(type, 0);
    }
    if (!table.emplace(value_slug(type), rule).second)
      s.fail(entry.first, "'" + s.qualified("radius_m") + "' lists the type '" + type + "' twice",
             "types are compared as lower-case slugs: 'Police Station' and 'police_station' are the same");
  }
  types.finish();
  return table;
}

void read_population(Section& s, const std::string& base_dir, PopulationOptions& p) {
  p.line = s.line();
  p.raster = resolve_path(s.text("raster"), base_dir);
  p.band = s.integer("band", 1);
  p.crs = s.text("crs");
  p.demand_cell_m = s.number("demand_cell_m", 1000);
  s.finish();
}

void read_sites(Section& s, const std::string& base_dir, SiteOptions& o) {
  o.line = s.line();
  o.k = s.integer("k", 0);
  const std::string objective = s.text("objective", "issues");
  if (objective == "issues") o.objective = Objective::Issues;
  else if (objective == "population") o.objective = Objective::Population;
  else s.fail(s.node()["objective"], "'" + s.qualified("objective") + "' is '" + objective + "'", "use issues or population");
  o.type = value_slug(s.text("type", "police_station"));
  o.radius_m = optional_number(s, "radius_m");
  o.capacity = s.number("capacity", 0);
  if (const YAML::Node node = s.node()["candidates"]) {
    Section c = s.section("candidates");
    o.candidates = read_source_spec(c, base_dir);
    if (c.node()["fields"]) {
      Section f = c.section("fields");
      o.candidate_fields.id = f.text("id");
      o.candidate_fields.name = f.text("name");
      o.candidate_fields.type = f.text("type");
      o.candidate_fields.capacity = f.text("capacity");
      f.finish();
    } else {
      c.take("fields");
    }
    c.finish();
  } else {
    s.take("candidates");
  }
  o.partners_as_candidates = optional_boolean(s, "partners_as_candidates");
  o.grid_as_candidates = optional_boolean(s, "grid_as_candidates");
  o.grid_spacing_m = s.number("grid_spacing_m", 5000);
  o.max_candidates = s.integer("max_candidates", 20000);
  o.exact_time_limit_s = s.number("exact_time_limit_s", o.exact_time_limit_s);
  s.finish();
}

}  // namespace

const char* to_string(Objective o) { return o == Objective::Issues ? "issues" : "population"; }

CoverageOptions parse_coverage_options(Section& s, const std::string& base_dir) {
  CoverageOptions o;
  o.line = s.line();
  o.label = s.label();
  o.facilities_layer = s.text("facilities");
  o.partners_layer = s.text("partners");
  o.issues_layer = s.text("issues");
  o.operational = s.list("operational", o.operational);
  for (std::string& status : o.operational) status = value_slug(status);
  o.radius_m = read_radius_table(s);
  o.default_radius_m = optional_number(s, "default_radius_m");
  o.facility_capacity_field = s.text("facility_capacity_field");
  o.partner_reach_m = s.number("partner_reach_m", o.partner_reach_m);
  o.nearest_by_type = s.boolean("nearest_by_type", false);
  o.disc_vertices = s.integer("disc_vertices", o.disc_vertices);
  if (s.node()["population"]) {
    Section p = s.section("population");
    read_population(p, base_dir, o.population);
  } else {
    s.take("population");
  }
  if (s.node()["sites"]) {
    Section p = s.section("sites");
    read_sites(p, base_dir, o.sites);
  } else {
    s.take("sites");
  }
  o.threads = s.integer("threads", 0);
  s.finish();
  o.validate();
  return o;
}

void CoverageOptions::validate() const {
  const Where here{.file = label};
  auto fail = [&](int at, const std::string& problem, const std::string& hint = {}) {
    throw Error((at > 0 ? "line " + std::to_string(at) + ": " : std::string()) + problem, here, hint);
  };
  auto check_radius = [&](double r, const std::string& key) {
    if (!(r >= 0) || r > kMaxRadiusM)
      fail(line, "'" + key + "' must be between 0 and 500,000 metres, not " + std::to_string(r), "0 covers nothing");
  };
  for (const auto& [type, rule] : radius_m) {
    if (rule.operational_m) check_radius(*rule.operational_m, "coverage.radius_m." + type);
    for (const auto& [status, r] : rule.by_status_m) check_radius(r, "coverage.radius_m." + type + "." + status);
  }
  if (default_radius_m) check_radius(*default_radius_m, "coverage.default_radius_m");
  if (!(partner_reach_m >= 0) || partner_reach_m > kMaxRadiusM)
    fail(line, "'coverage.partner_reach_m' must be between 0 and 500,000 metres");
  if (disc_vertices < 16 || disc_vertices > 4096) fail(line, "'coverage.disc_vertices' must be between 16 and 4096");
  if (threads < 0 || threads > 256) fail(line, "'coverage.threads' must be between 0 and 256", "0 = one per core");
  if (population.band < 1) fail(population.line, "'coverage.population.band' must be 1 or more");
  if (!(population.demand_cell_m >= 10) || population.demand_cell_m > 100000)
    fail(population.line, "'coverage.population.demand_cell_m' must be between 10 and 100,000 metres");
  if (!population.crs.empty() && population.raster.empty())
    fail(population.line, "'coverage.population.crs' is set but there is no 'coverage.population.raster'");

  const SiteOptions& s = sites;
  if (s.k < 0 || s.k > 1000) fail(s.line, "'coverage.sites.k' must be between 0 and 1000");
  if (s.radius_m) check_radius(*s.radius_m, "coverage.sites.radius_m");
  if (!(s.capacity >= 0)) fail(s.line, "'coverage.sites.capacity' must be 0 (unlimited) or more");
  if (!(s.grid_spacing_m >= 10) || s.grid_spacing_m > 1e6)
    fail(s.line, "'coverage.sites.grid_spacing_m' must be between 10 and 1,000,000 metres");
  if (!(s.exact_time_limit_s >= 0) || s.exact_time_limit_s > 3600)
    fail(s.line, "'coverage.sites.exact_time_limit_s' must be between 0 (no exact check) and 3600 seconds");
  if (s.max_candidates < 1 || s.max_candidates > 10000000)
    fail(s.line, "'coverage.sites.max_candidates' must be between 1 and 10,000,000");
  if (s.k > 0 && !s.candidates && !s.use_partners() && !s.use_grid())
    fail(s.line, "no candidate sites: no 'coverage.sites.candidates' layer and both partners and the grid are off",
         "give a candidate layer or set partners_as_candidates / grid_as_candidates to true");
  if (s.k > 0 && !s.candidate_fields.type.empty()) return;  // radii come from each candidate's type
  if (s.k > 0 && !site_radius(s.type))
    fail(s.line, "new sites of type '" + s.type + "' have no radius",
         "add '" + s.type + "' to coverage.radius_m, set coverage.sites.radius_m, or choose coverage.sites.type");
}

bool CoverageOptions::is_operational(const std::string& status_slug) const {
  return std::find(operational.begin(), operational.end(), status_slug) != operational.end();
}

std::optional<double> CoverageOptions::radius_for(const std::string& type_slug, const std::string& status_slug) const {
  const auto rule = radius_m.find(type_slug);
  if (rule == radius_m.end()) {
    if (!default_radius_m) return std::nullopt;
    return is_operational(status_slug) ? *default_radius_m : 0.0;
  }
  if (rule->second.operational_m) return is_operational(status_slug) ? *rule->second.operational_m : 0.0;
  const auto by_status = rule->second.by_status_m.find(status_slug);
  return by_status == rule->second.by_status_m.end() ? 0.0 : by_status->second;
}

std::optional<double> CoverageOptions::site_radius(const std::string& type_slug) const {
  if (sites.radius_m) return sites.radius_m;
  const std::string status = operational.empty() ? "operational" : operational.front();
  const auto r = radius_for(type_slug, status);
  if (!r || *r <= 0) return std::nullopt;
  return r;
}

}  // namespace engine::coverage

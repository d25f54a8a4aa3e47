#pragma once
// Options of the coverage analysis and the `coverage:` section of the
// project file that sets them.
//
//   coverage:
//     facilities: facilities        # layer names; DEFAULT: the layer with that role
//     partners: partners
//     issues: issues
//     operational: [operational, rehabilitated]   # statuses that make a facility operational
//     radius_m:                     # coverage radius per facility type, metres
//       police_station: 5000        #   a number: for operational statuses only
//       operations_room: 15000
//       security_department: {operational: 10000, rehabilitated: 10000, damaged: 2000}
//                                   #   a mapping: per status value (others cover nothing)
//     default_radius_m: 3000        # for types missing from radius_m; DEFAULT none (they cover nothing)
//     facility_capacity_field: cap  # field of the facilities layer: the most issues each can serve;
//                                   #   DEFAULT none = unlimited (facility_load.hpp: nearest pair first)
//     partner_reach_m: 10000        # an issue has a partner "within reach" at this distance
//     nearest_by_type: false        # also the nearest operational facility of each type
//     disc_vertices: 128            # vertices of a coverage disc polygon
//     population:
//       raster: worldpop_100m.tif   # people per cell, any CRS; DEFAULT none = the district population field
//       band: 1
//       crs: EPSG:4326              # only for a raster that declares no CRS
//       demand_cell_m: 1000         # uncovered people are pooled in cells this size for site selection
//     sites:
//       k: 5                        # how many new sites to suggest; DEFAULT 0 = none
//       objective: issues           # issues or population
//       type: police_station        # what a new site is: its radius comes from radius_m
//       radius_m: 5000              # or give the radius directly
//       capacity: 0                 # at most this many issues (people) per new site; 0 = unlimited
//       candidates:                 # a point layer of candidate sites; DEFAULT partners + grid
//         source: sites.csv         #   (layer, sql, encoding, crs, x, y, wkt, geopoint as for layers)
//         fields: {id: site_id, name: name, type: type, capacity: capacity}
//       partners_as_candidates: true    # DEFAULT: true without a candidate layer, false with one
//       grid_as_candidates: true        # likewise
//       grid_spacing_m: 5000        # grid of candidates inside uncovered areas
//       max_candidates: 20000       # the grid is coarsened (with a warning) beyond this
//       exact_time_limit_s: 10      # also solve exactly (GLPK) to report greedy's distance from
//                                   #   the optimum; 0 = off (exact_sites.hpp)
//     threads: 0                    # 0 = one per core; results never depend on it
//
// Type and status values are compared as value slugs (engine/counts.hpp):
// "Police Station" and "police_station" are the same type.  Relative paths are
// resolved against the project file's folder.  Keys are strict like every
// other section (yaml_section.hpp).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/project.hpp"

namespace engine {
class Section;
}

namespace engine::coverage {

// The coverage radius of one facility type.
struct RadiusRule {
  // A plain number in the project file: the radius of the type's operational
  // facilities (others cover nothing).
  std::optional<double> operational_m;
  // A mapping: the radius per status slug; statuses not listed cover nothing.
  std::map<std::string, double> by_status_m;
};

struct PopulationOptions {
  // A raster of people per cell (WorldPop style).  DEFAULT: "" = use the
  // finest boundary level's population field, spread evenly over each unit.
  std::string raster;
  int band = 1;             // DEFAULT: 1
  std::string crs;          // DEFAULT: "" = the raster's own; required when it has none
  double demand_cell_m = 1000;  // DEFAULT: 1000; pooling of uncovered people for site selection
  int line = 0;
};

enum class Objective { Issues, Population };
const char* to_string(Objective o);

// Fields of a candidate layer ("" = absent).
struct CandidateFields {
  std::string id, name, type, capacity;
};

struct SiteOptions {
  int k = 0;                               // DEFAULT: 0 = no suggestions
  Objective objective = Objective::Issues;  // DEFAULT: issues
  std::string type = "police_station";     // DEFAULT: police_station
  std::optional<double> radius_m;          // DEFAULT: radius_m[type] for an operational facility
  double capacity = 0;                     // DEFAULT: 0 = unlimited
  std::optional<SourceSpec> candidates;    // DEFAULT: none
  CandidateFields candidate_fields;
  std::optional<bool> partners_as_candidates;  // DEFAULT: !candidates
  std::optional<bool> grid_as_candidates;      // DEFAULT: !candidates
  double grid_spacing_m = 5000;            // DEFAULT: 5000
  int max_candidates = 20000;              // DEFAULT: 20000
  double exact_time_limit_s = 10;          // DEFAULT: 10; 0 = no exact check (exact_sites.hpp)
  int line = 0;

  bool use_partners() const { return partners_as_candidates.value_or(!candidates); }
  bool use_grid() const { return grid_as_candidates.value_or(!candidates); }
};

struct CoverageOptions {
  // Names of the point layers playing each part.  DEFAULT: "" = the
  // project's only layer with role facilities / partners / issues.
  std::string facilities_layer, partners_layer, issues_layer;
  // Status slugs that make a facility operational.
  // DEFAULT: operational, rehabilitated, functional, active, open.
  std::vector<std::string> operational = {"operational", "rehabilitated", "functional", "active", "open"};
  // Coverage radius per facility type slug.  DEFAULT: empty (nothing covers).
  std::map<std::string, RadiusRule> radius_m;
  // Radius of operational facilities whose type is not in radius_m.
  // DEFAULT: none = they cover nothing (and a warning names the type).
  std::optional<double> default_radius_m;
  // Field of the facilities layer holding each facility's capacity in
  // issues.  DEFAULT: "" = unlimited.
  std::string facility_capacity_field;
  double partner_reach_m = 10000;  // DEFAULT: 10000
  bool nearest_by_type = false;    // DEFAULT: false
  int disc_vertices = 128;         // DEFAULT: 128 (disc area 0.04 % short of the circle)
  PopulationOptions population;
  SiteOptions sites;
  int threads = 0;  // DEFAULT: 0 = one per core
  int line = 0;     // of the section, for messages
  std::string label;  // the project file, for messages

  // Throws engine::Error naming the key; touches no file.
  void validate() const;
  bool is_operational(const std::string& status_slug) const;
  // The radius of a facility of this type and status (slugs); nullopt when
  // the type is not in radius_m and there is no default_radius_m.
  std::optional<double> radius_for(const std::string& type_slug, const std::string& status_slug) const;
  // The radius of a new site of `type_slug` (an operational facility).
  std::optional<double> site_radius(const std::string& type_slug) const;
};

// Reads the `coverage:` section (strict keys; relative paths against
// base_dir), calls s.finish() and validates.
CoverageOptions parse_coverage_options(engine::Section& s, const std::string& base_dir);

}  // namespace engine::coverage

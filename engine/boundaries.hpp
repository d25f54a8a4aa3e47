#pragma once
// Administrative boundaries: the levels of the project (governorates,
// districts, sub-districts, ...) loaded, repaired and linked to each other.
//
// Every unit has a unique P-code within its level, a valid polygonal shape
// in WGS84 (invalid input is repaired with GEOS MakeValid and counted), its
// ellipsoidal area, and the index of its parent in the next coarser level.

#include <cmath>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/progress.hpp"
#include "engine/project.hpp"
#include "geo/field.hpp"
#include "geo/geometry.hpp"

namespace engine {

struct AdminUnit {
  std::string code, name_en, name_ar;
  std::int32_t parent = -1;  // index in the next coarser level, -1 for the coarsest
  geo::Geometry shape;
  double area_km2 = 0;
  double population = std::nan("");
  std::int64_t record = 0;  // 1-based record in the source; 0 when built by dissolving
  bool repaired = false;
};

struct AdminLevel {
  AdminLevelSpec spec;
  std::vector<AdminUnit> units;  // in source order (dissolved levels: by P-code)
  // The source's own attributes, one row per unit (empty for dissolved levels).
  std::vector<geo::FieldDef> fields;
  std::vector<std::vector<geo::Value>> attributes;
  std::string source;  // masked source description
  std::string driver, crs, encoding;
  std::int64_t repaired = 0;
  std::vector<std::string> warnings;

  std::int32_t index_of(const std::string& code) const;  // -1 if unknown
  std::unordered_map<std::string, std::int32_t> by_code;
};

struct Boundaries {
  std::vector<AdminLevel> levels;  // coarse to fine, as in the project
  const AdminLevel& finest() const { return levels.back(); }
  // The unit of level `level` that holds finest-level unit `unit` (-1 if none).
  std::int32_t ancestor(std::size_t level, std::int32_t unit) const;
};

// Loads one level from its source (not for dissolved levels).  An empty
// spec.code picks the most detailed ADM<n>_PCODE field, or record numbers.
AdminLevel load_admin_level(const AdminLevelSpec& spec);

// Loads all levels of a project, builds dissolved ones and links parents.
Boundaries load_boundaries(const std::vector<AdminLevelSpec>& specs, Progress& progress);

}  // namespace engine

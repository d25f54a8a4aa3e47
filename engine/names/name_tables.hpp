#pragma once
// The optional tables of name matching, read through geo::VectorReader so
// any GDAL-readable table works (CSV, XLSX, ODS, GeoPackage, PostGIS):
// extra spellings per P-code, and a crosswalk from old to current P-codes.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/names/name_match_options.hpp"

namespace engine::names {

struct Alias {
  std::string code;  // current P-code the spelling belongs to
  std::string name;
  std::int64_t record = 0;  // 1-based row in the alias table
};

struct NameTables {
  std::vector<Alias> aliases;
  std::string aliases_source;
  std::map<std::string, std::string> crosswalk;  // old code -> current code
  std::string crosswalk_source;
};

// Reads the tables the options name (none when their sources are empty).
// Throws engine::Error for a missing field, an empty code, or an old code
// mapped to two different current codes.
NameTables load_name_tables(const NameMatchOptions& options);

}  // namespace engine::names

#pragma once
// The project file: which boundary layers and point layers a run uses, how
// their fields map onto localmap's model, and the run's parameters.
//
// A project file is YAML (see README "Project file" and data/demo/project.yaml):
//
//   project: Demo Region
//   boundaries:              # coarse to fine; the finest level is joined to
//     governorates: {level: 1, source: adm1.gpkg, code: ADM1_PCODE, ...}
//     districts:    {level: 2, source: adm2.gpkg, code: ADM2_PCODE, parent: ADM1_PCODE}
//   layers:
//     issues: {role: issues, source: issues.csv, fields: {category: cat}}
//   join: {snap_m: 500}
//   output: {precision: 7}
//
// Parsing is strict: unknown keys and wrong types are errors that name the
// key and its line.  Relative paths are resolved against the project file's
// folder.
//
// Top-level sections of the analyses (coverage:, coordination:, names:,
// priorities:, report:) are kept unparsed in Project::analyses; each
// analysis reads its own with engine::Section, so it stays as strict.

#include <yaml-cpp/yaml.h>

#include <map>
#include <utility>
#include <string>
#include <vector>

#include "geo/coordinate_columns.hpp"
#include "geo/vector_reader.hpp"

namespace engine {

struct SourceSpec {
  std::string source;    // file path (resolved) or database connection string
  std::string layer;     // "" = the only layer
  std::string sql;       // query instead of a layer
  std::string encoding;  // text encoding override
  std::string crs;       // CRS override
  geo::CoordinateHints coordinates;  // x/y, wkt or geopoint columns for tables
  int line = 0;          // line in the project file, for messages
};

struct AdminLevelSpec {
  std::string name;  // e.g. "districts"; names the output layer
  int level = 0;     // admin level number: 1 = governorate, 2 = district, ...
  SourceSpec source; // empty source when built from a finer level (`from:`)
  std::string from;  // dissolve this finer level by `code` instead of reading a source
  std::string code;  // P-code field (default ADM<level>_PCODE)
  std::string name_en, name_ar;  // name fields (default ADM<level>_EN / _AR)
  std::string parent;            // field holding the parent level's P-code ("" = find spatially)
  std::string population;        // optional numeric field
  // Not in the project file: whether the units' geodesic areas are measured
  // (NaN when not).  `localmap count` shows none, and measuring them is half
  // of loading Yemen's districts.
  bool areas = true;
  int line = 0;
};

// Which source fields play which part in the model ("" = absent).
struct FieldRoles {
  std::string id, name_en, name_ar, type, status, category, date, severity;
};

// Who may see a layer's records (issue 9, data responsibility):
//   public        points exported with the allow-listed fields
//   restricted    only counts per admin unit, small counts suppressed
//                 (the default for reported issues)
//   confidential  used by the analyses, never exported, not even as counts
enum class Sensitivity { Public, Restricted, Confidential };
const char* to_string(Sensitivity s);

struct PointLayerSpec {
  std::string name;  // e.g. "issues"; names the output layer
  std::string role;  // facilities, partners, issues or other
  Sensitivity sensitivity = Sensitivity::Public;
  // Source fields exported besides the ones mapped in `fields` and the admin
  // name/P-code fields: names of people, phone numbers and free text stay
  // out unless listed here.  `export_all_fields` (`export_fields: all`, and
  // `localmap join`, which exports what the user hands it) keeps every field.
  std::vector<std::string> export_fields;
  bool export_all_fields = false;
  SourceSpec source;
  FieldRoles fields;
  std::vector<std::string> count_by;  // roles counted per admin unit (type, status, category)
  // Admin names and P-codes of records without coordinates (matched by
  // engine/names): per boundary level name the fields holding its names,
  // and the fields holding P-codes of any level.
  //   admin_names: {governorates: gov_name, districts: [district_ar, district_en]}
  //   admin_codes: [pcode]
  std::vector<std::pair<std::string, std::vector<std::string>>> admin_names;
  std::vector<std::string> admin_codes;
  bool has_admin_names() const { return !admin_names.empty() || !admin_codes.empty(); }
  // Whether the source field `field` may appear in exports.
  bool exports_field(const std::string& field) const;
  int line = 0;
};

struct JoinSettings {
  double snap_m = 0;  // snap points outside all units within this geodesic distance; 0 = off
};

struct OutputSettings {
  int precision = 7;  // GeoJSON coordinate decimals
  // Counts of restricted layers below this are suppressed in every output
  // (with complementary cells, so no total gives them away).
  int min_count = 5;
};

struct Project {
  std::string path;   // the project file
  std::string title;
  bool synthetic = false;
  std::vector<AdminLevelSpec> levels;  // coarse to fine
  std::vector<PointLayerSpec> layers;
  JoinSettings join;
  OutputSettings output;
  std::string base_dir;  // relative paths in analysis sections are resolved against it
  std::map<std::string, YAML::Node> analyses;  // section name -> its YAML, as written

  // The section of an analysis, or an undefined node when the file has none.
  YAML::Node analysis(const std::string& name) const;

  // Checks consistency before any I/O; throws engine::Error naming the key.
  void validate() const;
  const AdminLevelSpec& finest() const { return levels.back(); }
};

// Reads and validates a project file.
Project load_project(const std::string& path);
// Parses project YAML text; `base_dir` resolves relative paths, `label`
// names the text in messages.
Project parse_project(const std::string& yaml, const std::string& base_dir, const std::string& label);

inline const char* const kRoles[] = {"facilities", "partners", "issues", "activities", "other"};
// The top-level sections that belong to analyses.
inline const char* const kAnalysisSections[] = {"coverage", "coordination", "names", "priorities", "report", "activities"};

// The point layer an analysis uses: `named` (the value of `<section>.<key>`)
// when given, else the only layer of `role` ("" when none has it).  Throws
// when `named` is not a layer, or when several layers have the role; `user`
// names the analysis in the hint ("coverage").
std::string analysis_layer(const Project& project, const std::string& section, const std::string& key,
                           const std::string& named, const std::string& role, const std::string& user);

// How geo::VectorReader reads a source: its layer, sql, encoding and crs.
geo::ReadOptions read_options(const SourceSpec& spec);

class Section;
// A path from a project file: database connections and /vsi paths as given,
// relative paths against base_dir.
std::string resolve_path(const std::string& source, const std::string& base_dir);
// The source keys of a section (source, layer, sql, encoding, crs, and with
// `coordinates` x, y, wkt, geopoint); `source` is required when `required`.
SourceSpec read_source_spec(Section& s, const std::string& base_dir, bool required = true, bool coordinates = true);

}  // namespace engine

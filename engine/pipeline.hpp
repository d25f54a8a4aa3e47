#pragma once
// `localmap run`: the whole pipeline of a project, from loading to exports.
//
//   load boundaries -> load point layers -> join -> count -> analyses
//   (engine/pipeline_analyses.hpp) -> write outputs -> report
//
// Outputs in `out_dir` (each written atomically), or as tables in a PostGIS
// schema when `out_dir` is a PG: connection (engine/postgis_output.hpp):
//   <level>.geojson   one per boundary level (districts.geojson, governorates.geojson, ...)
//   <layer>.geojson   one per point layer, every input record once, with `match`
//   unmatched.geojson every unmatched record of every layer
//   localmap.gpkg     all of the above as layers of one GeoPackage
//   summary.csv       one row per finest-level unit with its counts
//   run.json          inputs, parameters, per-layer accounting, analyses, timings, versions
//   the analyses' layers and tables (uncovered.geojson, gaps.csv, actors.geojson, ...)
//   report.html, map.png   the offline report (engine/report), directory outputs only

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/join.hpp"
#include "engine/progress.hpp"
#include "engine/project.hpp"
#include "geo/atomic_file.hpp"

namespace engine {

struct RunOptions {
  std::string out_dir;
  std::optional<double> snap_m;  // overrides the project's join.snap_m
  // When out_dir is a database (PG:...), the outputs are tables in `schema`
  // (engine/postgis_output.hpp); a run waits up to lock_wait_s for another
  // run writing the same schema.
  std::string schema;
  double lock_wait_s = 60;
  // Restricted layers whose points may be exported all the same
  // (engine/disclosure.hpp); recorded in run.json.
  std::vector<std::string> allow_precise;
  void validate() const;
};

struct LevelOutcome {
  std::string name, source, driver, crs, encoding;
  std::size_t units = 0;
  std::int64_t repaired = 0;
  std::vector<std::string> warnings;
};

// Rejections of one kind ("latitude '…' is not a number") with a first example.
struct RejectionKind {
  std::string kind;
  std::int64_t count = 0;
  std::string example;          // the first such reason in full
  std::int64_t example_record = 0;
};

struct LayerOutcome {
  std::string name, role, source, driver, crs, encoding, located_by;
  bool hxl_tags = false;
  JoinCounts counts;
  std::vector<std::string> warnings;
  std::vector<RejectionKind> rejections;  // by kind, sorted
};

struct RunSummary {
  std::string project, title;
  bool synthetic = false;
  double snap_m = 0;
  int precision = 7;
  std::string out_dir;
  std::vector<LevelOutcome> levels;
  std::vector<LayerOutcome> layers;
  std::vector<std::pair<std::string, double>> timings_s;  // step -> seconds
  std::vector<std::string> outputs;                       // files written
  nlohmann::json analyses = nlohmann::json::object();     // run.json members of the analyses
  nlohmann::json release = nlohmann::json::object();      // what left the run of each layer (engine/disclosure.hpp)
  std::vector<std::string> analysis_lines;                // their summary for the terminal
  geo::StaleCleanup stale;  // what killed runs had left in the output folder
};

RunSummary run_project(const Project& project, const RunOptions& options, Progress& progress);

// Creates `dir` if needed and proves it is writable, before any work.
void prepare_output_directory(const std::string& dir);

}  // namespace engine

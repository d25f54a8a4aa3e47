#pragma once
// The analyses of `localmap run`.  Every analysis whose section the project
// file has (coverage:, coordination:, activities:, priorities:, in that
// order: activities read the coverage gap and the coordination actors, the
// priority index reads the others' per-unit tables) runs on the layers the pipeline has
// already loaded and joined, and hands back what the pipeline writes:
// columns for the finest level's layer, columns for point layers, further
// layers and tables, text files, and its part of run.json.

#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

#include "engine/boundaries.hpp"
#include "engine/disclosure.hpp"
#include "engine/join.hpp"
#include "engine/point_layer.hpp"
#include "engine/progress.hpp"
#include "engine/project.hpp"
#include "engine/unit_table.hpp"
#include "geo/vector_writer.hpp"

namespace engine {

// What the pipeline has before the analyses run.
struct JoinedProject {
  const Project& project;
  const Boundaries& boundaries;
  const AdminIndex& index;
  const std::vector<PointLayer>& layers;  // in project order
  const std::vector<LayerJoin>& joins;    // one per layer
  double snap_m = 0;
  std::vector<std::string> allow_precise = {};  // --allow-precise: layers whose records leave as they are
};

struct AnalysisOutputs {
  std::vector<UnitTable> unit_columns;  // appended to the finest level's layer and to summary.csv
  // Fields for the coarser levels' layers (governorates, ...): level index -> table.
  std::vector<std::pair<std::size_t, UnitTable>> level_columns;
  // Further outputs: layers with geometry become <name>.geojson, tables
  // without it <name>.csv; all of them are GeoPackage layers or PostGIS tables.
  std::vector<geo::LayerData> layers;
  std::vector<std::pair<std::string, std::string>> files;  // file name -> content (directory outputs only)
  nlohmann::json report = nlohmann::json::object();        // run.json members, one per analysis
  std::vector<std::string> summary_lines;                  // for the terminal
  // Values computed from a point layer's records, withheld wherever that
  // layer's counts are (engine/disclosure.hpp).  Unlisted outputs are taken
  // to use no restricted records: each analysis lists what it derives.
  std::vector<RecordUse> record_uses;
};

// Parses and validates every analysis section the project has, touching no
// data, so a wrong key stops a run before any loading.
void check_analysis_sections(const Project& project);

// Places records without coordinates by their admin names and P-codes
// (engine/names/layer_names.hpp) in the layers that name such fields, with
// the project's `names:` options.  Call after the spatial join.
void match_admin_names(const Project& project, const Boundaries& boundaries, const std::vector<PointLayer>& layers,
                       std::vector<LayerJoin>& joins, Progress& progress);

// The coverage outputs computed from the records of the layer `issues`.
std::vector<RecordUse> coverage_record_uses(const std::string& issues, int min_count);

// Every point layer of the project loaded, joined (with join.snap_m) and
// placed by admin names: what `localmap run` does before its analyses, for
// the verbs that run one analysis alone.
struct JoinedLayers {
  std::vector<PointLayer> layers;
  std::vector<LayerJoin> joins;
};
JoinedLayers load_and_join_layers(const Project& project, const Boundaries& boundaries, const AdminIndex& index,
                                  Progress& progress);

// Runs the analyses the project names.  `point_outputs` are the joined
// point layers as the pipeline will write them, in project order (empty, no
// rows, for layers not released as points); analyses may append columns to them.
AnalysisOutputs run_analyses(const JoinedProject& joined, std::vector<geo::LayerData>& point_outputs, Progress& progress);

}  // namespace engine

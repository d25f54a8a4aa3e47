#pragma once
// The outputs of an earlier `localmap run`, read back from its directory for
// the report: run.json (title, levels, point layers and their roles), the
// finest and the next coarser boundary layer, the point layers that may be
// shown, and any analysis outputs of the overlay catalogue.
//
// Everything is read through geo::VectorReader, so the report sees exactly
// what a GIS user opening the same files sees.

#include <optional>
#include <string>
#include <vector>

#include "engine/report/overlay_catalog.hpp"
#include "geo/vector_writer.hpp"

namespace engine::report {

struct BoundaryOutput {
  std::string name;  // "districts"
  int level = -1;    // k of the ADM<k>_* fields of this layer
  geo::LayerData layer;
  std::string code_field() const { return "ADM" + std::to_string(level) + "_PCODE"; }
  std::string name_en_field() const { return "ADM" + std::to_string(level) + "_EN"; }
  std::string name_ar_field() const { return "ADM" + std::to_string(level) + "_AR"; }
};

struct PointOutput {
  std::string name, role;
  geo::LayerData layer;  // only records matched or snapped to a unit
  // Fields that play a role, "" when absent: from the names the model gives
  // them (type/sector, status, name_en, name_ar, id).
  std::string type_field, status_field, name_en_field, name_ar_field;
};

struct OverlayOutput {
  OverlaySpec spec;
  std::string file;
  geo::LayerData layer;
};

// An indicator of the priority index as run.json records it.
struct IndicatorInfo {
  std::string name, direction, normalisation;  // direction "higher" or "lower"
  double weight = 0;
};

struct RunOutputs {
  std::string dir;
  std::string title;
  bool synthetic = false;
  std::string project_file;  // as recorded in run.json
  BoundaryOutput units;      // the finest level: the choropleth
  std::vector<BoundaryOutput> coarser;  // outlines, next coarser first
  std::vector<std::string> layer_names, layer_roles;  // every point layer of the run
  std::vector<PointOutput> points;      // facilities, partners; issues only when asked for
  std::vector<OverlayOutput> overlays;  // in catalogue order
  // The priorities analysis's tables, when the run wrote them (a project with
  // a `priorities:` section); every cell is text, as in the CSV file.
  std::optional<geo::LayerData> priorities;   // priorities.csv
  std::optional<geo::LayerData> action_plan;  // action_plan.csv
  std::vector<IndicatorInfo> indicators;      // run.json priorities.indicators (may be empty)
  int top_k = 0;                              // run.json priorities.parameters.sensitivity_top_k (0 = unknown)
};

// Reads a run directory.  `with_issue_points` also reads the point layers of
// role issues (sensitive: individual reports).  Throws engine::Error naming
// the file when run.json or a boundary layer is missing or unreadable.
RunOutputs read_run_outputs(const std::string& dir, bool with_issue_points);

// Reads any vector file into memory (WGS84).
geo::LayerData read_layer_file(const std::string& path, const std::string& name);

}  // namespace engine::report

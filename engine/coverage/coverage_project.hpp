#pragma once
// What `localmap coverage` (and the pipeline) need besides the project's own
// layers: the `coverage:` section, which project layers play facilities,
// partners and issues, the candidate layer, and the study area's extent.

#include <optional>
#include <string>

#include "engine/boundaries.hpp"
#include "engine/coverage/coverage_options.hpp"
#include "engine/join.hpp"
#include "engine/point_layer.hpp"
#include "engine/progress.hpp"
#include "engine/project.hpp"

namespace engine::coverage {

struct CoverageProject {
  Project project;
  CoverageOptions options;
  bool has_section = false;  // the file has a `coverage:` section
};

// The project's `coverage:` section parsed by parse_coverage_options
// (defaults when the project has none).
CoverageOptions coverage_options(const Project& project);

// Reads a project file with an optional top-level `coverage:` section.
CoverageProject load_coverage_project(const std::string& path);
CoverageProject parse_coverage_project(const std::string& yaml, const std::string& base_dir, const std::string& label);

struct CoverageLayerNames {
  std::string facilities, partners, issues;  // "" = the project has none
};

// The layers named in the options, else the project's only layer with each
// role.  Throws engine::Error for a name that is not a layer, or for two
// layers with one role and no name to choose.
CoverageLayerNames coverage_layer_names(const Project& project, const CoverageOptions& options);

struct JoinedPointLayer {
  PointLayer layer;
  LayerJoin join;
};

// Loads options.sites.candidates (if any) and joins it to the finest level
// (no snapping: a candidate outside every unit is left out with a warning).
std::optional<JoinedPointLayer> load_candidate_layer(const CoverageOptions& options, const AdminIndex& index,
                                                     Progress& progress);

// The WGS84 extent of a level's units.
geo::Envelope study_area(const AdminLevel& level);

}  // namespace engine::coverage

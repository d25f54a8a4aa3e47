#pragma once
// Option groups shared by several verbs, so every verb spells them the same.

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "engine/project.hpp"

namespace localmap_cli {

// --quiet and whether to draw progress.
struct Chatter {
  bool quiet = false;
  void add_to(CLI::App& command);
  bool show_progress() const;  // a terminal on stderr and not --quiet
};

// How to read one input: source, layer and the reading overrides.  `prefix`
// distinguishes several inputs ("points-" gives --points-layer, ...).
struct InputOptions {
  engine::SourceSpec spec;
  void add_to(CLI::App& command, const std::string& name, const std::string& prefix, const std::string& what,
              bool coordinates);
};

// The options of the verbs that put one point layer on one polygon layer
// (join, count): --polygons, --code-field, --points, -o/--out, --snap-m,
// --precision, and the layer specs they make.
struct PointsOnPolygons {
  InputOptions polygons, points;
  std::string code_field, out;
  double snap_m = 0;
  int precision = 7;
  // `formats`: what --out takes, e.g. ".geojson, .gpkg or .csv".
  void add_to(CLI::App& command, const std::string& formats);
  void validate() const;  // snap distance, output format, precision; reads no file
  engine::AdminLevelSpec polygon_spec(const std::string& name) const;
  // Named after the file, role "other".
  engine::PointLayerSpec point_spec() const;
};

// --allow-precise LAYER: restricted layers exported as points all the same
// (engine/disclosure.hpp).
struct PreciseLayers {
  std::vector<std::string> layers;
  void add_to(CLI::App& command);
};

}  // namespace localmap_cli

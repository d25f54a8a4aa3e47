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

// --allow-precise LAYER: restricted layers exported as points all the same
// (engine/disclosure.hpp).
struct PreciseLayers {
  std::vector<std::string> layers;
  void add_to(CLI::App& command);
};

}  // namespace localmap_cli

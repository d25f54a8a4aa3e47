#pragma once
// Reading a project file for `localmap graph`: the project itself
// (boundaries, join, output: engine/project.hpp) and its `coordination:`
// section (coordination_options.hpp).

#include <string>

#include "engine/coordination/coordination_options.hpp"
#include "engine/project.hpp"

namespace engine::coordination {

struct CoordinationProject {
  Project project;
  CoordinationOptions options;
};

// The project's `coordination:` section; throws engine::Error naming file,
// line and key, and with a hint when the project has no such section.
CoordinationOptions coordination_options(const Project& project);

// Throws engine::Error naming file, line and key; a project without a
// `coordination:` section is an error with a hint.
CoordinationProject load_coordination_project(const std::string& path);
CoordinationProject parse_coordination_project(const std::string& yaml, const std::string& base_dir,
                                               const std::string& label);

}  // namespace engine::coordination

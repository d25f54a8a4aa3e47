#include "engine/coordination/coordination_project.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/error.hpp"
#include "engine/yaml_section.hpp"

namespace fs = std::filesystem;

namespace engine::coordination {

CoordinationOptions coordination_options(const Project& project) {
  const YAML::Node node = project.analysis("coordination");
  if (!node)
    throw Error("the project has no 'coordination:' section", {.file = project.path},
                "add one naming the actors and links tables; see data/demo/project.yaml");
  Section section(node, "coordination", project.path);
  return parse_coordination_options(section, project.base_dir);
}

CoordinationProject parse_coordination_project(const std::string& yaml, const std::string& base_dir,
                                               const std::string& label) {
  CoordinationProject p;
  p.project = parse_project(yaml, base_dir, label);
  p.options = coordination_options(p.project);
  return p;
}

CoordinationProject load_coordination_project(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error("cannot read the project file", {.file = path}, "check the path");
  std::stringstream text;
  text << in.rdbuf();
  return parse_coordination_project(text.str(), fs::absolute(path).parent_path().string(), path);
}

}  // namespace engine::coordination

#include "engine/coverage/coverage_project.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/error.hpp"
#include "engine/yaml_section.hpp"

namespace fs = std::filesystem;

namespace engine::coverage {

CoverageOptions coverage_options(const Project& project) {
  CoverageOptions options;
  const YAML::Node node = project.analysis("coverage");
  if (node) {
    Section section(node, "coverage", project.path);
    options = parse_coverage_options(section, project.base_dir);
  }
  options.label = project.path;
  return options;
}

CoverageProject parse_coverage_project(const std::string& yaml, const std::string& base_dir, const std::string& label) {
  CoverageProject out{parse_project(yaml, base_dir, label), {}, false};
  out.has_section = bool(out.project.analysis("coverage"));
  out.options = coverage_options(out.project);
  return out;
}

CoverageProject load_coverage_project(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error("cannot read the project file", {.file = path}, "check the path");
  std::stringstream text;
  text << in.rdbuf();
  return parse_coverage_project(text.str(), fs::absolute(path).parent_path().string(), path);
}

CoverageLayerNames coverage_layer_names(const Project& project, const CoverageOptions& options) {
  auto pick = [&](const std::string& named, const std::string& role, const std::string& key) {
    return analysis_layer(project, "coverage", key, named, role, "coverage");
  };
  return {pick(options.facilities_layer, "facilities", "facilities"), pick(options.partners_layer, "partners", "partners"),
          pick(options.issues_layer, "issues", "issues")};
}

std::optional<JoinedPointLayer> load_candidate_layer(const CoverageOptions& options, const AdminIndex& index,
                                                     Progress& progress) {
  if (!options.sites.candidates) return std::nullopt;
  PointLayerSpec spec;
  spec.name = "candidates";
  spec.role = "other";
  spec.source = *options.sites.candidates;
  spec.fields.id = options.sites.candidate_fields.id;
  spec.fields.name_en = options.sites.candidate_fields.name;
  spec.fields.type = options.sites.candidate_fields.type;
  spec.line = options.sites.candidates->line;
  JoinedPointLayer out{load_point_layer(spec), {}};
  const std::string& capacity = options.sites.candidate_fields.capacity;
  if (!capacity.empty()) {
    bool found = false;
    for (const auto& f : out.layer.fields) found = found || f.name == capacity;
    if (!found)
      throw Error("no field '" + capacity + "' (coverage.sites.candidates.fields.capacity)",
                  {.file = out.layer.source, .layer = spec.name, .field = capacity}, "give a numeric field or leave capacity out");
  }
  out.join = join_layer(index, out.layer, JoinOptions{0}, progress);
  return out;
}

geo::Envelope study_area(const AdminLevel& level) {
  geo::Envelope e;
  for (const AdminUnit& u : level.units) e.expand(u.shape.envelope());
  return e;
}

}  // namespace engine::coverage

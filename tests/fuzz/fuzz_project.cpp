// Fuzz target: the project file, through every check `localmap run` makes
// before loading any data: engine::parse_project (YAML, strict keys and
// types, validate()), each analysis section's strict parser
// (engine::check_analysis_sections) and the report section.
//
// Every problem with a project file must come out as engine::Error, naming
// the key and line; a YAML::Exception, std::exception or crash escaping is a bug.

#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/error.hpp"
#include "engine/pipeline_analyses.hpp"
#include "engine/project.hpp"
#include "engine/report/report_options.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string yaml(reinterpret_cast<const char*>(data), size);
  try {
    // No file is read: relative sources only get resolved against base_dir.
    const engine::Project project = engine::parse_project(yaml, "/nonexistent/fuzz", "fuzz.yaml");
    engine::check_analysis_sections(project);
    engine::report::report_options(project.analysis("report"), project.path).validate();
  } catch (const engine::Error&) {
    // A wrong project file, reported to the user with its key and line.
  }
  return 0;
}

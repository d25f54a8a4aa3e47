#pragma once
// A small hand-made project for the activities tests: four square
// districts in two governorates (dissolved from the districts), known
// populations and issues, two facilities, and an activities table whose
// totals are worked out by hand in the tests.  Optionally a coordination
// network whose actors make some partners women- or youth-led.
//
//   districts (0.5 degree squares from 10E 10N)   population  issues  rate/10k
//     ZZ0101 Alpha   (10.0-10.5, 10.0-10.5)  G1    10,000      10      10
//     ZZ0102 Bravo   (10.5-11.0, 10.0-10.5)  G1    20,000      10       5
//     ZZ0203 Charlie (10.0-10.5, 10.5-11.0)  G2    40,000       0       0
//     ZZ0204 Delta   (10.5-11.0, 10.5-11.0)  G2    10,000       1       1

#include <filesystem>
#include <string>
#include <vector>

#include "engine/activities/activities.hpp"
#include "engine/boundaries.hpp"
#include "engine/join.hpp"
#include "engine/pipeline_analyses.hpp"
#include "engine/point_layer.hpp"
#include "engine/project.hpp"

namespace activities_testing {

// The fixture's activities table (see fixture.cpp for the rows and what
// each is for).
extern const char* const kActivitiesCsv;

// Writes the boundaries, facilities, issues (and actors/links) into `dir`,
// `activities_csv` as activities.csv, and project.yaml with `activities`
// as the body of the activities: section (indented by the caller).
// With `network`, a coordination: section is added.
std::filesystem::path write_project(const std::filesystem::path& dir, const std::string& activities_csv,
                                    const std::string& activities_section, bool network = false);

// A project loaded and joined as `localmap run` does it.
struct Loaded {
  engine::Project project;
  engine::Boundaries boundaries;
  std::unique_ptr<engine::AdminIndex> index;
  std::vector<engine::PointLayer> layers;
  std::vector<engine::LayerJoin> joins;
  const engine::PointLayer* layer(const std::string& name) const;
  const engine::LayerJoin* join(const std::string& name) const;
};
std::unique_ptr<Loaded> load(const std::filesystem::path& project_file);

// compute_activities on a loaded project (no coverage, no network).
engine::activities::ActivitiesResult compute(const Loaded& loaded);
// Every analysis of the project, as `localmap run` runs them.
engine::AnalysisOutputs run_all(const Loaded& loaded);

// A table of the outputs by name; fails the test when it is missing.
const geo::LayerData& table(const engine::AnalysisOutputs& outputs, const std::string& name);
// The text of a value ("" for null).
std::string cell(const geo::LayerData& table, std::size_t row, const std::string& field);
// Rows whose fields equal the given texts.
std::vector<std::size_t> rows_where(const geo::LayerData& table, const std::vector<std::pair<std::string, std::string>>& match);

}  // namespace activities_testing

// The priorities analysis on the synthetic demo project (data/demo), the way
// the pipeline calls it: load the finest level and the issues layer, join,
// build IssueRecords, run, and build every output.  Uses the project's own
// `priorities:` section when it has one, else the example section below.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <set>

#include "engine/boundaries.hpp"
#include "engine/counts.hpp"
#include "engine/join.hpp"
#include "engine/point_layer.hpp"
#include "engine/priorities/priorities.hpp"
#include "engine/priorities/priorities_outputs.hpp"
#include "engine/project.hpp"
#include "engine/yaml_section.hpp"
#include "support/test_support.hpp"

using namespace engine::priorities;

namespace {

const char* kExample = R"(
priorities:
  drivers: {fdr: 0.1, top: 3}
  periods:
    baseline: [2023-01-01, 2023-12-31]
    review: [2024-01-01, 2024-12-31]
  hotspots: {weights: queen, tolerance_m: 100, permutations: 999, seed: 2022}
  index:
    normalisation: min-max
    indicators:
      issue_rate: 0.4
      severity_rate: 0.2
      rising_drivers: 0.2
      hotspot_z: 0.2
  sensitivity: {draws: 1000, concentration: 50, top_k: 5, seed: 2022}
)";

}  // namespace

TEST(PrioritiesDemo, RunsOnTheDemoProject) {
  const auto project = engine::load_project(testing_support::source_path("data/demo/project.yaml"));
  const engine::AdminLevel level = engine::load_admin_level(project.finest());
  const engine::PointLayerSpec* spec = nullptr;
  for (const auto& l : project.layers)
    if (l.role == "issues") spec = &l;
  ASSERT_NE(spec, nullptr);
  const engine::PointLayer issues_layer = engine::load_point_layer(*spec);
  engine::AdminIndex index(level);
  engine::JoinOptions join_options;
  join_options.snap_m = project.join.snap_m;
  engine::SilentProgress progress;
  const engine::LayerJoin join = engine::join_layer(index, issues_layer, join_options, progress);

  // Built-in indicators only: the demo's own section also names coverage and
  // coordination columns, which the full run supplies
  // (tests/e2e/analyses_run_test.cpp).
  YAML::Node root = YAML::Load(kExample);
  engine::Section top(root, "", "example");
  engine::Section s = top.section("priorities");
  const PrioritiesOptions options = parse_priorities_options(s, project.base_dir);

  const IssueRecords issues = issue_records(issues_layer, join);
  ASSERT_EQ(issues.size(), issues_layer.size());
  const PrioritiesResult r = compute_priorities(level, issues, {}, {}, options);
  // Every placed record counted once; unmatched and rejected ones reported.
  EXPECT_EQ(r.issues_total, join.counts.matched + join.counts.snapped + join.counts.name_matched);
  EXPECT_EQ(r.issues_outside, join.counts.unmatched + join.counts.rejected);
  std::set<std::string> categories;
  for (std::size_t k = 0; k < issues.size(); ++k)
    if (issues.unit[k] >= 0) categories.insert(engine::value_slug(issues.category[k]));
  EXPECT_EQ(std::vector<std::string>(categories.begin(), categories.end()), r.categories);
  EXPECT_TRUE(r.has_population);
  EXPECT_TRUE(r.has_severity);
  EXPECT_TRUE(r.has_periods);
  EXPECT_EQ(r.hotspot_variable, "issues_per_10k");
  for (std::size_t i = 0; i < level.units.size(); ++i) {
    double s = 0;
    for (const auto& ind : r.index.indicators) s += ind.contribution[i];
    EXPECT_NEAR(s, r.index.score[i], 1e-12);
  }
  const auto plan = action_plan_table(r, level);
  EXPECT_EQ(plan.size(), level.units.size());
  const auto dir = testing_support::scratch_dir();
  geo::write_layer((dir / "drivers.csv").string(), drivers_table(r, level));
  geo::write_layer((dir / "hotspots.geojson").string(), hotspots_layer(r, level));
  geo::write_layer((dir / "priorities.csv").string(), priorities_table(r, level));
  geo::write_layer((dir / "action_plan.csv").string(), plan);
  const auto sum = summarise(r);
  std::cout << "demo: " << sum.units << " districts, " << sum.links << " links, " << sum.islands << " islands, "
            << sum.drivers << " drivers, " << sum.rising << " rising, " << sum.hot << " hot, " << sum.cold
            << " cold, " << sum.unstable << " unstable; outputs in " << dir.string() << "\n";
  for (const auto& w : r.warnings) std::cout << "warning: " << w << "\n";
}

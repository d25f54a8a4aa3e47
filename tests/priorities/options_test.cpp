// The `priorities:` section: defaults from an empty section, a full example,
// strict keys and clear errors.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "engine/error.hpp"
#include "engine/priorities/priorities_options.hpp"
#include "engine/project.hpp"
#include "engine/yaml_section.hpp"

using namespace engine::priorities;

namespace {

PrioritiesOptions parse(const std::string& yaml) {
  const YAML::Node root = YAML::Load(yaml);
  engine::Section top(root, "", "p.yaml");
  engine::Section s = top.section("priorities");
  return parse_priorities_options(s, "/tmp");
}

std::string error_of(const std::string& yaml) {
  try {
    parse(yaml);
  } catch (const engine::Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(PrioritiesOptions, EmptySectionGivesDefaults) {
  const auto o = parse("priorities: {}\n");
  EXPECT_EQ(o.drivers.fdr, 0.05);
  EXPECT_EQ(o.hotspots.permutations, 999);
  EXPECT_EQ(o.hotspots.weights, WeightsKind::Queen);
  EXPECT_EQ(o.hotspots.tolerance_m, 100);
  EXPECT_FALSE(o.periods.baseline.has_value());
  EXPECT_TRUE(o.index.indicators.empty());
  EXPECT_EQ(o.sensitivity.draws, 1000);
  EXPECT_EQ(o.index.tiers, (std::vector<double>{0.2, 0.5}));
}

TEST(PrioritiesOptions, FullExample) {
  const auto o = parse(R"(
priorities:
  drivers: {fdr: 0.1, categories: [Drugs, "Women's safety"], top: 2}
  periods:
    baseline: [2023-01-01, 2023-12-31]
    review: [2024-01-01, 2024-06-30]
    fdr: 0.1
  hotspots: {weights: distance_band, band_m: 40000, permutations: 499, seed: 7, fdr: true, p: analytic, variable: count}
  index:
    normalisation: rank
    indicators:
      issue_rate: 0.5
      partners: {weight: 0.2, direction: lower}
      displaced_share: {weight: 0.3, normalisation: z-score}
    tiers: [0.1, 0.4]
  sensitivity: {draws: 200, concentration: 20, top_k: 5, seed: 9}
  action_plan: {units: 15}
  threads: 2
)");
  EXPECT_EQ(o.drivers.categories, (std::vector<std::string>{"drugs", "women_s_safety"}));
  EXPECT_EQ(o.periods.review->text(), "2024-01-01..2024-06-30");
  EXPECT_EQ(o.periods.review->to - o.periods.review->from, 181);
  EXPECT_EQ(o.hotspots.weights, WeightsKind::DistanceBand);
  EXPECT_EQ(o.hotspots.band_m, 40000);
  EXPECT_EQ(o.hotspots.seed, 7u);
  EXPECT_EQ(o.hotspots.p, PSource::Analytic);
  ASSERT_EQ(o.index.indicators.size(), 3u);
  EXPECT_EQ(o.index.indicators[0].name, "issue_rate");
  EXPECT_EQ(o.index.indicators[0].weight, 0.5);
  EXPECT_EQ(o.index.indicators[1].direction, Direction::Lower);
  EXPECT_EQ(o.index.indicators[2].normalisation, Normalisation::ZScore);
  EXPECT_EQ(o.index.normalisation, Normalisation::Rank);
  EXPECT_EQ(o.sensitivity.top_k, 5);
  EXPECT_EQ(o.action_plan.units, 15);
}

TEST(PrioritiesOptions, StrictAndClearErrors) {
  EXPECT_NE(error_of("priorities:\n  hotspots: {permutation: 99}\n").find("unknown key 'priorities.hotspots.permutation'"),
            std::string::npos)
      << error_of("priorities:\n  hotspots: {permutation: 99}\n");
  EXPECT_NE(error_of("priorities:\n  index:\n    indicators: {issues: -1}\n").find("weights must be >= 0"), std::string::npos);
  EXPECT_NE(error_of("priorities:\n  index:\n    indicators: {issues: 0, drivers: 0}\n").find("sum to 0"), std::string::npos);
  EXPECT_NE(error_of("priorities:\n  periods: {baseline: [2023-01-01, 2023-13-01], review: [2024-01-01, 2024-02-01]}\n")
                .find("not a date"),
            std::string::npos);
  EXPECT_NE(error_of("priorities:\n  periods: {review: [2024-01-01, 2024-02-01]}\n").find("needs both"), std::string::npos);
  EXPECT_NE(error_of("priorities:\n  periods: {baseline: [2024-03-01, 2024-02-01], review: [2024-01-01, 2024-02-01]}\n")
                .find("ends before it starts"),
            std::string::npos);
  EXPECT_NE(error_of("priorities:\n  hotspots: {weights: distance_band}\n").find("band_m"), std::string::npos);
  EXPECT_NE(error_of("priorities:\n  hotspots: {weights: rook}\n").find("use queen or distance_band"), std::string::npos);
  EXPECT_NE(error_of("priorities:\n  index: {normalisation: log}\n").find("min-max, rank or z-score"), std::string::npos);
  EXPECT_NE(error_of("priorities:\n  index:\n    indicators: {partners: {direction: down}}\n").find("use higher"),
            std::string::npos);
  EXPECT_NE(error_of("priorities:\n  sensitivity: {concentration: 0}\n").find("concentration"), std::string::npos);
  EXPECT_NE(error_of("priorities:\n  index: {tiers: [0.5, 0.2]}\n").find("increasing"), std::string::npos);
}

TEST(PrioritiesOptions, Dates) {
  EXPECT_EQ(*parse_date("1970-01-01"), 0);
  EXPECT_EQ(*parse_date("2024-03-01") - *parse_date("2024-02-28"), 2);  // leap year
  EXPECT_EQ(*parse_date("2024/03/01"), *parse_date("2024-03-01"));
  EXPECT_EQ(*parse_date("2024-03-01T10:00:00"), *parse_date("2024-03-01"));
  EXPECT_FALSE(parse_date("2023-02-29"));
  EXPECT_FALSE(parse_date("01/03/2024"));
  EXPECT_EQ(format_date(*parse_date("2031-12-31")), "2031-12-31");
}

TEST(PrioritiesOptions, FromAProject) {
  const std::string base = R"(
boundaries:
  districts: {source: d.gpkg}
layers:
  issues: {source: i.csv}
)";
  auto project = engine::parse_project(base, "/tmp", "p.yaml");
  EXPECT_EQ(priorities_options(project).hotspots.permutations, 999);  // no section
  project = engine::parse_project(base + "priorities:\n", "/tmp", "p.yaml");
  EXPECT_EQ(priorities_options(project).sensitivity.draws, 1000);  // empty section
  project = engine::parse_project(base + "priorities:\n  sensitivity: {draws: 10}\n", "/tmp", "p.yaml");
  const auto o = priorities_options(project);
  EXPECT_EQ(o.sensitivity.draws, 10);
  EXPECT_EQ(o.label, "p.yaml");
  project = engine::parse_project(base + "priorities:\n  sensitivity: {top_k: 0}\n", "/tmp", "p.yaml");
  try {
    priorities_options(project);
    FAIL() << "expected an error";
  } catch (const engine::Error& e) {
    EXPECT_NE(std::string(e.what()).find("p.yaml"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("top_k"), std::string::npos) << e.what();
  }
}

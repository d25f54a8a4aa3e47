#include "engine/project.hpp"

#include <gtest/gtest.h>

#include "engine/error.hpp"

namespace {

const char* kMinimal = R"(project: Test
boundaries:
  districts:
    source: adm2.gpkg
layers:
  issues:
    source: issues.csv
    fields: {category: cat}
)";

std::string error_of(const std::string& yaml) {
  try {
    engine::parse_project(yaml, "/base", "p.yaml");
  } catch (const engine::Error& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Project, DefaultsFollowCodAbAndRoles) {
  const engine::Project p = engine::parse_project(kMinimal, "/base", "p.yaml");
  ASSERT_EQ(p.levels.size(), 1u);
  EXPECT_EQ(p.levels[0].level, 2);
  EXPECT_EQ(p.levels[0].code, "ADM2_PCODE");
  EXPECT_EQ(p.levels[0].name_ar, "ADM2_AR");
  EXPECT_EQ(p.levels[0].source.source, "/base/adm2.gpkg");  // relative to the project file
  ASSERT_EQ(p.layers.size(), 1u);
  EXPECT_EQ(p.layers[0].role, "issues");  // named after a role
  EXPECT_EQ(p.layers[0].count_by, std::vector<std::string>{"category"});
  EXPECT_EQ(p.join.snap_m, 0);
  EXPECT_EQ(p.output.precision, 7);
}

TEST(Project, DatabaseSourcesAreNotPaths) {
  const std::string yaml = "boundaries:\n  districts:\n    source: 'PG:dbname=gis'\n    layer: adm2\n";
  EXPECT_EQ(engine::parse_project(yaml, "/base", "p.yaml").levels[0].source.source, "PG:dbname=gis");
}

TEST(Project, UnknownKeyIsNamedWithLineAndSuggestion) {
  const std::string message = error_of(std::string(kMinimal) + "join:\n  snap: 10\n");
  EXPECT_NE(message.find("p.yaml"), std::string::npos) << message;
  EXPECT_NE(message.find("line 10"), std::string::npos) << message;
  EXPECT_NE(message.find("unknown key 'join.snap'"), std::string::npos) << message;
  EXPECT_NE(message.find("did you mean 'snap_m'"), std::string::npos) << message;
}

TEST(Project, WrongTypesAreNamed) {
  EXPECT_NE(error_of(std::string(kMinimal) + "join:\n  snap_m: far\n").find("'join.snap_m' must be a number"), std::string::npos);
  EXPECT_NE(error_of(std::string(kMinimal) + "output:\n  precision: [1]\n").find("'output.precision' must be a whole number"),
            std::string::npos);
  EXPECT_NE(error_of("boundaries: 5\n").find("'boundaries' must be a mapping"), std::string::npos);
}

TEST(Project, MalformedYamlNamesLineAndColumn) {
  const std::string message = error_of("boundaries:\n  districts: {source: a.gpkg\n");
  EXPECT_NE(message.find("not valid YAML"), std::string::npos) << message;
  EXPECT_NE(message.find("line "), std::string::npos) << message;
}

TEST(Project, ConsistencyChecks) {
  EXPECT_NE(error_of("project: x\n").find("missing key 'boundaries'"), std::string::npos);
  EXPECT_NE(error_of("boundaries:\n  districts: {level: 2}\n").find("missing key 'boundaries.districts.source'"),
            std::string::npos);
  EXPECT_NE(error_of("boundaries:\n  districts: {source: a, level: 2}\n  governorates: {source: b, level: 1}\n")
                .find("coarse to fine"),
            std::string::npos);
  EXPECT_NE(error_of(std::string(kMinimal) + "  more:\n    source: x.csv\n    role: rumours\n").find("role"),
            std::string::npos);
  EXPECT_NE(error_of(std::string(kMinimal) + "join:\n  snap_m: -5\n").find("between 0"), std::string::npos);
  EXPECT_NE(error_of("boundaries:\n  governorates: {from: districts}\n  subdistricts: {source: s, level: 3}\n")
                .find("not the next finer level"),
            std::string::npos);
}

TEST(Project, DissolvedLevelFromTheNextLevel) {
  const engine::Project p = engine::parse_project(
      "boundaries:\n  governorates: {from: districts}\n  districts: {source: d.gpkg}\n", "/b", "p.yaml");
  EXPECT_EQ(p.levels[0].from, "districts");
  EXPECT_TRUE(p.levels[0].source.source.empty());
  EXPECT_EQ(p.levels[0].code, "ADM1_PCODE");
}

}  // namespace

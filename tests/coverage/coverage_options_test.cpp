// The coverage: section of the project file: keys, defaults, radius rules,
// strictness and validation; and reading it beside a project.

#include "engine/coverage/coverage_options.hpp"

#include <gtest/gtest.h>

#include "engine/coverage/coverage_project.hpp"
#include "engine/error.hpp"
#include "engine/yaml_section.hpp"

namespace {

namespace cov = engine::coverage;

cov::CoverageOptions parse(const std::string& yaml) {
  const YAML::Node root = YAML::Load(yaml);
  engine::Section top(root, "", "p.yaml");
  engine::Section section = top.section("coverage");
  return cov::parse_coverage_options(section, "/base");
}

std::string error_of(const std::string& yaml) {
  try {
    parse(yaml);
  } catch (const engine::Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(CoverageOptions, DefaultsAreDocumented) {
  const cov::CoverageOptions o = parse("coverage: {}\n");
  EXPECT_TRUE(o.radius_m.empty());
  EXPECT_FALSE(o.default_radius_m);
  EXPECT_EQ(o.partner_reach_m, 10000);
  EXPECT_EQ(o.disc_vertices, 128);
  EXPECT_EQ(o.sites.k, 0);
  EXPECT_EQ(o.sites.objective, cov::Objective::Issues);
  EXPECT_EQ(o.sites.type, "police_station");
  EXPECT_TRUE(o.sites.use_partners());
  EXPECT_TRUE(o.sites.use_grid());
  EXPECT_EQ(o.sites.grid_spacing_m, 5000);
  EXPECT_EQ(o.population.raster, "");
  EXPECT_TRUE(o.is_operational("rehabilitated"));
  EXPECT_FALSE(o.is_operational("damaged"));
}

TEST(CoverageOptions, RadiusRulesByTypeAndStatus) {
  const cov::CoverageOptions o = parse(R"(coverage:
  operational: [Operational, rehabilitated]
  radius_m:
    Police Station: 5000
    security_department: {operational: 10000, damaged: 2000}
  default_radius_m: 1000
  population: {raster: pop.tif, crs: EPSG:4326}
  sites: {k: 3, objective: population, candidates: {source: sites.csv, fields: {type: kind}}}
)");
  EXPECT_EQ(o.radius_for("police_station", "operational"), 5000);
  EXPECT_EQ(o.radius_for("police_station", "damaged"), 0);  // damaged covers nothing unless configured
  EXPECT_EQ(o.radius_for("security_department", "damaged"), 2000);
  EXPECT_EQ(o.radius_for("security_department", "rehabilitated"), 0);  // not listed in its mapping
  EXPECT_EQ(o.radius_for("checkpoint", "operational"), 1000);          // the default radius
  EXPECT_EQ(o.radius_for("checkpoint", "damaged"), 0);
  EXPECT_EQ(o.population.raster, "/base/pop.tif");
  EXPECT_EQ(o.sites.candidates->source, "/base/sites.csv");
  EXPECT_EQ(o.sites.candidate_fields.type, "kind");
  EXPECT_FALSE(o.sites.use_grid());
  EXPECT_EQ(o.sites.objective, cov::Objective::Population);
}

TEST(CoverageOptions, UnknownTypesHaveNoRadiusWithoutADefault) {
  const cov::CoverageOptions o = parse("coverage: {radius_m: {police_station: 5000}}\n");
  EXPECT_FALSE(o.radius_for("checkpoint", "operational"));
}

TEST(CoverageOptions, StrictKeysAndValidation) {
  EXPECT_NE(error_of("coverage:\n  radius: {a: 1}\n").find("line 2: unknown key 'coverage.radius'"), std::string::npos);
  EXPECT_NE(error_of("coverage:\n  radius: {a: 1}\n").find("did you mean 'radius_m'"), std::string::npos);
  EXPECT_NE(error_of("coverage:\n  radius_m: {a: -5}\n").find("coverage.radius_m.a"), std::string::npos);
  EXPECT_NE(error_of("coverage:\n  radius_m: {a: far}\n").find("must be a number"), std::string::npos);
  EXPECT_NE(error_of("coverage:\n  sites: {objective: votes}\n").find("use issues or population"), std::string::npos);
  // New sites need a radius.
  const std::string no_radius = error_of("coverage:\n  sites: {k: 2}\n");
  EXPECT_NE(no_radius.find("new sites of type 'police_station' have no radius"), std::string::npos) << no_radius;
  EXPECT_NE(no_radius.find("p.yaml"), std::string::npos) << no_radius;
  EXPECT_EQ(error_of("coverage:\n  sites: {k: 2, radius_m: 4000}\n"), "no error");
  EXPECT_NE(error_of("coverage:\n  population: {crs: EPSG:4326}\n").find("no 'coverage.population.raster'"), std::string::npos);
  EXPECT_NE(error_of("coverage:\n  radius_m: {Police Station: 1, police_station: 2}\n").find("twice"), std::string::npos);
}

// The project and its coverage section from one file; other analyses'
// sections do not disturb it and line numbers stay those of the file.
TEST(CoverageProject, SectionBesideTheProject) {
  const std::string yaml = R"(project: T
boundaries:
  districts: {source: d.gpkg}
coordination:
  k_hops: 3
coverage:
  radius_m: {police_station: 5000}
layers:
  facilities: {source: f.csv}
  issues: {source: i.csv}
join: {snap_m: 100}
)";
  const cov::CoverageProject p = cov::parse_coverage_project(yaml, "/base", "p.yaml");
  EXPECT_TRUE(p.has_section);
  EXPECT_EQ(p.project.layers.size(), 2u);
  EXPECT_EQ(p.project.join.snap_m, 100);
  EXPECT_EQ(p.options.radius_for("police_station", "operational"), 5000);
  const cov::CoverageLayerNames names = cov::coverage_layer_names(p.project, p.options);
  EXPECT_EQ(names.facilities, "facilities");
  EXPECT_EQ(names.partners, "");
  EXPECT_EQ(names.issues, "issues");
  try {
    cov::parse_coverage_project(yaml + "outptu: {}\n", "/base", "p.yaml");
    FAIL();
  } catch (const engine::Error& e) {
    EXPECT_NE(std::string(e.what()).find("line 12: unknown key 'outptu'"), std::string::npos) << e.what();
  }
  try {
    cov::parse_coverage_project("project: T\ncoverage:\n  radius_m: {a: 1}\n  bad: 2\nboundaries:\n  districts: {source: d.gpkg}\n",
                                "/base", "p.yaml");
    FAIL();
  } catch (const engine::Error& e) {
    EXPECT_NE(std::string(e.what()).find("line 4: unknown key 'coverage.bad'"), std::string::npos) << e.what();
  }
  cov::CoverageOptions named;
  named.facilities_layer = "stations";
  EXPECT_THROW(cov::coverage_layer_names(p.project, named), engine::Error);
}

}  // namespace

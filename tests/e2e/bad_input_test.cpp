// One test per bad-input case of the spine: each gives a one- or two-line
// message naming file, layer, record and field, and a non-zero exit where
// the run cannot go on; record-level problems are counted, not fatal.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "cli_support.hpp"

namespace fs = std::filesystem;
using testing_support::write_text;

namespace {

const std::string kPoints = "  issues:\n    source: issues.csv\n";

void expect_failure(const testing_support::CommandResult& r, std::initializer_list<const char*> parts) {
  EXPECT_NE(r.status, 0) << r.out;
  EXPECT_EQ(r.err.rfind("localmap: error: ", 0), 0u) << r.err;
  for (const char* part : parts) EXPECT_NE(r.err.find(part), std::string::npos) << "missing '" << part << "' in: " << r.err;
  // One or two lines (the problem, and a hint).
  EXPECT_LE(std::count(r.err.begin(), r.err.end(), '\n'), 2) << r.err;
}

std::string run(const fs::path& dir, const std::string& project) {
  return "run " + project + " --out " + (dir / "out").string();
}

TEST(BadInput, MissingFile) {
  const auto dir = testing_support::scratch_dir();
  const auto project = e2e::yemen_project(dir, "  issues:\n    source: nowhere.csv\n");
  expect_failure(e2e::localmap(run(dir, project)), {"nowhere.csv", "file not found"});
}

TEST(BadInput, UnknownLayer) {
  const auto dir = testing_support::scratch_dir();
  write_text(dir / "project.yaml", "boundaries:\n  districts:\n    source: " +
                                       testing_support::shared_data("boundaries/yem_adm2.gpkg") + "\n    layer: adm2\n");
  expect_failure(e2e::localmap(run(dir, (dir / "project.yaml").string())), {"yem_adm2.gpkg", "unknown layer 'adm2'", "yem_adm2"});
}

TEST(BadInput, CsvWithoutCoordinateColumns) {
  const auto dir = testing_support::scratch_dir();
  write_text(dir / "issues.csv", "id,place,category\n1,Aden,drugs\n");
  expect_failure(e2e::localmap(run(dir, e2e::yemen_project(dir, kPoints))),
                 {"issues.csv", "no coordinate columns", "id, place, category"});
}

TEST(BadInput, BadCoordinatesAreRejectedCountedAndTheRunGoesOn) {
  const auto dir = testing_support::scratch_dir();
  write_text(dir / "issues.csv", "id,lon,lat\n1,44.2,15.35\n2,44.2,north\n3,44.2,95\n4,inf,15\n5,,\n");
  // Precise: the test reads the rejected records' examples and the points.
  const auto r = e2e::localmap(run(dir, e2e::yemen_project(dir, kPoints)) + " --allow-precise issues");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto report = e2e::read_json(dir / "out" / "run.json");
  EXPECT_EQ(report["layers"][0]["counts"]["matched"], 1);
  EXPECT_EQ(report["layers"][0]["counts"]["rejected"], 4);
  const auto& reasons = report["layers"][0]["rejection_reasons"];
  EXPECT_EQ(reasons["latitude '…' is not a number"]["count"], 1);
  EXPECT_EQ(reasons["latitude '…' is not a number"]["example_record"], 2);
  EXPECT_EQ(reasons["latitude # is outside [#, #]"]["example"], "latitude 95 is outside [-90, 90]");
  EXPECT_EQ(reasons["longitude '…' is not a number"]["count"], 1);
  EXPECT_EQ(reasons["no coordinates"]["count"], 1);
  EXPECT_NE(r.out.find("rejected in issues"), std::string::npos) << r.out;
  // The record and its reason are in the layer output.
  const std::string geojson = testing_support::read_text(dir / "out" / "issues.geojson");
  EXPECT_NE(geojson.find("\"match_note\": \"latitude 'north' is not a number\""), std::string::npos);
}

TEST(BadInput, EmptyLayer) {
  const auto dir = testing_support::scratch_dir();
  write_text(dir / "issues.csv", "id,lon,lat\n");
  expect_failure(e2e::localmap(run(dir, e2e::yemen_project(dir, kPoints))), {"issues.csv", "'issues' is empty"});
}

TEST(BadInput, PolygonsWherePointsAreExpected) {
  const auto dir = testing_support::scratch_dir();
  const auto project =
      e2e::yemen_project(dir, "  issues:\n    source: " + testing_support::shared_data("boundaries/yem_adm1.gpkg") + "\n");
  expect_failure(e2e::localmap(run(dir, project)), {"yem_adm1.gpkg", "holds polygons, but a point layer is expected"});
}

TEST(BadInput, PointsWherePolygonsAreExpected) {
  const auto dir = testing_support::scratch_dir();
  write_text(dir / "p.csv", "ADM2_PCODE,WKT\nYE1,POINT (44 15)\n");
  ASSERT_EQ(testing_support::run_command("ogr2ogr -f GPKG " + (dir / "p.gpkg").string() + " " + (dir / "p.csv").string() +
                                         " -nln p -nlt POINT -a_srs EPSG:4326").status, 0);
  write_text(dir / "project.yaml", "boundaries:\n  districts:\n    source: p.gpkg\n");
  expect_failure(e2e::localmap(run(dir, (dir / "project.yaml").string())), {"p.gpkg", "holds points, not polygons"});
}

TEST(BadInput, DuplicatePcodes) {
  const auto dir = testing_support::scratch_dir();
  write_text(dir / "d.csv", "ADM2_PCODE,WKT\nZZ01,\"POLYGON ((44 15, 45 15, 45 16, 44 15))\"\nZZ01,\"POLYGON ((46 15, 47 15, 47 16, 46 15))\"\n");
  ASSERT_EQ(testing_support::run_command("ogr2ogr -f GPKG " + (dir / "d.gpkg").string() + " " + (dir / "d.csv").string() +
                                         " -nln d -nlt POLYGON -a_srs EPSG:4326").status, 0);
  write_text(dir / "project.yaml", "boundaries:\n  districts:\n    source: d.gpkg\n");
  expect_failure(e2e::localmap(run(dir, (dir / "project.yaml").string())),
                 {"d.gpkg", "record 2", "field 'ADM2_PCODE'", "duplicate P-code 'ZZ01'"});
}

TEST(BadInput, UnknownCrs) {
  const auto dir = testing_support::scratch_dir();
  write_text(dir / "issues.csv", "id,lon,lat\n1,44.2,15.35\n");
  const auto project = e2e::yemen_project(dir, "  issues:\n    source: issues.csv\n    crs: EPSG:12345678\n");
  expect_failure(e2e::localmap(run(dir, project)), {"issues.csv", "unknown CRS 'EPSG:12345678'"});
}

TEST(BadInput, UnwritableOutputDirectory) {
  const auto dir = testing_support::scratch_dir();
  write_text(dir / "issues.csv", "id,lon,lat\n1,44.2,15.35\n");
  const auto project = e2e::yemen_project(dir, kPoints);
  write_text(dir / "blocker", "a file, not a directory");
  expect_failure(e2e::localmap("run " + project + " --out " + (dir / "blocker" / "out").string()),
                 {"blocker", "cannot create the output directory"});
  fs::create_directories(dir / "readonly");
  ::chmod((dir / "readonly").c_str(), 0555);
  const auto r = e2e::localmap("run " + project + " --out " + (dir / "readonly").string());
  if (::geteuid() != 0) expect_failure(r, {"readonly", "not writable"});  // root writes anywhere
  ::chmod((dir / "readonly").c_str(), 0755);
}

TEST(BadInput, MalformedProjectFile) {
  const auto dir = testing_support::scratch_dir();
  write_text(dir / "p.yaml", "boundaries:\n  districts:\n    source: d.gpkg\n    cod: ADM2_PCODE\n");
  expect_failure(e2e::localmap(run(dir, (dir / "p.yaml").string())),
                 {"p.yaml", "line 4", "unknown key 'boundaries.districts.cod'", "did you mean 'code'"});
  write_text(dir / "q.yaml", "boundaries:\n  districts: [unclosed\n");
  expect_failure(e2e::localmap(run(dir, (dir / "q.yaml").string())), {"q.yaml", "not valid YAML", "line"});
}

TEST(BadInput, UsageErrorsExitNonZero) {
  const auto r = e2e::localmap("run");
  EXPECT_NE(r.status, 0);
  EXPECT_NE((r.err + r.out).find("project"), std::string::npos);
  const auto help = e2e::localmap("--help");
  EXPECT_EQ(help.status, 0);
  for (const char* verb : {"run", "join", "inspect"}) EXPECT_NE(help.out.find(verb), std::string::npos);
  for (const char* verb : {"run", "join", "inspect"}) EXPECT_EQ(e2e::localmap(std::string(verb) + " --help").status, 0) << verb;
}

}  // namespace

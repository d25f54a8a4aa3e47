// Bad database inputs and destinations, through the real CLI: each is a clear
// message of one line (plus a hint) naming what is wrong, without the
// password, and a non-zero exit.

#include <gtest/gtest.h>

#include <algorithm>

#include "pg_test_support.hpp"

namespace fs = std::filesystem;

namespace {

const std::string kSecret = "wrong-secret-0815";

void expect_failure(const testing_support::CommandResult& r, std::initializer_list<std::string> parts,
                    const std::string& password) {
  EXPECT_NE(r.status, 0) << r.out;
  EXPECT_EQ(r.err.rfind("localmap: error: ", 0), 0u) << r.err;
  for (const std::string& part : parts) EXPECT_NE(r.err.find(part), std::string::npos) << "missing '" << part << "' in: " << r.err;
  EXPECT_LE(std::count(r.err.begin(), r.err.end(), '\n'), 2) << r.err;
  EXPECT_EQ(r.err.find(password), std::string::npos) << r.err;
  EXPECT_EQ(r.out.find(password), std::string::npos) << r.out;
}

std::string demo() { return testing_support::source_path("data/demo/project.yaml"); }

// The demo project with its districts read from `districts_yaml` (the body of
// the entry).
std::string demo_with_districts(const fs::path& dir, const std::string& districts_yaml) {
  const std::string demo_dir = testing_support::source_path("data/demo") + "/";
  const std::string text = "project: bad districts\n"
                           "boundaries:\n"
                           "  governorates: {level: 1, source: " + demo_dir + "governorates.geojson}\n"
                           "  districts:\n    level: 2\n" + districts_yaml +
                           "layers:\n"
                           "  issues: {source: " + demo_dir + "issues.csv, fields: {id: issue_id, category: category}}\n";
  testing_support::write_text(dir / "project.yaml", text);
  return (dir / "project.yaml").string();
}

std::string run_to(const fs::path& dir, const std::string& project) {
  return "run " + project + " --out " + (dir / "out").string() + " -q";
}

}  // namespace

TEST(PostgisBadInput, OutputWithWrongPassword) {
  REQUIRE_POSTGIS_CLUSTER(c);
  expect_failure(pg_test::localmap("run " + demo() + " --out " + pg_test::shell_quote(c.pg(false) + " password=" + kSecret) +
                                   " --schema results"),
                 {"password=***", "cannot connect to the database", "password authentication failed"}, kSecret);
}

TEST(PostgisBadInput, OutputWithoutSchemaOrWithABadOne) {
  REQUIRE_POSTGIS_CLUSTER(c);
  const std::string out = " --out " + pg_test::shell_quote(c.pg());
  expect_failure(pg_test::localmap("run " + demo() + out), {"no --schema", "--schema localmap_results"}, c.password);
  expect_failure(pg_test::localmap("run " + demo() + out + " --schema Results"), {"'Results' is not a usable schema name"},
                 c.password);
  const auto dir = testing_support::scratch_dir();
  expect_failure(pg_test::localmap("run " + demo() + " --out " + (dir / "out").string() + " --schema results"),
                 {"--schema applies only when --out is a database"}, c.password);
}

TEST(PostgisBadInput, OutputDatabaseWithoutPostgis) {
  REQUIRE_POSTGIS_CLUSTER(c);
  pg_test::Cluster plain = c;
  plain.dbname = c.plain_dbname;
  expect_failure(pg_test::localmap("run " + demo() + " --out " + pg_test::shell_quote(plain.pg()) + " --schema results"),
                 {"the database has no PostGIS extension"}, c.password);
}

TEST(PostgisBadInput, InputTableThatDoesNotExist) {
  REQUIRE_POSTGIS_CLUSTER(c);
  const auto dir = testing_support::scratch_dir();
  const std::string project = demo_with_districts(dir, "    source: \"" + c.pg() + "\"\n    layer: nowhere.districts\n");
  expect_failure(pg_test::localmap(run_to(dir, project)), {"password=***", "unknown layer 'nowhere.districts'"}, c.password);
}

TEST(PostgisBadInput, InputTableWithoutGeometry) {
  REQUIRE_POSTGIS_CLUSTER(c);
  const std::string s = pg_test::fresh_schema(c);
  pg_test::Db db(c.conninfo());
  db.exec("CREATE SCHEMA " + s);
  db.exec("CREATE TABLE " + s + ".codes AS SELECT 'ZZ0101'::text AS \"ADM2_PCODE\", 'ZZ01'::text AS \"ADM1_PCODE\"");
  const auto dir = testing_support::scratch_dir();
  const std::string project = demo_with_districts(dir, "    source: \"" + c.pg() + "\"\n    layer: " + s + ".codes\n");
  expect_failure(pg_test::localmap(run_to(dir, project)),
                 {"layer '" + s + ".codes'", "boundary layer 'districts' holds no geometry, not polygons"}, c.password);
}

TEST(PostgisBadInput, InputOfTheWrongGeometryType) {
  REQUIRE_POSTGIS_CLUSTER(c);
  const std::string s = pg_test::fresh_schema(c);
  pg_test::Db db(c.conninfo());
  db.exec("CREATE SCHEMA " + s);
  db.exec("CREATE TABLE " + s + ".borders (\"ADM2_PCODE\" text, geom geometry(MultiLineString, 4326))");
  db.exec("INSERT INTO " + s + ".borders VALUES ('ZZ0101', 'SRID=4326;MULTILINESTRING((63 13, 64 14))')");
  const auto dir = testing_support::scratch_dir();
  const std::string project = demo_with_districts(dir, "    source: \"" + c.pg() + "\"\n    layer: " + s + ".borders\n");
  expect_failure(pg_test::localmap(run_to(dir, project)),
                 {"layer '" + s + ".borders'", "boundary layer 'districts' holds lines, not polygons"}, c.password);
}

// GDAL's message for a refused connection spans three lines ("PQconnectdb
// failed.", libpq's "connection to server ... failed: FATAL: ...", an empty
// line); the reader makes it one line and hints at the connection string.
TEST(PostgisBadInput, InputWithWrongPassword) {
  REQUIRE_POSTGIS_CLUSTER(c);
  const auto dir = testing_support::scratch_dir();
  const std::string project =
      demo_with_districts(dir, "    source: \"" + c.pg(false) + " password=" + kSecret + "\"\n    layer: x.districts\n");
  expect_failure(pg_test::localmap(run_to(dir, project)), {"password=***", "password authentication failed"}, kSecret);
}

// A TIN would reach GEOS and fail as "Unknown WKB type 16", without file,
// layer or record; the reader names the type and where it is.
TEST(PostgisBadInput, InputOfAnUnsupportedGeometryType) {
  REQUIRE_POSTGIS_CLUSTER(c);
  const std::string s = pg_test::fresh_schema(c);
  pg_test::Db db(c.conninfo());
  db.exec("CREATE SCHEMA " + s);
  db.exec("CREATE TABLE " + s + ".tin (\"ADM2_PCODE\" text, \"ADM1_PCODE\" text, geom geometry(TINZ, 4326))");
  db.exec("INSERT INTO " + s + ".tin VALUES ('ZZ0101', 'ZZ01', 'SRID=4326;TIN Z(((63 13 0, 63 14 0, 64 14 0, 63 13 0)))')");
  const auto dir = testing_support::scratch_dir();
  const std::string project = demo_with_districts(dir, "    source: \"" + c.pg() + "\"\n    layer: " + s + ".tin\n");
  expect_failure(pg_test::localmap(run_to(dir, project)), {"layer '" + s + ".tin'", "record 1", "TIN"}, c.password);
}

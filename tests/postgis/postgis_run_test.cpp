// `localmap run --out PG:... --schema NAME` end to end: the demo project run
// to a directory and to PostGIS gives the same layers, fields, features,
// attributes and geometries, the same summary and the same accounting; the
// password appears nowhere; a second run replaces the first.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "geo/vector_reader.hpp"
#include "pg_test_support.hpp"

namespace fs = std::filesystem;

namespace {

struct Feature {
  std::int64_t fid = 0;
  std::vector<geo::Value> values;
  std::vector<unsigned char> wkb;  // empty = no geometry
};

struct Table {
  std::vector<geo::FieldDef> fields;
  geo::GeometryKind geometry = geo::GeometryKind::None;
  std::vector<Feature> features;
};

// A layer as GDAL reads it, the way QGIS would.
Table read_layer(const std::string& source, const std::string& layer) {
  geo::ReadOptions options;
  options.layer = layer;
  geo::VectorReader reader(source, options);
  Table t{reader.fields(), reader.declared_geometry(), {}};
  reader.for_each([&](const geo::FeatureView& f) {
    Feature feature{f.fid(), {}, {}};
    for (std::size_t i = 0; i < t.fields.size(); ++i) feature.values.push_back(f.value(static_cast<int>(i)));
    if (f.has_geometry()) feature.wkb = f.geometry().to_wkb();
    t.features.push_back(std::move(feature));
    return true;
  });
  return t;
}

// The demo with its issues exported as points (`precise`), as most tests
// here compare every layer of a file run with its tables.
std::string run_demo(const std::string& out, const std::string& more = {}, bool precise = true) {
  const auto r = pg_test::localmap("run " + testing_support::source_path("data/demo/project.yaml") + " --out " +
                                   pg_test::shell_quote(out) + (precise ? " --allow-precise issues " : " ") + more);
  EXPECT_EQ(r.status, 0) << r.err << r.out;
  return r.out + r.err;
}

}  // namespace

TEST(PostgisRun, DemoInPostgisEqualsDemoInGeoPackage) {
  REQUIRE_POSTGIS_CLUSTER(c);
  const std::string s = pg_test::fresh_schema(c);
  const fs::path dir = testing_support::scratch_dir();
  const std::string files_said = run_demo((dir / "out").string());
  // The worst case for secrecy: the password on the command line.
  const std::string database_said = run_demo(c.pg(), "--schema " + s);
  EXPECT_NE(database_said.find("outputs in PG:"), std::string::npos) << database_said;
  EXPECT_NE(database_said.find(s + ".districts"), std::string::npos) << database_said;

  // Every layer of localmap.gpkg is a table, and the tables are those layers
  // plus summary and run.
  const std::string gpkg = (dir / "out" / "localmap.gpkg").string();
  std::vector<std::string> expected_tables = {"run", "summary"};
  for (const auto& layer : geo::describe_source(gpkg).layers) expected_tables.push_back(layer.name);
  std::sort(expected_tables.begin(), expected_tables.end());
  for (const auto& description : geo::describe_source(gpkg).layers) {
    const std::string& layer = description.name;
    SCOPED_TRACE(layer);
    const Table file = read_layer(gpkg, layer);
    const Table table = read_layer(c.pg(), s + "." + layer);
    ASSERT_EQ(table.fields.size(), file.fields.size());
    for (std::size_t i = 0; i < file.fields.size(); ++i) {
      EXPECT_EQ(table.fields[i].name, file.fields[i].name);
      EXPECT_EQ(table.fields[i].type, file.fields[i].type) << file.fields[i].name;
    }
    EXPECT_EQ(table.geometry, file.geometry);
    ASSERT_EQ(table.features.size(), file.features.size());
    for (std::size_t r = 0; r < file.features.size(); ++r) {
      EXPECT_EQ(table.features[r].fid, file.features[r].fid);
      EXPECT_EQ(table.features[r].values, file.features[r].values) << "feature " << r + 1;
      // Both keep full precision, so the coordinates are identical.
      EXPECT_EQ(table.features[r].wkb, file.features[r].wkb) << "feature " << r + 1;
    }
  }

  // summary: the rows of summary.csv (reals written there with 10 decimals).
  geo::ReadOptions as_text;
  as_text.text_fields = true;
  geo::VectorReader csv((dir / "out" / "summary.csv").string(), as_text);
  const Table summary = read_layer(c.pg(), s + ".summary");
  EXPECT_EQ(summary.geometry, geo::GeometryKind::None);
  ASSERT_EQ(summary.fields.size(), csv.fields().size());
  std::size_t row = 0;
  csv.for_each([&](const geo::FeatureView& f) {
    EXPECT_LT(row, summary.features.size());
    if (row >= summary.features.size()) return false;
    for (std::size_t i = 0; i < summary.fields.size(); ++i) {
      EXPECT_EQ(summary.fields[i].name, csv.fields()[i].name);
      const geo::Value& v = summary.features[row].values[i];
      if (const auto* d = std::get_if<double>(&v)) EXPECT_NEAR(std::stod(f.text(static_cast<int>(i))), *d, 1e-9);
      else EXPECT_EQ(geo::to_text(v), f.text(static_cast<int>(i))) << summary.fields[i].name;
    }
    ++row;
    return true;
  });
  EXPECT_EQ(row, summary.features.size());

  // run: the report of run.json, with the same accounting and parameters.
  pg_test::Db db(c.conninfo());
  const auto report = nlohmann::json::parse(db.value("SELECT report FROM " + s + ".run"));
  const auto file_report = nlohmann::json::parse(testing_support::read_text(dir / "out" / "run.json"));
  for (const char* key : {"project", "parameters", "boundaries", "layers", "localmap_version"})
    EXPECT_EQ(report[key], file_report[key]) << key;
  EXPECT_EQ(report["outputs"].size(), expected_tables.size());
  EXPECT_EQ(db.value("SELECT title FROM " + s + ".run"), "Demo Region (synthetic)");

  // Every table says which run wrote it, with its parameters.
  const auto comments = db.rows("SELECT c.relname, obj_description(c.oid, 'pg_class') FROM pg_class c WHERE "
                                "c.relkind = 'r' AND c.relnamespace = '" + s + "'::regnamespace ORDER BY 1");
  std::vector<std::string> tables;
  for (const auto& comment : comments) tables.push_back(comment[0]);
  EXPECT_EQ(tables, expected_tables);
  for (const auto& comment : comments) {
    EXPECT_NE(comment[1].find("run of 'Demo Region (synthetic)' [SYNTHETIC data]"), std::string::npos) << comment[0];
    EXPECT_NE(comment[1].find("\"snap_m\":500.0"), std::string::npos) << comment[1];
  }

  // The password appears in no output, message or table.
  for (const std::string& text : {files_said, database_said, report.dump()})
    EXPECT_EQ(text.find(c.password), std::string::npos) << text;
  for (const auto& comment : comments) EXPECT_EQ(comment[1].find(c.password), std::string::npos);
}

// Data responsibility holds for the database too: without --allow-precise
// no table holds the issues' points, and the districts table withholds the
// same cells as districts.geojson.
TEST(PostgisRun, RestrictedIssuesLeaveNoPointsInTheDatabase) {
  REQUIRE_POSTGIS_CLUSTER(c);
  const std::string s = pg_test::fresh_schema(c);
  const fs::path dir = testing_support::scratch_dir();
  run_demo((dir / "out").string(), "", false);
  run_demo(c.pg(), "--schema " + s, false);
  pg_test::Db db(c.conninfo());
  EXPECT_EQ(db.value("SELECT count(*) FROM pg_tables WHERE schemaname = '" + s + "' AND tablename = 'issues'"), "0");
  EXPECT_EQ(db.value("SELECT count(*) FROM " + s + ".unmatched WHERE layer = 'issues'"), "0");
  const auto rows = db.rows("SELECT \"ADM2_PCODE\", n_issues_category_drugs FROM " + s + ".districts ORDER BY 1");
  const auto file = nlohmann::json::parse(testing_support::read_text(dir / "out" / "districts.geojson"))["features"];
  std::map<std::string, std::string> from_file;
  std::size_t withheld = 0;
  for (const auto& f : file) {
    const auto& v = f["properties"]["n_issues_category_drugs"];
    from_file[f["properties"]["ADM2_PCODE"]] = v.is_null() ? "<null>" : std::to_string(v.get<long long>());
    withheld += v.is_null();
  }
  ASSERT_EQ(rows.size(), from_file.size());
  for (const auto& row : rows) EXPECT_EQ(row[1], from_file[row[0]]) << row[0];
  EXPECT_GT(withheld, 0u);
}

TEST(PostgisRun, ASecondRunReplacesTheFirstAndTakesThePasswordFromTheEnvironment) {
  REQUIRE_POSTGIS_CLUSTER(c);
  const std::string s = pg_test::fresh_schema(c);
  run_demo(c.pg(), "--schema " + s);
  pg_test::Db db(c.conninfo());
  EXPECT_NE(db.value("SELECT count(*) FROM " + s + ".issues WHERE match = 'snapped'"), "0");

  const auto r = pg_test::localmap("run " + testing_support::source_path("data/demo/project.yaml") + " --out " +
                                       pg_test::shell_quote(c.pg(false)) + " --schema " + s + " --snap-m 0 -q --allow-precise issues",
                                   "PGPASSWORD=" + c.password + " ");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out + r.err, "");  // --quiet
  EXPECT_EQ(db.value("SELECT count(*) FROM " + s + ".issues WHERE match = 'snapped'"), "0");
  EXPECT_EQ(db.value("SELECT (report::jsonb -> 'parameters' ->> 'snap_m')::float FROM " + s + ".run"), "0");
  EXPECT_EQ(db.value("SELECT count(DISTINCT obj_description(c.oid, 'pg_class')) FROM pg_class c WHERE c.relkind = "
                     "'r' AND c.relnamespace = '" + s + "'::regnamespace"),
            "1");
  EXPECT_EQ(db.value("SELECT count(*) FROM pg_tables WHERE schemaname = '" + s + "'"),
            db.value("SELECT jsonb_array_length(report::jsonb -> 'outputs') FROM " + s + ".run"));
}

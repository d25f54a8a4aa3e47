// Inputs read from PostGIS through GDAL: real Yemen districts loaded with
// ogr2ogr, read as a view and as an SQL query, give the same outputs as the
// same districts read from the GeoPackage; points read by an SQL query land
// in the same districts as the same points read from CSV.

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "geo/vector_reader.hpp"
#include "pg_test_support.hpp"

namespace fs = std::filesystem;
using testing_support::read_text;

namespace {

// Seeded random points over Yemen's extent plus records without a location.
void write_points(const fs::path& path, int n) {
  std::mt19937_64 rng(2025);
  std::uniform_real_distribution<double> lon(41.9, 54.4), lat(12.2, 18.9);
  std::ofstream out(path);
  out.precision(10);
  out << "id,longitude,latitude,category\n";
  const char* categories[] = {"drugs", "arms", "checkpoints", "detention"};
  for (int i = 0; i < n; ++i) out << "P" << i << "," << lon(rng) << "," << lat(rng) << "," << categories[i % 4] << "\n";
  out << "B1,,,drugs\nB2,44.1,,arms\n";
}

// A project over the real boundaries; `districts` and `issues` are the YAML
// bodies of those two entries.
std::string project(const fs::path& dir, const std::string& districts, const std::string& issues) {
  const std::string text = "project: Yemen from PostGIS\n"
                           "boundaries:\n"
                           "  governorates:\n"
                           "    source: " + testing_support::shared_data("boundaries/yem_adm1.gpkg") + "\n"
                           "  districts:\n" + districts +
                           "layers:\n"
                           "  issues:\n" + issues +
                           "join:\n  snap_m: 250\n";
  testing_support::write_text(dir / "project.yaml", text);
  return (dir / "project.yaml").string();
}

void run(const std::string& project_file, const fs::path& out) {
  const auto r = pg_test::localmap("run " + project_file + " --out " + out.string() + " -q --allow-precise issues");
  ASSERT_EQ(r.status, 0) << r.err;
}

// match and ADM2_PCODE of every record of a joined point layer, in order.
std::vector<std::pair<std::string, std::string>> attribution(const fs::path& geojson) {
  geo::VectorReader reader(geojson.string());
  std::vector<std::pair<std::string, std::string>> out;
  reader.for_each([&](const geo::FeatureView& f) {
    out.emplace_back(f.text(reader.field_index("match")), f.text(reader.field_index("ADM2_PCODE")));
    return true;
  });
  return out;
}

}  // namespace

TEST(PostgisInput, ViewAndQueryGiveTheSameResultsAsFiles) {
  REQUIRE_POSTGIS_CLUSTER(c);
  const std::string s = pg_test::fresh_schema(c);
  const fs::path dir = testing_support::scratch_dir();
  write_points(dir / "issues.csv", 20000);

  // As a GIS officer would load them: ogr2ogr's defaults (lower-case columns).
  pg_test::load_with_ogr2ogr(c, testing_support::shared_data("boundaries/yem_adm2.gpkg"), s, "adm2");
  pg_test::load_with_ogr2ogr(c, (dir / "issues.csv").string(), s, "points",
                             "-oo X_POSSIBLE_NAMES=longitude -oo Y_POSSIBLE_NAMES=latitude -a_srs EPSG:4326 -lco GEOMETRY_NAME=geom -lco FID=fid");
  pg_test::Db db(c.conninfo());
  db.exec("CREATE VIEW " + s + ".adm2_view AS SELECT * FROM " + s + ".adm2");
  ASSERT_EQ(db.value("SELECT count(*) FROM " + s + ".points WHERE geom IS NOT NULL"), "20000");

  const std::string pg = "\"" + c.pg() + "\"";
  const std::string csv_issues = "    source: " + (dir / "issues.csv").string() + "\n    fields: {id: id, category: category}\n";
  fs::create_directories(dir / "files");
  fs::create_directories(dir / "view");
  fs::create_directories(dir / "query");
  run(project(dir / "files",
              "    source: " + testing_support::shared_data("boundaries/yem_adm2.gpkg") + "\n    parent: ADM1_PCODE\n",
              csv_issues),
      dir / "files" / "out");
  run(project(dir / "view", "    source: " + pg + "\n    layer: " + s + ".adm2_view\n    parent: adm1_pcode\n", csv_issues),
      dir / "view" / "out");
  run(project(dir / "query",
              "    source: " + pg + "\n    sql: SELECT * FROM " + s + ".adm2 ORDER BY fid\n    parent: adm1_pcode\n",
              "    source: " + pg + "\n    sql: SELECT id, category, geom FROM " + s +
                  ".points ORDER BY fid\n    fields: {id: id, category: category}\n"),
      dir / "query" / "out");

  // Districts from the view: every output identical to the files' run.
  for (const char* file : {"governorates.geojson", "districts.geojson", "issues.geojson", "unmatched.geojson", "summary.csv"})
    EXPECT_TRUE(read_text(dir / "view" / "out" / file) == read_text(dir / "files" / "out" / file)) << file << " differs";
  // Districts and points from queries: the same units and counts; points
  // carry their table's attributes instead of the CSV's, but land in the
  // same districts.
  for (const char* file : {"governorates.geojson", "districts.geojson", "summary.csv"})
    EXPECT_TRUE(read_text(dir / "query" / "out" / file) == read_text(dir / "files" / "out" / file)) << file << " differs";
  auto from_query = attribution(dir / "query" / "out" / "issues.geojson");
  auto from_files = attribution(dir / "files" / "out" / "issues.geojson");
  ASSERT_EQ(from_query.size(), from_files.size());
  for (std::size_t i = 0; i < from_files.size(); ++i) {
    if (from_files[i].first == "rejected") continue;  // a CSV reason vs a missing geometry: see below
    EXPECT_EQ(from_query[i], from_files[i]) << "record " << i + 1;
  }
  const auto report = nlohmann::json::parse(read_text(dir / "query" / "out" / "run.json"));
  const auto files_report = nlohmann::json::parse(read_text(dir / "files" / "out" / "run.json"));
  EXPECT_EQ(report["layers"][0]["counts"], files_report["layers"][0]["counts"]);
  EXPECT_EQ(report["boundaries"][1]["units"], 335);
  EXPECT_EQ(report["boundaries"][1]["driver"], "PostgreSQL");

  // The sources are recorded without the password.
  for (const char* which : {"view", "query"}) {
    const std::string text = read_text(dir / which / "out" / "run.json");
    EXPECT_NE(text.find("password=***"), std::string::npos) << which;
    EXPECT_EQ(text.find(c.password), std::string::npos) << which;
  }
}

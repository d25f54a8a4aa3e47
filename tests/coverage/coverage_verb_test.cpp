// `localmap coverage` end to end: the real CLI on the demo project and on the
// real Yemen districts with generated points.  Nearest distances in the
// outputs are checked against pyproj computing every issue-facility
// distance itself; per-district figures against the per-record ones;
// outputs for RFC 7946, byte-identical reruns and thread independence; and
// one test per bad input.

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "random_points.hpp"
#include "support/rfc7946.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

testing_support::CommandResult localmap(const std::string& arguments) {
  return testing_support::run_command(std::string(LOCALMAP_CLI) + " " + arguments);
}

json read_json(const fs::path& path) {
  std::ifstream in(path);
  return json::parse(in);
}

const char* kDemoCoverage = R"(coverage:
  operational: [operational, rehabilitated]
  radius_m:
    police_station: 5000
    traffic_police: 3000
    operations_room: 15000
    security_department: 10000
  partner_reach_m: 10000
  sites:
    k: 5
    grid_spacing_m: 2000
)";

// A copy of the demo project with `coverage` appended to project.yaml.
// The project text without its top-level `key:` block (the demo has its own
// coverage: section, which a test replaces).
std::string without_section(const std::string& yaml, const std::string& key) {
  std::istringstream in(yaml);
  std::string out, line;
  bool inside = false;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] != ' ' && line[0] != '#') inside = line.rfind(key + ":", 0) == 0;
    if (!inside) out += line + "\n";
  }
  return out;
}

fs::path demo_copy(const fs::path& dir, const std::string& coverage) {
  const fs::path demo = dir / "demo";
  fs::create_directories(demo);
  for (const auto& entry : fs::directory_iterator(testing_support::source_path("data/demo")))
    fs::copy_file(entry.path(), demo / entry.path().filename(), fs::copy_options::overwrite_existing);
  const std::string project = testing_support::read_text(demo / "project.yaml");
  testing_support::write_text(demo / "project.yaml",
                              (coverage.empty() ? project : without_section(project, "coverage")) + coverage);
  return demo / "project.yaml";
}

// pyproj's nearest operational facility for every located issue of an
// issues.geojson written by localmap, compared with its nearest_facility_*
// fields.  `facilities` lists (id, lon, lat) of operational facilities.
void check_nearest_with_pyproj(const fs::path& issues_geojson, const std::vector<std::tuple<std::string, double, double>>& facilities,
                               const fs::path& dir) {
  std::ostringstream script;
  script.precision(17);
  script << "import json\nimport numpy as np\nfrom pyproj import Geod\ng = Geod(ellps='WGS84')\n";
  script << "ids = [";
  for (const auto& f : facilities) script << "'" << std::get<0>(f) << "',";
  script << "]\nfx = np.array([";
  for (const auto& f : facilities) script << std::get<1>(f) << ",";
  script << "])\nfy = np.array([";
  for (const auto& f : facilities) script << std::get<2>(f) << ",";
  script << "])\n"
            "bad = 0\nn = 0\nworst = 0.0\n"
            "for f in json.load(open('" << issues_geojson.string() << "'))['features']:\n"
            "    if f['geometry'] is None: continue\n"
            "    x, y = f['geometry']['coordinates']\n"
            // The GeoJSON holds 7 decimals; localmap measured from the source
            // coordinates, so measure from the same rounded point (the demo
            // sources have 7 decimals too).
            "    _, _, d = g.inv(np.full(fx.shape, x), np.full(fy.shape, y), fx, fy)\n"
            "    i = int(np.argmin(d))\n"
            "    p = f['properties']\n"
            "    n += 1\n"
            "    worst = max(worst, abs(p['nearest_facility_m'] - d[i]))\n"
            "    if p['nearest_facility_id'] != ids[i] or abs(p['nearest_facility_m'] - d[i]) > 0.01: bad += 1\n"
            "print(n, bad, worst)\n";
  testing_support::write_text(dir / "nearest.py", script.str());
  const auto r = testing_support::run_command("/usr/bin/python3 " + (dir / "nearest.py").string());
  ASSERT_EQ(r.status, 0) << r.err;
  std::istringstream out(r.out);
  long n = 0, bad = -1;
  double worst = 0;
  out >> n >> bad >> worst;
  EXPECT_GT(n, 100);
  EXPECT_EQ(bad, 0) << "worst difference " << worst << " m";
}

TEST(CoverageVerb, DemoProject) {
  const fs::path dir = testing_support::scratch_dir();
  const fs::path project = demo_copy(dir, kDemoCoverage);
  const auto r = localmap("coverage " + project.string() + " --out " + (dir / "out").string() + " --threads 2 --allow-precise issues");
  ASSERT_EQ(r.status, 0) << r.err << r.out;
  EXPECT_NE(r.out.find("[SYNTHETIC data]"), std::string::npos);
  EXPECT_NE(r.out.find("issues in districts: 1990, covered"), std::string::npos) << r.out;
  for (const char* file : {"districts.geojson", "issues.geojson", "partners.geojson", "uncovered.geojson",
                           "suggested_sites.geojson"}) {
    ASSERT_TRUE(fs::exists(dir / "out" / file)) << file;
    EXPECT_EQ(testing_support::rfc7946_problems((dir / "out" / file).string()), std::vector<std::string>{}) << file;
  }
  const json summary = read_json(dir / "out" / "coverage.json");
  const json districts = read_json(dir / "out" / "districts.geojson");
  const json issues = read_json(dir / "out" / "issues.geojson");
  ASSERT_EQ(districts["features"].size(), 34u);

  // Per-district figures add up to the totals and agree with the records.
  std::map<std::string, std::pair<int, int>> by_district;  // issues, covered
  for (const auto& f : issues["features"]) {
    const auto& p = f["properties"];
    if (p["match"] != "matched" && p["match"] != "snapped") continue;
    auto& [n, covered] = by_district[p["ADM2_PCODE"].get<std::string>()];
    ++n;
    covered += p["covered"].get<int>();
  }
  std::int64_t total = 0, covered = 0;
  double uncovered_km2 = 0;
  for (const auto& f : districts["features"]) {
    const auto& p = f["properties"];
    const auto [n, c] = by_district[p["ADM2_PCODE"].get<std::string>()];
    EXPECT_EQ(p["issues"].get<int>(), n);
    EXPECT_EQ(p["issues_covered"].get<int>(), c);
    EXPECT_EQ(p["issues_covered"].get<int>() + p["issues_uncovered"].get<int>(), n);
    EXPECT_LE(p["uncovered_km2"].get<double>(), p["area_km2"].get<double>() + 1e-3);
    total += n, covered += c;
    uncovered_km2 += p["uncovered_km2"].get<double>();
  }
  EXPECT_EQ(summary["totals"]["issues"], total);
  EXPECT_EQ(summary["totals"]["issues_covered"], covered);
  EXPECT_NEAR(summary["totals"]["uncovered_km2"].get<double>(), uncovered_km2, 0.1);
  // The uncovered polygons add up to the districts' uncovered areas.
  double parts_km2 = 0;
  const json uncovered = read_json(dir / "out" / "uncovered.geojson");
  for (const auto& f : uncovered["features"]) parts_km2 += f["properties"]["area_km2"].get<double>();
  EXPECT_NEAR(parts_km2, uncovered_km2, 0.1);

  // 3W: one row per district x sector, 45 partners in all.
  std::istringstream three_w(testing_support::read_text(dir / "out" / "three_w.csv"));
  std::string line;
  std::getline(three_w, line);
  EXPECT_EQ(line, "ADM1_PCODE,ADM1_EN,ADM1_AR,ADM2_PCODE,ADM2_EN,ADM2_AR,sector,partners,names\r");  // RFC 4180 line ends
  // Suggested sites: five, each adding coverage, shares rising.
  const json sites = read_json(dir / "out" / "suggested_sites.geojson");
  ASSERT_EQ(sites["features"].size(), 5u);
  double previous = summary["sites"]["baseline"].get<double>();
  for (const auto& f : sites["features"]) {
    EXPECT_GT(f["properties"]["gain"].get<double>(), 0);
    EXPECT_EQ(f["properties"]["covered"].get<double>(), previous + f["properties"]["gain"].get<double>());
    previous = f["properties"]["covered"].get<double>();
  }
  EXPECT_LE(previous, summary["sites"]["optimum_at_most"].get<double>());

  // Nearest distances against pyproj over every operational facility.
  std::vector<std::tuple<std::string, double, double>> operational;
  std::istringstream csv(testing_support::read_text(dir / "demo" / "facilities.csv"));
  std::getline(csv, line);
  while (std::getline(csv, line)) {
    std::vector<std::string> cells;
    std::stringstream row(line);
    std::string cell;
    while (std::getline(row, cell, ',')) cells.push_back(cell);
    if (cells[4] == "operational" || cells[4] == "rehabilitated") operational.emplace_back(cells[0], std::stod(cells[7]), std::stod(cells[8]));
  }
  ASSERT_EQ(operational.size(), 32u);
  check_nearest_with_pyproj(dir / "out" / "issues.geojson", operational, dir);

  // The same bytes again, on one thread.
  const auto again = localmap("coverage " + project.string() + " --out " + (dir / "again").string() + " --threads 1 -q --allow-precise issues");
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(again.out, "");
  for (const auto& entry : fs::directory_iterator(dir / "out"))
    EXPECT_EQ(testing_support::read_text(entry.path()), testing_support::read_text(dir / "again" / entry.path().filename()))
        << entry.path().filename();
}

// Real Yemen districts with generated facilities and issues.
TEST(CoverageVerb, YemenGeneratedPoints) {
  const fs::path dir = testing_support::scratch_dir();
  const auto& districts = coverage_testing::yemen_districts();
  const auto facility_points = coverage_testing::points_inside(districts, 300, 81);
  const auto issue_points = coverage_testing::points_inside(districts, 3000, 82);
  std::ostringstream facilities, issues;
  facilities.precision(10);
  issues.precision(10);
  facilities << "id,type,status,lon,lat\n";
  std::vector<std::tuple<std::string, double, double>> operational;
  for (std::size_t i = 0; i < facility_points.size(); ++i) {
    const std::string id = "F" + std::to_string(i), status = i % 4 == 0 ? "damaged" : "operational";
    facilities << id << "," << (i % 2 ? "police_station" : "operations_room") << "," << status << "," << facility_points[i].x << ","
               << facility_points[i].y << "\n";
  }
  issues << "id,category,lon,lat\n";
  for (std::size_t i = 0; i < issue_points.size(); ++i) issues << "I" << i << ",arms," << issue_points[i].x << "," << issue_points[i].y << "\n";
  testing_support::write_text(dir / "facilities.csv", facilities.str());
  testing_support::write_text(dir / "issues.csv", issues.str());
  // What the GeoJSON will hold: coordinates rounded to 7 decimals.  The
  // oracle measures from those; use 7-decimal inputs so both agree.
  const std::string text = "project: Yemen coverage test\nboundaries:\n  districts:\n    source: " +
                           testing_support::shared_data("boundaries/yem_adm2.gpkg") +
                           "\nlayers:\n  facilities:\n    source: facilities.csv\n    fields: {id: id, type: type, status: status}\n"
                           "  issues:\n    source: issues.csv\n    fields: {id: id, category: category}\n"
                           "coverage:\n  radius_m: {police_station: 5000, operations_room: 15000}\n";
  testing_support::write_text(dir / "project.yaml", text);
  const auto r = localmap("coverage " + (dir / "project.yaml").string() + " --out " + (dir / "out").string() + " --allow-precise issues");
  ASSERT_EQ(r.status, 0) << r.err << r.out;
  for (std::size_t i = 0; i < facility_points.size(); ++i)
    if (i % 4 != 0) {
      // The oracle reads the facility coordinates as written in the CSV.
      std::ostringstream x, y;
      x.precision(10);
      y.precision(10);
      x << facility_points[i].x;
      y << facility_points[i].y;
      operational.emplace_back("F" + std::to_string(i), std::stod(x.str()), std::stod(y.str()));
    }
  // Issue coordinates: 10 significant digits in the CSV, 7 decimals in the
  // GeoJSON; the difference (< 1 cm) would blur a 0.01 m comparison, so
  // rewrite the CSV with the GeoJSON's coordinates and run again.
  std::ostringstream rounded;
  rounded << "id,category,lon,lat\n";
  rounded.precision(12);
  const json first = read_json(dir / "out" / "issues.geojson");
  for (const auto& f : first["features"])
    rounded << f["properties"]["id"].get<std::string>() << ",arms," << f["geometry"]["coordinates"][0].get<double>() << ","
            << f["geometry"]["coordinates"][1].get<double>() << "\n";
  testing_support::write_text(dir / "issues.csv", rounded.str());
  const auto again = localmap("coverage " + (dir / "project.yaml").string() + " --out " + (dir / "out").string() + " -q --allow-precise issues");
  ASSERT_EQ(again.status, 0) << again.err;
  check_nearest_with_pyproj(dir / "out" / "issues.geojson", operational, dir);
}

struct BadCase {
  std::string project, out;
};

BadCase demo_with(const fs::path& dir, const std::string& coverage) {
  return {demo_copy(dir, coverage).string(), (dir / "out").string()};
}

TEST(CoverageVerb, EmptyFacilityLayerIsAWarning) {
  const fs::path dir = testing_support::scratch_dir();
  const BadCase c = demo_with(dir, kDemoCoverage);
  testing_support::write_text(dir / "demo" / "facilities.csv", "facility_id,name_en,name_ar,type,status,governorate_en,governorate_ar,lon,lat\n");
  const auto r = localmap("coverage " + c.project + " --out " + c.out);
  ASSERT_EQ(r.status, 0) << r.err << r.out;
  EXPECT_NE(r.out.find("facilities.csv, layer 'facilities': the layer is empty"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("covered 0 (0.0 %)"), std::string::npos) << r.out;
}

TEST(CoverageVerb, NoOperationalFacilityIsAWarning) {
  const fs::path dir = testing_support::scratch_dir();
  const BadCase c = demo_with(dir, kDemoCoverage);
  std::string csv = testing_support::read_text(dir / "demo" / "facilities.csv");
  for (const char* status : {",operational,", ",rehabilitated,"})
    for (std::size_t at; (at = csv.find(status)) != std::string::npos;) csv.replace(at, std::string(status).size(), ",damaged,");
  testing_support::write_text(dir / "demo" / "facilities.csv", csv);
  const auto r = localmap("coverage " + c.project + " --out " + c.out);
  ASSERT_EQ(r.status, 0) << r.err << r.out;
  EXPECT_NE(r.out.find("no located facility is operational (statuses: 40 damaged"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("covered 0 (0.0 %)"), std::string::npos) << r.out;
  EXPECT_NE(testing_support::read_text(dir / "out" / "gaps.csv").find("only_damaged_facilities"), std::string::npos);
}

TEST(CoverageVerb, UnknownTypeIsNamedWithItsRecord) {
  const fs::path dir = testing_support::scratch_dir();
  const BadCase c = demo_with(dir, "coverage:\n  radius_m: {police_station: 5000}\n");
  const auto r = localmap("coverage " + c.project + " --out " + c.out);
  ASSERT_EQ(r.status, 0) << r.err << r.out;
  EXPECT_NE(r.out.find("layer 'facilities', record 2, field 'type': facility type 'operations_room' is not in coverage.radius_m "
                       "(4 facilities); they cover nothing"),
            std::string::npos)
      << r.out;
  const BadCase d = demo_with(dir, "coverage:\n  radius_m: {police_station: 5000}\n  default_radius_m: 2000\n");
  const auto with_default = localmap("coverage " + d.project + " --out " + d.out);
  EXPECT_NE(with_default.out.find("the default radius of 2000 m is used"), std::string::npos) << with_default.out;
}

TEST(CoverageVerb, RasterWithoutCrsIsAnError) {
  const fs::path dir = testing_support::scratch_dir();
  // A raster with no georeferencing at all, written by gdal_translate.
  testing_support::write_text(dir / "grid.asc", "ncols 2\nnrows 2\nxllcorner 63\nyllcorner 13\ncellsize 0.5\n1 2\n3 4\n");
  const auto made = testing_support::run_command("gdal_translate -q -of GTiff " + (dir / "grid.asc").string() + " " +
                                                 (dir / "grid.tif").string());
  ASSERT_EQ(made.status, 0) << made.err;
  const BadCase c = demo_with(dir, std::string(kDemoCoverage) + "  population: {raster: " + (dir / "grid.tif").string() + "}\n");
  const auto r = localmap("coverage " + c.project + " --out " + c.out);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("the population raster declares no CRS"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("grid.tif"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("coverage.population.crs"), std::string::npos) << r.err;
  // Given the CRS it works, and people are counted from the raster.
  const BadCase d = demo_with(dir, std::string(kDemoCoverage) + "  population: {raster: " + (dir / "grid.tif").string() +
                                       ", crs: EPSG:4326}\n");
  const auto ok = localmap("coverage " + d.project + " --out " + d.out);
  ASSERT_EQ(ok.status, 0) << ok.err;
  EXPECT_NE(ok.out.find("from raster"), std::string::npos) << ok.out;
}

TEST(CoverageVerb, RasterWithOnlyNodataIsAnError) {
  const fs::path dir = testing_support::scratch_dir();
  testing_support::write_text(dir / "grid.asc",
                              "ncols 3\nnrows 3\nxllcorner 62\nyllcorner 12\ncellsize 1\nNODATA_value -9\n-9 -9 -9\n-9 -9 -9\n-9 -9 -9\n");
  const auto made = testing_support::run_command("gdal_translate -q -a_srs EPSG:4326 -of GTiff " + (dir / "grid.asc").string() +
                                                 " " + (dir / "grid.tif").string());
  ASSERT_EQ(made.status, 0) << made.err;
  const BadCase c = demo_with(dir, std::string(kDemoCoverage) + "  population: {raster: " + (dir / "grid.tif").string() + "}\n");
  const auto r = localmap("coverage " + c.project + " --out " + c.out);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("holds only nodata over the districts"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("grid.tif"), std::string::npos) << r.err;
}

TEST(CoverageVerb, CandidatesOutsideTheStudyArea) {
  const fs::path dir = testing_support::scratch_dir();
  testing_support::write_text(dir / "sites.csv", "site,lon,lat\nS1,44.2,15.3\nS2,63.9,13.9\nS3,44.3,15.4\n");
  const BadCase c = demo_with(dir, std::string(kDemoCoverage) + "    candidates: {source: " + (dir / "sites.csv").string() +
                                       ", fields: {id: site}}\n");
  const auto r = localmap("coverage " + c.project + " --out " + c.out);
  ASSERT_EQ(r.status, 0) << r.err << r.out;
  EXPECT_NE(r.out.find("sites.csv (sites), layer 'candidates', record 1: 2 of 3 candidate sites lie outside every district"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("candidates: 1 layer, 0 partners, 0 grid"), std::string::npos) << r.out;
  // Only candidates outside: a warning and no suggestion, not a crash.
  testing_support::write_text(dir / "sites.csv", "site,lon,lat\nS1,44.2,15.3\n");
  const auto none = localmap("coverage " + c.project + " --out " + c.out);
  ASSERT_EQ(none.status, 0) << none.err;
  EXPECT_NE(none.out.find("no candidate site lies in the study area"), std::string::npos) << none.out;
  EXPECT_NE(none.out.find("only 0 of 5 new sites suggested: there are no candidate sites"), std::string::npos) << none.out;
}

TEST(CoverageVerb, HelpAndBadArguments) {
  const auto help = localmap("coverage --help");
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.out.find("--objective"), std::string::npos);
  EXPECT_EQ(localmap("coverage missing.yaml --out /tmp/x --k -3").status, 1);
  const auto missing = localmap("coverage /nonexistent/project.yaml --out " + testing_support::scratch_dir().string());
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.err.find("cannot read the project file"), std::string::npos);
}

}  // namespace

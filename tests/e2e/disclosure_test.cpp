// Data responsibility end to end (issue 9): a restricted layer of reported
// issues on the real Yemen districts leaves a run only as counts, small
// counts withheld so that no published total gives them away (attacked by an
// independent audit with linear programmes, tests/e2e/disclosure_audit.py),
// no exact point, coordinate or non-allow-listed field in any output file or
// GeoPackage layer; --allow-precise exports the points and is recorded.

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <iomanip>
#include <random>
#include <sstream>

#include "cli_support.hpp"

namespace fs = std::filesystem;

namespace {

struct Issue {
  double lon, lat;
  std::string name, phone;
};

// Few issues over Yemen's extent (many districts get 1..4), with personal
// fields that must never leave; plus a handful of police stations.
std::vector<Issue> write_inputs(const fs::path& dir) {
  std::mt19937_64 rng(2026);
  std::uniform_real_distribution<double> lon(42.5, 53.0), lat(12.8, 18.5);
  std::vector<Issue> issues;
  std::ofstream out(dir / "issues.csv");
  out << std::fixed << std::setprecision(6);
  out << "id,longitude,latitude,category,reporter_name,reporter_phone\n";
  const char* categories[] = {"drugs", "arms", "detention"};
  for (int i = 0; i < 900; ++i) {
    Issue issue{lon(rng), lat(rng), "Reporter Qx" + std::to_string(1000 + i), "+9677" + std::to_string(3000000 + i * 7)};
    out << "I" << i << "," << issue.lon << "," << issue.lat << "," << categories[i % 3] << "," << issue.name << ","
        << issue.phone << "\n";
    issues.push_back(issue);
  }
  std::ofstream facilities(dir / "facilities.csv");
  facilities << "id,longitude,latitude,type,status\n";
  for (int i = 0; i < 25; ++i) facilities << "F" << i << "," << lon(rng) << "," << lat(rng) << ",police_station,operational\n";
  return issues;
}

std::string project(const fs::path& dir, const std::string& issue_extra = {}) {
  return e2e::yemen_project(dir,
                            "  issues:\n    source: issues.csv\n    fields: {id: id, category: category}\n" + issue_extra +
                                "  facilities:\n    source: facilities.csv\n    fields: {id: id, type: type, status: status}\n",
                            "coverage:\n  radius_m: {police_station: 20000}\n  sites: {k: 100, objective: issues, type: police_station}\n"
                            "priorities: {}\n");
}

std::string file_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string little_endian(double v) {
  char bytes[sizeof v];
  std::memcpy(bytes, &v, sizeof v);  // x86-64 and GPKG/WKB here are little-endian
  return std::string(bytes, sizeof v);
}

std::string fixed6(double v) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(6) << v;
  return s.str();
}

TEST(Disclosure, RestrictedIssuesLeaveOnlyAsProtectedCounts) {
  const fs::path dir = testing_support::scratch_dir();
  const std::vector<Issue> issues = write_inputs(dir);
  const std::string file = project(dir);
  const auto restricted = e2e::localmap("run " + file + " --out " + (dir / "out").string());
  ASSERT_EQ(restricted.status, 0) << restricted.err << restricted.out;
  const auto precise = e2e::localmap("run " + file + " --out " + (dir / "precise").string() + " --allow-precise issues");
  ASSERT_EQ(precise.status, 0) << precise.err << precise.out;

  // No point, coordinate or personal field in any byte of any output (GeoJSON,
  // CSV, GeoPackage, report, map, run.json).
  EXPECT_FALSE(fs::exists(dir / "out" / "issues.geojson"));
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(dir / "out")) {
    const std::string bytes = file_bytes(entry.path());
    ++files;
    for (const Issue& issue : issues) {
      for (const std::string& secret : {issue.name, issue.phone, fixed6(issue.lon) + ",", little_endian(issue.lon)})
        ASSERT_EQ(bytes.find(secret), std::string::npos)
            << entry.path().filename() << " holds an issue's " << (secret == issue.name ? "reporter name" : "location or phone");
    }
  }
  EXPECT_GE(files, 10u);
  const auto report = e2e::read_json(dir / "out" / "run.json");
  const auto& issues_release = report["release"]["layers"]["issues"];
  EXPECT_EQ(issues_release["sensitivity"], "restricted");
  EXPECT_EQ(issues_release["points_exported"], false);
  EXPECT_GT(issues_release["suppressed_cells"]["total"].get<int>(), 0);
  EXPECT_EQ(issues_release["suppressed_cells"]["derivable_despite_suppression"].get<int>(), 0);
  EXPECT_EQ(issues_release["fields_withheld"], (nlohmann::json{"reporter_name", "reporter_phone"}));

  // Independent attack on the published counts (and the truth from the precise run).
  const auto audit = testing_support::run_command("/usr/bin/python3 " +
                                                  testing_support::source_path("tests/e2e/disclosure_audit.py") + " " +
                                                  (dir / "out").string() + " " + (dir / "precise").string() + " issues 5");
  EXPECT_EQ(audit.status, 0) << audit.out << audit.err;
  std::cout << audit.out;

  // Analyses' values computed from the issues are withheld where the
  // district's count is: coverage's issue count, the issue rate, driver counts.
  const auto districts = e2e::read_json(dir / "out" / "districts.geojson")["features"];
  int withheld = 0;
  for (const auto& f : districts) {
    const auto& p = f["properties"];
    if (!p["n_issues"].is_null()) continue;
    ++withheld;
    EXPECT_TRUE(p["issues"].is_null()) << p["ADM2_PCODE"];
    EXPECT_TRUE(p["issues_covered"].is_null()) << p["ADM2_PCODE"];
    EXPECT_TRUE(p["issue_rate"].is_null()) << p["ADM2_PCODE"];
    EXPECT_FALSE(p["priority_rank"].is_null()) << "ranks stay";
  }
  EXPECT_GT(withheld, 10) << "the generated issues should leave many districts with 1..4";
  // Sub-counts of published districts are protected too (the audit above attacks them).
  EXPECT_GT(issues_release["suppressed_sub_counts"]["total"].get<int>(), 0);
  EXPECT_EQ(issues_release["suppressed_sub_counts"]["derivable_despite_suppression"].get<int>(), 0);

  // Gi* and local Moran statistics pool every unit's count: withheld in every
  // row; the classes stay.
  int classes = 0;
  const auto hotspots = e2e::read_json(dir / "out" / "hotspots.geojson");
  for (const auto& f : hotspots["features"]) {
    const auto& p = f["properties"];
    for (const auto& [field, value] : p.items())
      if (field == "gi_z" || field.rfind("gi_z_", 0) == 0 || field == "gi" || field == "lisa_i" || field == "gi_p_norm") {
        EXPECT_TRUE(value.is_null()) << field << " in " << p["ADM2_PCODE"];
      }
    classes += !p["hotspot"].is_null();
  }
  EXPECT_GT(classes, 100);

  // New sites' gains: greedy's gains never grow, so the small ones are a tail,
  // withheld with their running totals; the published ones are true and not small.
  const auto sites = e2e::read_json(dir / "out" / "suggested_sites.geojson")["features"];
  const auto true_sites = e2e::read_json(dir / "precise" / "suggested_sites.geojson")["features"];
  ASSERT_EQ(sites.size(), true_sites.size());
  bool tail = false;
  int withheld_gains = 0;
  for (std::size_t i = 0; i < sites.size(); ++i) {
    const auto &p = sites[i]["properties"], &t = true_sites[i]["properties"];
    tail = tail || p["gain"].is_null();
    EXPECT_EQ(p["gain"].is_null(), tail) << "site " << i;
    EXPECT_EQ(p["covered"].is_null(), tail) << "site " << i;
    if (tail) {
      ++withheld_gains;
      EXPECT_LT(t["gain"].get<double>(), 5) << "site " << i;
    } else {
      EXPECT_EQ(p["gain"], t["gain"]) << "site " << i;
      EXPECT_GE(p["gain"].get<double>(), 5) << "site " << i;
    }
  }
  EXPECT_GT(withheld_gains, 0) << "100 sites over 900 scattered issues should reach gains below 5";
  EXPECT_FALSE(report["coverage"]["sites"]["exact"].contains("optimum"));
  const std::string drivers = testing_support::read_text(dir / "out" / "drivers.csv");
  const std::string precise_drivers = testing_support::read_text(dir / "precise" / "drivers.csv");
  EXPECT_NE(drivers, precise_drivers);

  // With --allow-precise the points leave, the allow-list still holds, and run.json says so.
  const auto precise_report = e2e::read_json(dir / "precise" / "run.json");
  EXPECT_EQ(precise_report["release"]["layers"]["issues"]["allow_precise"], true);
  const auto points = e2e::read_json(dir / "precise" / "issues.geojson")["features"];
  EXPECT_EQ(points.size(), issues.size());
  EXPECT_FALSE(points[0]["properties"].contains("reporter_name"));
  EXPECT_EQ(file_bytes(dir / "precise" / "issues.geojson").find(issues[0].phone), std::string::npos);

  // A restricted run into the folder of a precise one removes the points the
  // earlier run left there (it wrote them; run.json says so).
  const auto again = e2e::localmap("run " + file + " --out " + (dir / "precise").string() + " -q");
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_FALSE(fs::exists(dir / "precise" / "issues.geojson"));
  EXPECT_TRUE(fs::exists(dir / "precise" / "districts.geojson"));
}

TEST(Disclosure, ExportFieldsAndConfidentialLayers) {
  const fs::path dir = testing_support::scratch_dir();
  write_inputs(dir);
  // A listed field leaves with the points; a confidential layer leaves nothing.
  std::string file = project(dir, "    sensitivity: public\n    export_fields: [reporter_phone]\n");
  auto result = e2e::localmap("run " + file + " --out " + (dir / "public").string());
  ASSERT_EQ(result.status, 0) << result.err;
  const auto points = e2e::read_json(dir / "public" / "issues.geojson")["features"];
  EXPECT_TRUE(points[0]["properties"].contains("reporter_phone"));
  EXPECT_FALSE(points[0]["properties"].contains("reporter_name"));

  file = project(dir, "    sensitivity: confidential\n");
  result = e2e::localmap("run " + file + " --out " + (dir / "confidential").string());
  ASSERT_EQ(result.status, 0) << result.err;
  EXPECT_FALSE(fs::exists(dir / "confidential" / "issues.geojson"));
  const auto district = e2e::read_json(dir / "confidential" / "districts.geojson")["features"][0]["properties"];
  EXPECT_FALSE(district.contains("n_issues"));
  EXPECT_TRUE(district["issue_rate"].is_null()) << "nothing computed from a confidential layer leaves";
  result = e2e::localmap("run " + file + " --out " + (dir / "refused").string() + " --allow-precise issues");
  EXPECT_NE(result.status, 0);
  EXPECT_NE(result.err.find("confidential"), std::string::npos) << result.err;
  result = e2e::localmap("run " + file + " --out " + (dir / "refused").string() + " --allow-precise isues");
  EXPECT_NE(result.status, 0);
  EXPECT_NE(result.err.find("'isues', which is not a layer"), std::string::npos) << result.err;
}

}  // namespace

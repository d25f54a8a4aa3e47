// report.html and map.png written from real run directories: one
// self-contained file, the data of districts.geojson inside it, sensitive
// points left out, deterministic bytes, size on the real Yemen districts.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "engine/error.hpp"
#include "engine/report/report.hpp"
#include "report_test_support.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;

namespace {

nlohmann::json embedded_data(const std::string& html) {
  const std::string open = R"(<script id="localmap-data" type="application/json">)";
  const std::size_t begin = html.find(open);
  EXPECT_NE(begin, std::string::npos);
  const std::size_t end = html.find("</script>", begin);
  return nlohmann::json::parse(html.substr(begin + open.size(), end - begin - open.size()));
}

nlohmann::json read_json(const fs::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

// A copy of the demo run, so options can differ between tests.
fs::path demo_copy() {
  const fs::path dir = testing_support::scratch_dir() / "run";
  fs::copy(report_testing::demo_run_dir(), dir, fs::copy_options::recursive);
  return dir;
}

TEST(ReportFiles, DemoReportIsOneSelfContainedFile) {
  const fs::path dir = demo_copy();
  const auto files = engine::report::write_report(dir.string(), {});
  // The demo has a priorities: section, so the default colouring is the score.
  EXPECT_EQ(files.field, "priority_score");
  EXPECT_EQ(files.units, 34u);
  const std::string html = testing_support::read_text(files.html);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find(R"(<html lang="en" dir="ltr">)"), std::string::npos);
  // Nothing is loaded from elsewhere, and the page forbids it anyway.
  EXPECT_EQ(html.find("<script src"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("url(images/"), std::string::npos) << "Leaflet's images must be inlined";
  EXPECT_EQ(html.find("sourceMappingURL"), std::string::npos);
  EXPECT_NE(html.find("default-src 'none'"), std::string::npos);
  EXPECT_NE(html.find("img-src data:;"), std::string::npos);
  EXPECT_NE(html.find("window.L"), std::string::npos) << "Leaflet is inlined";
  std::cout << "demo report.html: " << files.html_bytes << " bytes, map.png: " << files.png_bytes << " bytes\n";
}

TEST(ReportFiles, EmbeddedDataHoldsTheDistrictsOfTheRun) {
  const fs::path dir = demo_copy();
  const auto files = engine::report::write_report(dir.string(), {});
  const nlohmann::json data = embedded_data(testing_support::read_text(files.html));
  const nlohmann::json districts = read_json(dir / "districts.geojson");
  ASSERT_EQ(data["units"]["features"].size(), districts["features"].size());
  for (std::size_t i = 0; i < districts["features"].size(); ++i) {
    const auto& expected = districts["features"][i]["properties"];
    const auto& actual = data["units"]["features"][i]["props"];
    for (const auto& [field, value] : expected.items()) EXPECT_EQ(actual[field], value) << field;
    // The rate is derived for display: issues per 10,000 people.
    EXPECT_NEAR(actual["issue_rate_per_10k"].get<double>(),
                expected["n_issues"].get<double>() / expected["population"].get<double>() * 10000, 0.005);
  }
  EXPECT_EQ(data["units"]["code"], "ADM2_PCODE");
  EXPECT_EQ(data["units"]["name_ar"], "ADM2_AR");
  EXPECT_EQ(data["outlines"][0]["features"].size(), 4u);
  EXPECT_EQ(data["categories"].size(), 8u);
  EXPECT_EQ(data["table"]["sort"], "priority_score") << "districts are listed by priority when the run has one";
  EXPECT_EQ(data["synthetic"], true);
  // Facilities and partners are shown; individual issues are not.
  std::vector<std::string> point_layers;
  for (const auto& p : data["points"]) point_layers.push_back(p["name"]);
  EXPECT_EQ(point_layers, (std::vector<std::string>{"facilities", "partners"}));
  EXPECT_EQ(data["points"][0]["features"].size(), 40u);
}

TEST(ReportFiles, IssuePointsOnlyWhenPreciseExportIsAllowed) {
  const fs::path dir = demo_copy();
  const auto files = engine::report::write_report(dir.string(), {});
  EXPECT_EQ(testing_support::read_text(files.html).find("I0001"), std::string::npos);
  engine::report::ReportOptions precise;
  precise.precise_points = true;
  const auto more = engine::report::write_report(dir.string(), precise);
  const std::string html = testing_support::read_text(more.html);
  EXPECT_NE(html.find("I0001"), std::string::npos);
  EXPECT_EQ(embedded_data(html)["points"][2]["features"].size(), 1990u);  // matched + snapped + unmatched
}

TEST(ReportFiles, SameRunSameBytes) {
  const fs::path dir = demo_copy();
  const auto first = engine::report::write_report(dir.string(), {});
  const std::string html = testing_support::read_text(first.html), png = testing_support::read_text(first.png);
  engine::report::write_report(dir.string(), {});
  EXPECT_EQ(testing_support::read_text(first.html), html);
  EXPECT_EQ(testing_support::read_text(first.png), png);
}

TEST(ReportFiles, ArabicAndTiles) {
  const fs::path dir = demo_copy();
  engine::report::ReportOptions options;
  options.lang = "ar";
  options.tiles_url = "https://tile.example.org/{z}/{x}/{y}.png";
  const std::string html = testing_support::read_text(engine::report::write_report(dir.string(), options).html);
  EXPECT_NE(html.find(R"(<html lang="ar" dir="rtl">)"), std::string::npos);
  EXPECT_NE(html.find("img-src data: https://tile.example.org;"), std::string::npos);
  const nlohmann::json data = embedded_data(html);
  EXPECT_EQ(data["units"]["label"], "المديريات");
  EXPECT_EQ(data["tiles"]["url"], options.tiles_url);
}

TEST(ReportFiles, ErrorsSayWhatToRunFirst) {
  const fs::path empty = testing_support::scratch_dir();
  try {
    engine::report::write_report(empty.string(), {});
    FAIL();
  } catch (const engine::Error& e) {
    EXPECT_NE(std::string(e.what()).find("run.json"), std::string::npos) << e.what();
    EXPECT_NE(e.hint().find("localmap run"), std::string::npos);
  }
  const fs::path dir = demo_copy();
  fs::remove(dir / "report.html");  // written by the run itself
  fs::remove(dir / "districts.geojson");
  EXPECT_THROW(engine::report::write_report(dir.string(), {}), engine::Error);
  EXPECT_FALSE(fs::exists(dir / "report.html")) << "nothing half-written";
  engine::report::ReportOptions options;
  options.field = "no_such_field";
  EXPECT_THROW(engine::report::write_report(demo_copy().string(), options), engine::Error);
}

TEST(ReportFiles, RealYemenDistrictsStayUnderFiveMegabytes) {
  const fs::path dir = report_testing::yemen_run_dir();
  const auto files = engine::report::write_report(dir.string(), {});
  EXPECT_EQ(files.units, 335u);
  EXPECT_EQ(files.field, "n_localities");
  EXPECT_LT(files.html_bytes, 5'000'000u);
  EXPECT_GT(files.vertices_after, 20'000u) << "still a detailed map";
  std::cout << "Yemen report.html: " << files.html_bytes << " bytes (boundaries " << files.vertices_before << " -> "
            << files.vertices_after << " vertices at " << files.simplify_deg << " degrees), map.png: " << files.png_bytes
            << " bytes\n";
  const nlohmann::json data = embedded_data(testing_support::read_text(files.html));
  EXPECT_EQ(data["units"]["features"].size(), 335u);
  EXPECT_TRUE(data["points"].empty()) << "layers of role other are not embedded";
}

}  // namespace

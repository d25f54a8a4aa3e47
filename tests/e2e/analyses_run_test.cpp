// `localmap run` with every analysis section (the demo project), and
// `localmap priorities` alone: every analysis leaves its outputs and its
// run.json part, every record stays accounted for, the priority breakdown
// adds up, and the verb alone computes what the run computed.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "cli_support.hpp"
#include "geo/vector_reader.hpp"
#include "support/test_support.hpp"

namespace {

namespace fs = std::filesystem;

// A CSV table as rows of text (quoted fields with commas handled).
std::vector<std::vector<std::string>> read_csv(const fs::path& path) {
  std::vector<std::vector<std::string>> rows(1);
  std::string cell;
  bool quoted = false;
  const std::string text = testing_support::read_text(path);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') cell += '"', ++i;
      else if (c == '"') quoted = false;
      else cell += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(cell), cell.clear();
    } else if (c == '\n') {
      rows.back().push_back(cell), cell.clear();
      rows.emplace_back();
    } else if (c != '\r') {
      cell += c;
    }
  }
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

const std::string kDemo = testing_support::source_path("data/demo/project.yaml");

// With the issues' points allowed out, every figure of the index is published.
TEST(AnalysesRun, DemoRunWritesEveryAnalysisAndAccountsForEveryRecord) {
  const fs::path out = testing_support::scratch_dir() / "out";
  const auto r = e2e::localmap("run " + kDemo + " --out " + out.string() + " --allow-precise issues");
  ASSERT_EQ(r.status, 0) << r.err << r.out;
  for (const char* file : {"uncovered.geojson", "gaps.csv", "three_w.csv", "suggested_sites.geojson", "actors.geojson",
                           "links.geojson", "coordination.graphml", "drivers.csv", "hotspots.geojson", "priorities.csv",
                           "action_plan.csv", "report.html", "map.png"})
    EXPECT_TRUE(fs::exists(out / file)) << file;
  const nlohmann::json run = e2e::read_json(out / "run.json");
  for (const char* section : {"coverage", "coordination", "priorities"}) EXPECT_TRUE(run.contains(section)) << section;
  for (const auto& layer : run["layers"]) {
    const auto& c = layer["counts"];
    EXPECT_EQ(c["matched"].get<int>() + c["snapped"].get<int>() + c["name_matched"].get<int>() + c["unmatched"].get<int>() +
                  c["rejected"].get<int>(),
              c["input"].get<int>())
        << layer["name"];
  }
  // The demo's three issues without coordinates name their district.
  EXPECT_EQ(run["layers"][2]["name"], "issues");
  EXPECT_EQ(run["layers"][2]["counts"]["name_matched"], 3);

  // The districts carry the analyses' columns; GDAL reads them.
  geo::VectorReader districts((out / "districts.geojson").string());
  for (const char* field : {"n_issues", "issues_covered_share", "police_reachable", "priority_score", "priority_rank"})
    EXPECT_GE(districts.field_index(field), 0) << field;

  // Every district's score is the sum of its indicator contributions, and
  // ranks follow scores.
  const auto table = read_csv(out / "priorities.csv");
  ASSERT_EQ(table.size(), 35u);  // header + 34 districts
  const auto& header = table.front();
  std::vector<std::size_t> contributions;
  std::size_t score = header.size(), rank = header.size();
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i].size() > 8 && header[i].rfind("_contrib") == header[i].size() - 8) contributions.push_back(i);
    if (header[i] == "score") score = i;
    if (header[i] == "rank") rank = i;
  }
  ASSERT_LT(score, header.size());
  ASSERT_LT(rank, header.size());
  EXPECT_EQ(contributions.size(), 6u) << "the demo's index has six indicators";
  double previous = INFINITY;
  for (std::size_t row = 1; row < table.size(); ++row) {
    double sum = 0;
    for (std::size_t i : contributions) sum += std::stod(table[row][i]);
    EXPECT_NEAR(sum, std::stod(table[row][score]), 1e-6) << "row " << row;
    EXPECT_EQ(std::stoi(table[row][rank]), static_cast<int>(row));
    EXPECT_LE(std::stod(table[row][score]), previous);
    previous = std::stod(table[row][score]);
  }
  // The action plan lists the same districts in the same order.
  const auto plan = read_csv(out / "action_plan.csv");
  ASSERT_EQ(plan.size(), table.size());
  auto column = [](const std::vector<std::string>& head, const std::string& name) {
    return static_cast<std::size_t>(std::find(head.begin(), head.end(), name) - head.begin());
  };
  const std::size_t plan_code = column(plan.front(), "ADM2_PCODE"), table_code = column(header, "ADM2_PCODE");
  ASSERT_LT(plan_code, plan.front().size());
  ASSERT_LT(table_code, header.size());
  for (std::size_t row = 1; row < plan.size(); ++row) EXPECT_EQ(plan[row][plan_code], table[row][table_code]) << row;
}

// Restricted (the demo's default), the index's scale ends at values of
// withheld districts: scores, normalised values and contributions are
// withheld in every row, and the plan names its reasons without figures.
// The ranks are those of the precise run.
TEST(AnalysesRun, RestrictedIssuesPublishTheRanksButNotTheScores) {
  const fs::path dir = testing_support::scratch_dir();
  ASSERT_EQ(e2e::localmap("run " + kDemo + " --out " + (dir / "restricted").string() + " -q").status, 0);
  ASSERT_EQ(e2e::localmap("run " + kDemo + " --out " + (dir / "precise").string() + " -q --allow-precise issues").status, 0);
  const auto table = read_csv(dir / "restricted" / "priorities.csv"), precise = read_csv(dir / "precise" / "priorities.csv");
  ASSERT_EQ(table.size(), precise.size());
  ASSERT_EQ(table.front(), precise.front());
  const auto& header = table.front();
  int withheld = 0;
  for (std::size_t row = 1; row < table.size(); ++row)
    for (std::size_t i = 0; i < header.size(); ++i) {
      const std::string& h = header[i];
      const bool pooled = h == "score" || (h.size() > 5 && h.ends_with("_norm")) || h.ends_with("_contrib");
      if (pooled) {
        EXPECT_EQ(table[row][i], "") << h << " row " << row;
        EXPECT_NE(precise[row][i], "") << h << " row " << row;
        ++withheld;
      }
      if (h == "rank" || h == "ADM2_PCODE") {
        EXPECT_EQ(table[row][i], precise[row][i]) << h << " row " << row;
      }
      if (h == "top_indicators") {
        EXPECT_EQ(table[row][i].find_first_of("0123456789"), std::string::npos) << table[row][i];
      }
    }
  EXPECT_GE(withheld, 34 * 13);
  const auto plan = read_csv(dir / "restricted" / "action_plan.csv");
  const auto& plan_header = plan.front();
  for (std::size_t row = 1; row < plan.size(); ++row)
    for (std::size_t i = 0; i < plan_header.size(); ++i)
      if (plan_header[i] == "why" || plan_header[i] == "top_drivers" || plan_header[i] == "rising") {
        EXPECT_EQ(plan[row][i].find_first_of("0123456789"), std::string::npos) << plan_header[i] << ": " << plan[row][i];
      }
}

TEST(AnalysesRun, ThePrioritiesVerbComputesWhatTheRunComputes) {
  const fs::path dir = testing_support::scratch_dir();
  ASSERT_EQ(e2e::localmap("run " + kDemo + " --out " + (dir / "run").string() + " -q").status, 0);
  const auto r = e2e::localmap("priorities " + kDemo + " --out " + (dir / "alone").string());
  ASSERT_EQ(r.status, 0) << r.err << r.out;
  EXPECT_NE(r.out.find("local drivers"), std::string::npos) << r.out;
  for (const char* file : {"drivers.csv", "priorities.csv", "action_plan.csv"})
    EXPECT_EQ(testing_support::read_text(dir / "alone" / file), testing_support::read_text(dir / "run" / file)) << file;
  EXPECT_TRUE(fs::exists(dir / "alone" / "hotspots.geojson"));
  EXPECT_TRUE(fs::exists(dir / "alone" / "priorities.json"));
  EXPECT_FALSE(fs::exists(dir / "alone" / "issues.geojson")) << "only the priorities' outputs";
}

TEST(AnalysesRun, ThePrioritiesVerbNeedsItsSection) {
  const fs::path dir = testing_support::scratch_dir();
  const std::string project = e2e::yemen_project(dir, "  issues:\n    source: issues.csv\n");
  testing_support::write_text(dir / "issues.csv", "id,lon,lat\n1,44.2,15.35\n");
  const auto r = e2e::localmap("priorities " + project + " --out " + (dir / "out").string());
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("no 'priorities:' section"), std::string::npos) << r.err;
}

}  // namespace

// The priority index and the action plan in report.html: the embedded data
// against priorities.csv and action_plan.csv, read here with a CSV parser of
// the test's own (not the report's GDAL reading), and a run without the
// priorities tables still giving a report, without the section.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/report/report.hpp"
#include "report_test_support.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;

namespace {

using Row = std::map<std::string, std::string>;

// RFC 4180: quoted fields may hold commas, quotes ("") and line breaks;
// lines end in CRLF or LF.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      record.push_back(field);
      field.clear();
      any = true;
    } else if (c == '\r') {
      continue;
    } else if (c == '\n') {
      record.push_back(field);
      records.push_back(record);
      record.clear();
      field.clear();
      any = false;
    } else {
      field += c;
      any = true;
    }
  }
  if (any) {
    record.push_back(field);
    records.push_back(record);
  }
  return records;
}

// Rows as {column: text}, in file order; also returns the header.
std::vector<Row> read_csv(const fs::path& path, std::vector<std::string>* header = nullptr) {
  const auto records = parse_csv(testing_support::read_text(path));
  std::vector<Row> rows;
  if (records.empty()) return rows;
  if (header) *header = records[0];
  for (std::size_t r = 1; r < records.size(); ++r) {
    EXPECT_EQ(records[r].size(), records[0].size()) << path << " line " << r + 1;
    Row row;
    for (std::size_t c = 0; c < records[0].size() && c < records[r].size(); ++c) row[records[0][c]] = records[r][c];
    rows.push_back(std::move(row));
  }
  return rows;
}

double number(const std::string& text) {
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  EXPECT_TRUE(!text.empty() && *end == '\0') << "not a number: '" << text << "'";
  return v;
}

nlohmann::json embedded_data(const std::string& html) {
  const std::string open = R"(<script id="localmap-data" type="application/json">)";
  const std::size_t begin = html.find(open);
  EXPECT_NE(begin, std::string::npos);
  const std::size_t end = html.find("</script>", begin);
  return nlohmann::json::parse(html.substr(begin + open.size(), end - begin - open.size()));
}

fs::path demo_copy() {
  const fs::path dir = testing_support::scratch_dir() / "run";
  fs::copy(report_testing::demo_run_dir(), dir, fs::copy_options::recursive);
  return dir;
}

TEST(ReportPriorities, EveryDistrictsBreakdownIsThatOfPrioritiesCsv) {
  const fs::path dir = demo_copy();
  const auto files = engine::report::write_report(dir.string(), {});
  const nlohmann::json data = embedded_data(testing_support::read_text(files.html));

  std::vector<std::string> header;
  const std::vector<Row> csv = read_csv(dir / "priorities.csv", &header);
  ASSERT_EQ(csv.size(), 34u) << "the demo project ranks its 34 districts";
  // The indicators: every <name>_contrib column.
  std::vector<std::string> indicators;
  for (const std::string& column : header)
    if (column.size() > 8 && column.substr(column.size() - 8) == "_contrib")
      indicators.push_back(column.substr(0, column.size() - 8));
  ASSERT_EQ(indicators.size(), 6u) << "data/demo/project.yaml names six indicators";

  ASSERT_TRUE(data["priorities"].is_object());
  const nlohmann::json& units = data["priorities"]["units"];
  ASSERT_EQ(units.size(), csv.size());
  std::vector<std::string> embedded_indicators;
  for (const auto& ind : data["priorities"]["indicators"]) embedded_indicators.push_back(ind["name"]);
  EXPECT_EQ(embedded_indicators, indicators);

  for (const Row& row : csv) {
    const std::string code = row.at("ADM2_PCODE");
    SCOPED_TRACE(code);
    ASSERT_TRUE(units.contains(code));
    const nlohmann::json& u = units[code];
    const double score = number(row.at("score"));
    EXPECT_DOUBLE_EQ(u["score"].get<double>(), score);
    EXPECT_EQ(u["rank"].get<double>(), number(row.at("rank")));
    EXPECT_EQ(u["tier"], row.at("tier"));
    // The breakdown points at the district's shape.
    const std::size_t unit = u["unit"].get<std::size_t>();
    EXPECT_EQ(data["units"]["features"][unit]["props"]["ADM2_PCODE"], code);

    ASSERT_EQ(u["breakdown"].size(), indicators.size());
    double sum = 0, previous = 1e300;
    std::map<std::string, int> seen;
    for (const auto& b : u["breakdown"]) {
      const std::string name = b["name"];
      ++seen[name];
      EXPECT_DOUBLE_EQ(b["contrib"].get<double>(), number(row.at(name + "_contrib"))) << name;
      EXPECT_DOUBLE_EQ(b["norm"].get<double>(), number(row.at(name + "_norm"))) << name;
      EXPECT_DOUBLE_EQ(b["value"].get<double>(), number(row.at(name))) << name;
      EXPECT_LE(b["contrib"].get<double>(), previous) << "largest contribution first";
      previous = b["contrib"].get<double>();
      sum += b["contrib"].get<double>();
    }
    EXPECT_EQ(seen.size(), indicators.size()) << "each indicator once";
    // The CSV holds 10 decimals: six rounded contributions and a rounded score.
    EXPECT_NEAR(sum, score, 1e-9) << "the contributions add up to the score";
  }
}

TEST(ReportPriorities, ActionPlanRowsInPriorityOrder) {
  const fs::path dir = demo_copy();
  const auto files = engine::report::write_report(dir.string(), {});
  const nlohmann::json data = embedded_data(testing_support::read_text(files.html));
  const std::vector<Row> csv = read_csv(dir / "action_plan.csv");
  ASSERT_EQ(csv.size(), 34u);
  const nlohmann::json& plan = data["action_plan"];
  ASSERT_TRUE(plan.is_object());
  ASSERT_EQ(plan["rows"].size(), csv.size());
  std::map<std::string, std::size_t> column;
  for (std::size_t c = 0; c < plan["columns"].size(); ++c) column[plan["columns"][c]["key"]] = c;
  for (const char* key : {"rank", "tier", "score", "top_drivers", "rising", "hotspot", "coverage_gap",
                          "partners_present", "missing_links", "stability"})
    ASSERT_TRUE(column.count(key)) << key;
  EXPECT_TRUE(plan["columns"][column["rank"]]["numeric"]);
  EXPECT_FALSE(plan["columns"][column["top_drivers"]]["numeric"]);
  for (std::size_t r = 0; r < csv.size(); ++r) {
    const nlohmann::json& row = plan["rows"][r];
    SCOPED_TRACE(csv[r].at("ADM2_PCODE"));
    EXPECT_EQ(row["code"], csv[r].at("ADM2_PCODE"));
    EXPECT_EQ(row["name"], csv[r].at("ADM2_EN"));
    EXPECT_EQ(row["values"][column["rank"]].get<double>(), static_cast<double>(r + 1)) << "priority order";
    EXPECT_DOUBLE_EQ(row["values"][column["score"]].get<double>(), number(csv[r].at("score")));
    // Free text as written; an empty cell is null.
    const std::string drivers = csv[r].at("top_drivers");
    if (drivers.empty()) {
      EXPECT_TRUE(row["values"][column["top_drivers"]].is_null());
    } else {
      EXPECT_EQ(row["values"][column["top_drivers"]], drivers);
    }
    EXPECT_EQ(data["units"]["features"][row["unit"].get<std::size_t>()]["props"]["ADM2_PCODE"], row["code"]);
  }
  // The first district of the plan has a driver quoted with a comma inside:
  // "drugs (LQ 4.79, 131 issues)" must not have been split.
  EXPECT_NE(csv[0].at("top_drivers").find(", "), std::string::npos);
}

TEST(ReportPriorities, ArabicLabelsAndCodedValuesInWords) {
  const fs::path dir = demo_copy();
  engine::report::ReportOptions options;
  options.lang = "ar";
  const nlohmann::json data =
      embedded_data(testing_support::read_text(engine::report::write_report(dir.string(), options).html));
  const nlohmann::json& plan = data["action_plan"];
  ASSERT_TRUE(plan.is_object());
  std::size_t hotspot = 0;
  for (std::size_t c = 0; c < plan["columns"].size(); ++c) {
    if (plan["columns"][c]["key"] == "hotspot") hotspot = c;
    if (plan["columns"][c]["key"] == "top_drivers") {
      EXPECT_EQ(plan["columns"][c]["label"], "أبرز المحركات");
    }
  }
  ASSERT_GT(hotspot, 0u);
  const std::vector<Row> csv = read_csv(dir / "action_plan.csv");
  for (std::size_t r = 0; r < csv.size(); ++r) {
    EXPECT_EQ(plan["rows"][r]["name"], csv[r].at("ADM2_AR"));
    const nlohmann::json& cell = plan["rows"][r]["values"][hotspot];
    const std::string shown = cell.is_string() ? cell.get<std::string>() : "";
    EXPECT_EQ(shown.find("hot_"), std::string::npos) << shown;
    EXPECT_EQ(shown.find("not_significant"), std::string::npos) << shown;
  }
  EXPECT_EQ(data["priorities"]["units"]["ZZ0201"]["tier_label"], "مرتفعة");
  EXPECT_EQ(data["strings"]["action_plan"], "خطة العمل");
}

TEST(ReportPriorities, RunWithoutPrioritiesTablesStillGivesAReport) {
  const fs::path dir = demo_copy();
  // An older run, or a project without `priorities:`: no priority tables.
  for (const char* file : {"priorities.csv", "action_plan.csv", "drivers.csv", "hotspots.geojson", "report.html"})
    fs::remove(dir / file);
  const auto files = engine::report::write_report(dir.string(), {});
  EXPECT_EQ(files.units, 34u);
  const std::string html = testing_support::read_text(files.html);
  const nlohmann::json data = embedded_data(html);
  EXPECT_TRUE(data["priorities"].is_null());
  EXPECT_TRUE(data["action_plan"].is_null());
  EXPECT_EQ(data["units"]["features"].size(), 34u);
  // Same bytes again: the missing tables change nothing from run to run.
  engine::report::write_report(dir.string(), {});
  EXPECT_EQ(testing_support::read_text(files.html), html);
}

}  // namespace

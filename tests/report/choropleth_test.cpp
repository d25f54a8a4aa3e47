// Choropleth classes, field choice and labels of the report.

#include <gtest/gtest.h>

#include <cmath>

#include "engine/error.hpp"
#include "engine/report/choropleth.hpp"
#include "engine/report/report_labels.hpp"
#include "engine/report/report_options.hpp"
#include "support/test_support.hpp"

namespace {

using engine::report::Choropleth;

geo::LayerData units_with(const std::vector<std::pair<std::string, std::vector<geo::Value>>>& columns) {
  geo::LayerData layer;
  for (const auto& [name, values] : columns) {
    const bool text = !values.empty() && std::holds_alternative<std::string>(values.front());
    const bool real = !values.empty() && std::holds_alternative<double>(values.front());
    layer.fields.push_back({name, text ? geo::FieldType::String : real ? geo::FieldType::Real : geo::FieldType::Integer});
  }
  for (std::size_t r = 0; r < columns.front().second.size(); ++r) {
    layer.rows.emplace_back();
    for (const auto& column : columns) layer.rows.back().push_back(column.second[r]);
  }
  return layer;
}

TEST(Choropleth, FiveQuantileClassesDarkerForMore) {
  std::vector<geo::Value> counts;
  for (std::int64_t i = 1; i <= 10; ++i) counts.push_back(i);
  const Choropleth c = engine::report::classify(units_with({{"n_issues", counts}}), "n_issues");
  EXPECT_EQ(c.breaks, (std::vector<double>{2, 4, 6, 8}));
  ASSERT_EQ(c.class_count(), 5u);
  EXPECT_EQ(c.class_of(1), 0);
  EXPECT_EQ(c.class_of(2), 0);
  EXPECT_EQ(c.class_of(3), 1);
  EXPECT_EQ(c.class_of(10), 4);
  EXPECT_EQ(c.colours.front(), "#ffffb2");
  EXPECT_EQ(c.colours.back(), "#bd0026");
  EXPECT_EQ(c.class_labels(), (std::vector<std::string>{"≤ 2", "2 – 4", "4 – 6", "6 – 8", "> 8"}));
}

TEST(Choropleth, MissingValuesAreNoDataAndEqualBreaksMerge) {
  const Choropleth c = engine::report::classify(
      units_with({{"n_issues", {std::int64_t{0}, std::int64_t{0}, std::int64_t{0}, std::int64_t{0}, std::int64_t{5},
                                geo::Value{}}}}),
      "n_issues");
  EXPECT_EQ(c.breaks, (std::vector<double>{0}));
  ASSERT_EQ(c.class_count(), 2u);
  EXPECT_EQ(c.colours, (std::vector<std::string>{"#ffffb2", "#bd0026"}));
  EXPECT_EQ(c.class_of(std::nan("")), -1);
  EXPECT_EQ(c.colour_of(c.values[5]), engine::report::kNoDataColour);
}

TEST(Choropleth, CoverageSharesRunTheOtherWay) {
  const Choropleth c = engine::report::classify(
      units_with({{"coverage_share", {0.1, 0.5, 0.9}}}), "coverage_share");
  EXPECT_TRUE(c.more_is_better);
  EXPECT_EQ(c.colour_of(0.1), "#bd0026");  // little coverage is the problem
  EXPECT_EQ(c.colour_of(0.9), "#ffffb2");
}

TEST(Choropleth, IssueRateAndFieldPreference) {
  geo::LayerData units = units_with({{"ADM2_PCODE", {std::string("A"), std::string("B")}},
                                     {"population", {20000.0, 0.0}},
                                     {"n_issues", {std::int64_t{3}, std::int64_t{4}}},
                                     {"n_facilities", {std::int64_t{1}, std::int64_t{0}}}});
  engine::report::add_issue_rate(units, "issues");
  const int rate = units.field_index(engine::report::kIssueRateField);
  ASSERT_GE(rate, 0);
  EXPECT_DOUBLE_EQ(std::get<double>(units.rows[0][rate]), 1.5);
  EXPECT_TRUE(geo::is_null(units.rows[1][rate]));  // no population: no rate
  const std::vector<std::string> layers{"facilities", "issues"}, roles{"facilities", "issues"};
  auto candidates = engine::report::choropleth_candidates(units, layers, roles);
  EXPECT_EQ(candidates, (std::vector<std::string>{"issue_rate_per_10k", "n_issues", "n_facilities"}));
  // A priority score, once an analysis writes one, comes first.
  units.fields.push_back({"priority_score", geo::FieldType::Real});
  for (auto& row : units.rows) row.emplace_back(0.5);
  candidates = engine::report::choropleth_candidates(units, layers, roles);
  EXPECT_EQ(candidates.front(), "priority_score");
  EXPECT_EQ(engine::report::choose_field(units, candidates, "", "d.geojson"), "priority_score");
  EXPECT_EQ(engine::report::choose_field(units, candidates, "n_facilities", "d.geojson"), "n_facilities");
  try {
    engine::report::choose_field(units, candidates, "n_partners", "d.geojson");
    FAIL() << "an unknown field must be refused";
  } catch (const engine::Error& e) {
    EXPECT_EQ(e.where().field, "n_partners");
    EXPECT_NE(e.hint().find("n_issues"), std::string::npos) << e.hint();
  }
  EXPECT_THROW(engine::report::choose_field(units, candidates, "ADM2_PCODE", "d.geojson"), engine::Error);
}

TEST(ReportLabels, FieldsAreGroupedByPrefixSoNewAnalysesNeedNoCode) {
  const std::vector<std::string> layers{"issues", "facilities"};
  EXPECT_EQ(engine::report::field_group("ADM2_EN", layers), "names");
  EXPECT_EQ(engine::report::field_group("population", layers), "unit");
  EXPECT_EQ(engine::report::field_group("n_issues_category_drugs", layers), "issues");
  EXPECT_EQ(engine::report::field_group("issue_rate_per_10k", layers), "issues");
  EXPECT_EQ(engine::report::field_group("coverage_share_5km", layers), "coverage");
  EXPECT_EQ(engine::report::field_group("hotspot_class", layers), "hotspot");
  EXPECT_EQ(engine::report::field_label("n_issues_category_womens_safety", layers, "en"), "women's safety");
  EXPECT_EQ(engine::report::field_label("n_facilities_status_damaged", layers, "ar"), "الحالة: متضرر");
  EXPECT_EQ(engine::report::field_label("coverage_share_5km", layers, "en"), "share 5km");
  EXPECT_EQ(engine::report::group_label("coverage", layers, {"issues", "facilities"}, "ar"), "التغطية");
  EXPECT_EQ(engine::report::group_label("newthing", layers, {"issues", "facilities"}, "en"), "Newthing");
}

TEST(ReportOptions, ValidateNamesTheOption) {
  engine::report::ReportOptions options;
  EXPECT_NO_THROW(options.validate());
  options.lang = "fr";
  EXPECT_THROW(options.validate(), engine::Error);
  options = {};
  options.tiles_url = "https://tile.example.org/tiles.png";
  try {
    options.validate();
    FAIL();
  } catch (const engine::Error& e) {
    EXPECT_EQ(e.where().field, "tiles");
  }
  options.tiles_url = "https://{s}.tile.example.org/{z}/{x}/{y}.png";
  EXPECT_NO_THROW(options.validate());
  options = {};
  options.png_width = 800;
  EXPECT_THROW(options.validate(), engine::Error);
}

TEST(ReportOptions, ReadFromTheProjectFilesReportSection) {
  const auto dir = testing_support::scratch_dir();
  testing_support::write_text(dir / "p.yaml", "project: x\nboundaries: {}\nreport:\n  lang: ar\n  tiles: https://t.example.org/{z}/{x}/{y}.png\n");
  const auto options = engine::report::report_options_from_project((dir / "p.yaml").string());
  EXPECT_EQ(options.lang, "ar");
  EXPECT_EQ(options.tiles_url, "https://t.example.org/{z}/{x}/{y}.png");
  testing_support::write_text(dir / "q.yaml", "project: x\nreport:\n  langue: ar\n");
  try {
    engine::report::report_options_from_project((dir / "q.yaml").string());
    FAIL();
  } catch (const engine::Error& e) {
    EXPECT_NE(std::string(e.what()).find("report.langue"), std::string::npos) << e.what();
  }
}

}  // namespace

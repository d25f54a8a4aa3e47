// 4W aggregation on the fixture (fixture.hpp) against totals worked out by
// hand from its nine rows: per district and governorate x type x year,
// records placed by name counted where the name puts them, the
// inconsistent record counted with its stated total and reported with its
// difference, budgets per currency and converted only with rates.

#include <gtest/gtest.h>

#include <map>

#include "engine/activities/activities_outputs.hpp"
#include "fixture.hpp"
#include "support/test_support.hpp"

namespace {

using namespace activities_testing;
namespace act = engine::activities;

const char* kSection =
    "  fields: {groups: {youth: youth, displaced: displaced}}\n"
    "  reach: {high_need_share: 0.5, top_share: 0.5}\n";

class Aggregation : public ::testing::Test {
 protected:
  void SetUp() override {
    loaded_ = load(write_project(testing_support::scratch_dir(), kActivitiesCsv, kSection));
    outputs_ = std::make_unique<engine::AnalysisOutputs>(run_all(*loaded_));
  }
  const geo::LayerData& four_w() const { return table(*outputs_, "four_w"); }
  std::size_t one_row(const std::vector<std::pair<std::string, std::string>>& match) const {
    const auto rows = rows_where(four_w(), match);
    EXPECT_EQ(rows.size(), 1u) << "rows matching " << match.front().second << " " << match.back().second;
    return rows.empty() ? 0 : rows.front();
  }
  std::unique_ptr<Loaded> loaded_;
  std::unique_ptr<engine::AnalysisOutputs> outputs_;
};

TEST_F(Aggregation, EveryRecordAccountedFor) {
  const nlohmann::json& s = outputs_->report.at("activities");
  const nlohmann::json& r = s.at("records");
  EXPECT_EQ(r.at("input"), 9);
  EXPECT_EQ(r.at("counted"), 8);
  EXPECT_EQ(r.at("by_name"), 1);          // A5 by the name "Delta"
  EXPECT_EQ(r.at("by_coordinates"), 7);
  EXPECT_EQ(r.at("not_counted"), 1);      // A8 at sea
  EXPECT_EQ(r.at("input").get<int>(), r.at("counted").get<int>() + r.at("not_counted").get<int>());
  ASSERT_EQ(s.at("not_counted").size(), 1u);
  EXPECT_EQ(s.at("not_counted")[0].at("id"), "A8");
  EXPECT_EQ(s.at("not_counted")[0].at("match"), "unmatched");
}

TEST_F(Aggregation, DistrictRowsEqualHandTotals) {
  // Bravo x local_forum x 2024: A1 + A6.
  std::size_t r = one_row({{"level", "districts"}, {"ADM2_PCODE", "ZZ0102"}, {"type", "local_forum"}, {"period", "2024"}});
  const geo::LayerData& t = four_w();
  EXPECT_EQ(cell(t, r, "activities"), "2");
  EXPECT_EQ(cell(t, r, "partners"), "1");
  EXPECT_EQ(cell(t, r, "partner_names"), "P-A");
  EXPECT_EQ(cell(t, r, "participants"), "110");  // stated totals 50 + 60, not 50 + 55
  EXPECT_EQ(cell(t, r, "male"), "60");
  EXPECT_EQ(cell(t, r, "female"), "45");
  EXPECT_EQ(cell(t, r, "youth"), "15");
  EXPECT_EQ(cell(t, r, "resolutions"), "4");
  EXPECT_EQ(cell(t, r, "inconsistent_records"), "1");
  EXPECT_EQ(cell(t, r, "women_share"), "0.4286");  // 45 of 105 counted by sex
  EXPECT_EQ(cell(t, r, "type_label"), "Local forum");
  EXPECT_EQ(cell(t, r, "type_label_ar"), "منتدى محلي");

  // The security grant started in 2023: its own period.
  r = one_row({{"level", "districts"}, {"ADM2_PCODE", "ZZ0102"}, {"type", "security_grant"}, {"period", "2023"}});
  EXPECT_EQ(cell(t, r, "budget_usd"), "50000");
  EXPECT_EQ(cell(t, r, "participants"), "300");
  EXPECT_EQ(cell(t, r, "budget_yer"), "");
  EXPECT_TRUE(rows_where(t, {{"ADM2_PCODE", "ZZ0102"}, {"type", "security_grant"}, {"period", "2024"}}).empty());

  // A5 has no coordinates: counted in Delta by its name.
  r = one_row({{"level", "districts"}, {"ADM2_PCODE", "ZZ0204"}, {"type", "community_dialogue"}, {"period", "2024"}});
  EXPECT_EQ(cell(t, r, "participants"), "40");
  EXPECT_EQ(cell(t, r, "female"), "30");
  EXPECT_EQ(cell(t, r, "resolutions"), "2");
  EXPECT_EQ(cell(t, r, "ADM1_PCODE"), "G2");

  // Nothing in Alpha; 3 + 3 + 1 district rows in all.
  EXPECT_TRUE(rows_where(t, {{"ADM2_PCODE", "ZZ0101"}}).empty());
  EXPECT_EQ(rows_where(t, {{"level", "districts"}}).size(), 7u);
}

TEST_F(Aggregation, GovernorateRowsAddUpTheirDistricts) {
  const geo::LayerData& t = four_w();
  EXPECT_EQ(rows_where(t, {{"level", "governorates"}}).size(), 7u);
  const std::size_t r = one_row({{"level", "governorates"}, {"ADM1_PCODE", "G2"}, {"type", "round_table"}, {"period", "2024"}});
  EXPECT_EQ(cell(t, r, "ADM2_PCODE"), "");  // a governorate row names no district
  EXPECT_EQ(cell(t, r, "participants"), "25");
  EXPECT_EQ(cell(t, r, "women_share"), "0.2");

  // Per-level fields: governorates and districts carry the same totals.
  std::int64_t g_total = 0, d_total = 0;
  ASSERT_EQ(outputs_->level_columns.size(), 1u);
  const auto& [level, gov] = outputs_->level_columns.front();
  EXPECT_EQ(level, 0u);
  const int g_field = [&] { for (std::size_t f = 0; f < gov.fields.size(); ++f) if (gov.fields[f].name == "beneficiaries") return int(f); return -1; }();
  ASSERT_GE(g_field, 0);
  for (const auto& row : gov.rows) g_total += std::get<std::int64_t>(row[static_cast<std::size_t>(g_field)]);
  const engine::UnitTable& districts = outputs_->unit_columns.back();
  for (std::size_t f = 0; f < districts.fields.size(); ++f)
    if (districts.fields[f].name == "beneficiaries")
      for (const auto& row : districts.rows) d_total += std::get<std::int64_t>(row[f]);
  EXPECT_EQ(g_total, 795);  // 50 + 20 + 300 + 100 + 40 + 60 + 200 + 25
  EXPECT_EQ(d_total, 795);
}

TEST_F(Aggregation, TotalsAndInconsistentBreakdown) {
  const nlohmann::json& s = outputs_->report.at("activities");
  const nlohmann::json& t = s.at("totals");
  EXPECT_EQ(t.at("activities"), 8);
  EXPECT_EQ(t.at("participants"), 795);
  EXPECT_EQ(t.at("male"), 468);
  EXPECT_EQ(t.at("female"), 322);
  EXPECT_EQ(t.at("resolutions"), 10);
  EXPECT_EQ(t.at("groups").at("youth"), 115);  // 10 + 30 + 20 + 5 + 50
  EXPECT_EQ(t.at("groups").at("displaced"), 10);
  EXPECT_EQ(t.at("partners"), 5);  // P-A, P-B, P-C, women group d4, P-D
  // Three currencies and no rates: three totals, never one sum.
  EXPECT_EQ(t.at("budget").at("USD"), 51000);
  EXPECT_EQ(t.at("budget").at("YER"), 2000000);
  EXPECT_EQ(t.at("budget").at("EUR"), 500);
  EXPECT_FALSE(t.contains("budget_converted"));
  bool warned = false;
  for (const auto& w : s.at("warnings")) warned = warned || w.get<std::string>().find("3 currencies and no rate table") != std::string::npos;
  EXPECT_TRUE(warned);

  ASSERT_EQ(s.at("inconsistent_breakdowns").size(), 1u);
  const nlohmann::json& bad = s.at("inconsistent_breakdowns")[0];
  EXPECT_EQ(bad.at("id"), "A6");
  EXPECT_EQ(bad.at("total"), 60);
  EXPECT_EQ(bad.at("male"), 30);
  EXPECT_EQ(bad.at("female"), 25);
  EXPECT_EQ(bad.at("difference"), -5);
}

TEST_F(Aggregation, RecordsTableKeepsBothNumbers) {
  const act::ActivitiesResult r = compute(*loaded_);
  const geo::LayerData records = act::activities_table(r, loaded_->boundaries);
  ASSERT_EQ(records.size(), 9u);
  const auto a6 = rows_where(records, {{"id", "A6"}});
  ASSERT_EQ(a6.size(), 1u);
  EXPECT_EQ(cell(records, a6[0], "total"), "60");
  EXPECT_EQ(cell(records, a6[0], "male"), "30");
  EXPECT_EQ(cell(records, a6[0], "female"), "25");
  EXPECT_EQ(cell(records, a6[0], "sex_difference"), "-5");
  EXPECT_EQ(cell(records, a6[0], "checks"), "sex_mismatch");
  EXPECT_NE(cell(records, a6[0], "check_notes").find("difference -5"), std::string::npos);
  const auto a5 = rows_where(records, {{"id", "A5"}});
  EXPECT_EQ(cell(records, a5[0], "match"), "name-matched");
  EXPECT_EQ(cell(records, a5[0], "ADM2_PCODE"), "ZZ0204");
  EXPECT_EQ(cell(records, a5[0], "counted"), "1");
  const auto a8 = rows_where(records, {{"id", "A8"}});
  EXPECT_EQ(cell(records, a8[0], "counted"), "0");
  EXPECT_EQ(cell(records, a8[0], "ADM2_PCODE"), "");
  const auto a3 = rows_where(records, {{"id", "A3"}});
  EXPECT_EQ(cell(records, a3[0], "currency"), "USD");  // "usd" as written
  EXPECT_EQ(cell(records, a3[0], "type"), "security_grant");  // "security grant" as written
}

TEST_F(Aggregation, FacilitiesBenefited) {
  const geo::LayerData& f = table(*outputs_, "facility_activities");
  ASSERT_EQ(f.size(), 1u);  // F1 only
  EXPECT_EQ(cell(f, 0, "facility_id"), "F1");
  EXPECT_EQ(cell(f, 0, "activities"), "2");
  EXPECT_EQ(cell(f, 0, "budget_usd"), "51000");
  EXPECT_EQ(cell(f, 0, "participants"), "320");
  EXPECT_EQ(cell(f, 0, "department"), "1");
  EXPECT_EQ(cell(f, 0, "ADM2_PCODE"), "ZZ0102");
  const nlohmann::json& s = outputs_->report.at("activities").at("facilities");
  EXPECT_EQ(s.at("benefited"), 1);
  EXPECT_EQ(s.at("departments"), 2);  // F1 and F3
  EXPECT_EQ(s.at("departments_benefited"), 1);
}

TEST(AggregationRates, ConvertedTotalsOnlyWithEveryRate) {
  // YER has a rate, EUR does not: Delta's converted total is unknown,
  // Bravo's (USD only) is exact; the per-currency totals are unchanged.
  auto loaded = load(write_project(testing_support::scratch_dir(), kActivitiesCsv,
                                   "  currency: {to: USD, rates: {YER: 0.0005}}\n"));
  const engine::AnalysisOutputs out = run_all(*loaded);
  const geo::LayerData& t = table(out, "four_w");
  auto row = [&](const char* code, const char* type) {
    const auto rows = rows_where(t, {{"level", "districts"}, {"ADM2_PCODE", code}, {"type", type}});
    EXPECT_EQ(rows.size(), 1u);
    return rows.front();
  };
  EXPECT_EQ(cell(t, row("ZZ0204", "advocacy_grant"), "budget_usd_converted"), "1000");
  EXPECT_EQ(cell(t, row("ZZ0204", "campaign"), "budget_usd_converted"), "");  // EUR, no rate
  EXPECT_EQ(cell(t, row("ZZ0204", "campaign"), "budget_eur"), "500");
  const nlohmann::json& s = out.report.at("activities");
  EXPECT_TRUE(s.at("totals").at("budget_converted").is_null());
  bool warned = false;
  for (const auto& w : s.at("warnings")) warned = warned || w.get<std::string>().find("no rate for the currency EUR") != std::string::npos;
  EXPECT_TRUE(warned);

  auto full = load(write_project(testing_support::scratch_dir() / "full", kActivitiesCsv,
                                 "  currency: {to: USD, rates: {YER: 0.0005, EUR: 1.1}}\n"));
  const engine::AnalysisOutputs all = run_all(*full);
  EXPECT_DOUBLE_EQ(all.report.at("activities").at("totals").at("budget_converted").get<double>(), 51000 + 1000 + 550);
}

TEST(AggregationPeriods, QuarterAndExplicitPeriods) {
  auto quarters = load(write_project(testing_support::scratch_dir(), kActivitiesCsv, "  period: quarter\n"));
  const act::ActivitiesResult q = compute(*quarters);
  std::map<std::string, std::string> period;
  for (const act::Activity& a : q.records.activities) period[a.id] = a.period;
  EXPECT_EQ(period["A3"], "2023-Q4");
  EXPECT_EQ(period["A2"], "2024-Q2");
  EXPECT_EQ(period["A9"], "2024-Q3");

  auto phases = load(write_project(testing_support::scratch_dir() / "explicit", kActivitiesCsv,
                                   "  periods: {phase_1: [2024-01-01, 2024-06-30], phase_2: [2024-07-01, 2024-12-31]}\n"));
  const act::ActivitiesResult p = compute(*phases);
  period.clear();
  for (const act::Activity& a : p.records.activities) period[a.id] = a.period;
  EXPECT_EQ(period["A3"], "outside_periods");
  EXPECT_EQ(period["A1"], "phase_1");
  EXPECT_EQ(period["A4"], "phase_2");
}

}  // namespace

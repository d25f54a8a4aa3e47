// Reach against need and inclusion on the fixture (fixture.hpp), where the
// answers are known:
//   need = issues per 10,000 people: Alpha 10, Bravo 5, Delta 1, Charlie 0
//   (unranked); high_need_share 0.5 -> Alpha and Bravo are high need;
//   Alpha has none of the activities -> high_need_no_activity; Charlie has a
//   round table and no issue -> activity_no_need.  top_share 0.5 -> Alpha
//   and Bravo: 4 of 8 activities, 430 of 795 participants, need 15 of 16.
// Inclusion, thresholds women 0.3, youth 0.2: Bravo's trainings (2 women of
// 20) and Charlie's round table (5 of 25) are below for women; Bravo's forums
// (youth 15 of 110) below for youth.  With the coordination network the
// partners P-C (actor id), "women group d4" (an actor's name) and P-A (an
// actor's name) are matched; P-D names two actors and is not.

#include <gtest/gtest.h>

#include "fixture.hpp"
#include "support/test_support.hpp"

namespace {

using namespace activities_testing;

const char* kSection =
    "  fields: {groups: {youth: youth, displaced: displaced}}\n"
    "  reach: {high_need_share: 0.5, top_share: 0.5}\n"
    "  inclusion: {women_share: 0.3, youth_share: 0.2}\n";

TEST(Reach, FlagsAndConcentration) {
  auto loaded = load(write_project(testing_support::scratch_dir(), kActivitiesCsv, kSection));
  const engine::AnalysisOutputs out = run_all(*loaded);
  const geo::LayerData& reach = table(out, "reach");
  ASSERT_EQ(reach.size(), 4u);
  struct Expect {
    const char* code;
    const char* activities;
    const char* issues;
    const char* need;
    const char* rank;
    const char* high;
    const char* flags;
  };
  const Expect expected[] = {{"ZZ0101", "0", "10", "10", "1", "1", "high_need_no_activity"},
                             {"ZZ0102", "4", "10", "5", "2", "1", ""},
                             {"ZZ0203", "1", "0", "0", "", "0", "activity_no_need"},
                             {"ZZ0204", "3", "1", "1", "3", "0", ""}};
  for (const Expect& e : expected) {
    const auto rows = rows_where(reach, {{"ADM2_PCODE", e.code}});
    ASSERT_EQ(rows.size(), 1u) << e.code;
    const std::size_t r = rows.front();
    EXPECT_EQ(cell(reach, r, "activities"), e.activities) << e.code;
    EXPECT_EQ(cell(reach, r, "issues"), e.issues) << e.code;
    EXPECT_EQ(cell(reach, r, "need"), e.need) << e.code;
    EXPECT_EQ(cell(reach, r, "need_rank"), e.rank) << e.code;
    EXPECT_EQ(cell(reach, r, "high_need"), e.high) << e.code;
    EXPECT_EQ(cell(reach, r, "flags"), e.flags) << e.code;
    EXPECT_EQ(cell(reach, r, "need_measure"), "issue_rate");
  }
  const nlohmann::json& c = out.report.at("activities").at("reach").at("concentration");
  EXPECT_EQ(c.at("top_units"), 2);
  EXPECT_DOUBLE_EQ(c.at("activity_share").get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(c.at("participant_share").get<double>(), 0.5409);  // 430 / 795
  EXPECT_DOUBLE_EQ(c.at("need_share").get<double>(), 0.9375);         // 15 / 16
  EXPECT_DOUBLE_EQ(c.at("unit_share").get<double>(), 0.5);
}

TEST(Reach, IssueCountsWhenAsked) {
  auto loaded = load(write_project(testing_support::scratch_dir(), kActivitiesCsv,
                                   "  reach: {need: issues, high_need_share: 0.25}\n"));
  const engine::AnalysisOutputs out = run_all(*loaded);
  const geo::LayerData& reach = table(out, "reach");
  // By count Alpha and Bravo tie at 10: the tie goes to unit order, and only
  // one unit (0.25 x 4) is high need.
  EXPECT_EQ(cell(reach, rows_where(reach, {{"ADM2_PCODE", "ZZ0101"}})[0], "need_rank"), "1");
  EXPECT_EQ(cell(reach, rows_where(reach, {{"ADM2_PCODE", "ZZ0102"}})[0], "need_rank"), "2");
  EXPECT_EQ(cell(reach, rows_where(reach, {{"ADM2_PCODE", "ZZ0102"}})[0], "high_need"), "0");
  EXPECT_EQ(cell(reach, 0, "need_measure"), "issues");
}

TEST(Inclusion, SharesAndFlags) {
  auto loaded = load(write_project(testing_support::scratch_dir(), kActivitiesCsv, kSection));
  const engine::AnalysisOutputs out = run_all(*loaded);
  const geo::LayerData& t = table(out, "inclusion");
  auto row = [&](const char* code, const char* type) {
    const auto rows = rows_where(t, {{"ADM2_PCODE", code}, {"type", type}});
    EXPECT_EQ(rows.size(), 1u) << code << " " << type;
    return rows.empty() ? std::size_t{0} : rows.front();
  };
  EXPECT_EQ(cell(t, row("ZZ0102", "training"), "women_share"), "0.1");
  EXPECT_EQ(cell(t, row("ZZ0102", "training"), "women_below"), "1");
  EXPECT_EQ(cell(t, row("ZZ0102", "training"), "youth_share"), "");   // no youth count given
  EXPECT_EQ(cell(t, row("ZZ0102", "training"), "youth_below"), "0");  // unknown is not "below"
  EXPECT_EQ(cell(t, row("ZZ0102", "local_forum"), "youth_share"), "0.1364");  // 15 / 110
  EXPECT_EQ(cell(t, row("ZZ0102", "local_forum"), "youth_below"), "1");
  EXPECT_EQ(cell(t, row("ZZ0102", "local_forum"), "women_below"), "0");
  EXPECT_EQ(cell(t, row("ZZ0102", "security_grant"), "women_share"), "0.3333");
  EXPECT_EQ(cell(t, row("ZZ0102", "all"), "women_share"), "0.3459");  // 147 / 425
  EXPECT_EQ(cell(t, row("ZZ0203", "round_table"), "women_below"), "1");
  EXPECT_EQ(cell(t, row("ZZ0204", "all"), "women_share"), "0.5");   // 170 / 340
  EXPECT_EQ(cell(t, row("ZZ0204", "all"), "youth_share"), "0.2941");  // 100 / 340
  EXPECT_EQ(cell(t, row("ZZ0204", "all"), "youth_below"), "0");
  EXPECT_EQ(rows_where(t, {{"ADM2_PCODE", "ZZ0101"}}).size(), 0u);  // no activity, no row
  EXPECT_EQ(t.field_index("women_led"), -1);  // no coordination network
  const nlohmann::json& s = out.report.at("activities").at("inclusion");
  EXPECT_EQ(s.at("women_below"), 3);  // Bravo training, Charlie round_table and Charlie all
  EXPECT_EQ(s.at("youth_below"), 2);  // Bravo local_forum and Bravo all
}

TEST(Inclusion, WomenAndYouthLedPartnersFromTheActors) {
  auto loaded = load(write_project(testing_support::scratch_dir(), kActivitiesCsv, kSection, true));
  const engine::AnalysisOutputs out = run_all(*loaded);
  const geo::LayerData& t = table(out, "inclusion");
  const std::size_t delta = rows_where(t, {{"ADM2_PCODE", "ZZ0204"}, {"type", "all"}}).at(0);
  EXPECT_EQ(cell(t, delta, "women_led"), "1");  // A5 by "Women Group D4" (a womens_group)
  EXPECT_EQ(cell(t, delta, "youth_led"), "2");  // A4 and A7 by actor id P-C
  const std::size_t bravo = rows_where(t, {{"ADM2_PCODE", "ZZ0102"}, {"type", "all"}}).at(0);
  EXPECT_EQ(cell(t, bravo, "women_led"), "2");  // A1 and A6 by P-A, the name of actor X1 (women_led yes)
  const std::size_t charlie = rows_where(t, {{"ADM2_PCODE", "ZZ0203"}, {"type", "all"}}).at(0);
  EXPECT_EQ(cell(t, charlie, "women_led"), "0");  // P-D names two actors: no match
  // 9 records: A1, A6, A8 (P-A), A4, A7 (P-C), A5 (women group) matched.
  EXPECT_EQ(out.report.at("activities").at("records").at("partner_matched_actor"), 6);
}

}  // namespace

// Bad input: every problem of a record is reported with the file, layer,
// record and field, the record is kept (and counted where it lies), and
// nothing is corrected.  Project-file mistakes stop before any loading with
// the key and its line.

#include <gtest/gtest.h>

#include <map>

#include "fixture.hpp"
#include "geo/error.hpp"
#include "support/test_support.hpp"

namespace {

using namespace activities_testing;
namespace act = engine::activities;

// All five lie in Bravo.
const char* kBadCsv =
    "id,type,partner,donor,start,end,budget,currency,facility,total,male,female,youth,resolutions,district,lon,lat\n"
    "B1,round table,P,,2024-05-01,2024-04-01,,,,-3,1,1,,,,10.75,10.25\n"
    "B2,sports_day,P,,2024-05-01,,,,,10,5,5,,,,10.75,10.25\n"
    "B3,training,P,,2024-13-01,,100,,F9,abc,5,5,,,,10.75,10.25\n"
    "B4,training,P,,,,,,,10,4,3,12,2.5,,10.75,10.25\n"
    "B5,local_forum,P,,2024-02-02,,-100,USD,,,,,,,,10.75,10.25\n";

std::map<std::string, std::vector<std::string>> problems_by_record(const act::ActivitiesResult& r) {
  std::map<std::string, std::vector<std::string>> out;
  for (const act::RecordProblem& p : r.records.problems) out[p.id].push_back(p.kind + ": " + p.message);
  return out;
}

bool any_contains(const std::vector<std::string>& lines, const std::string& text) {
  for (const std::string& l : lines)
    if (l.find(text) != std::string::npos) return true;
  return false;
}

TEST(BadRecords, ReportedKeptNeverCorrected) {
  const auto dir = testing_support::scratch_dir();
  auto loaded = load(write_project(dir, kBadCsv, "  fields: {groups: {youth: youth}}\n"));
  const act::ActivitiesResult r = compute(*loaded);
  auto p = problems_by_record(r);
  EXPECT_TRUE(any_contains(p["B1"], "dates_out_of_order: "));
  EXPECT_TRUE(any_contains(p["B1"], "ends 2024-04-01, before it starts 2024-05-01"));
  EXPECT_TRUE(any_contains(p["B1"], "negative: "));
  EXPECT_TRUE(any_contains(p["B1"], "record 1, field 'total': the count -3 is negative"));
  // Unknown type: the message names the file, layer, record and field.
  EXPECT_TRUE(any_contains(p["B2"], "activities.csv"));
  EXPECT_TRUE(any_contains(p["B2"], "layer 'activities', record 2, field 'type': the activity type 'sports_day' "
                                    "is not in the vocabulary"));
  EXPECT_TRUE(any_contains(p["B3"], "bad_date: "));
  EXPECT_TRUE(any_contains(p["B3"], "'2024-13-01' does not parse"));
  EXPECT_TRUE(any_contains(p["B3"], "budget_no_currency: "));
  EXPECT_TRUE(any_contains(p["B3"], "unknown_facility: "));
  EXPECT_TRUE(any_contains(p["B3"], "the facility 'F9' is not in the layer 'facilities'"));
  EXPECT_TRUE(any_contains(p["B3"], "not_a_number: "));
  EXPECT_TRUE(any_contains(p["B4"], "sex_mismatch: "));
  EXPECT_TRUE(any_contains(p["B4"], "male 4 + female 3 = 7, but the total is 10 (difference -3)"));
  EXPECT_TRUE(any_contains(p["B4"], "group_above_total: "));
  EXPECT_TRUE(any_contains(p["B4"], "not_whole: "));
  EXPECT_TRUE(any_contains(p["B5"], "the budget -100 is negative"));

  // Kept: all five are counted in Bravo, with what could be read.
  EXPECT_EQ(r.counts.input, 5);
  EXPECT_EQ(r.counts.counted, 5);
  EXPECT_EQ(r.counts.with_problems, 5);
  EXPECT_EQ(r.counts.unknown_type, 1);
  const act::Tally& bravo = r.units.back()[1];
  EXPECT_EQ(bravo.activities, 5);
  // Participants: the stated total, else male + female.  B1's total is
  // negative, so left out, and its 1 + 1 stands in; B3's is not a number
  // (5 + 5 stands in); B5 gives no count at all.
  EXPECT_EQ(bravo.participants, 2 + 10 + 10 + 10);
  EXPECT_EQ(bravo.by_type.at(-1), 1);           // B2 counted as "unknown"
  EXPECT_EQ(bravo.budget.at("UNSPECIFIED"), 100);
  EXPECT_EQ(bravo.budget.count("USD"), 0u);     // B5's negative budget left out
  const act::Activity& b1 = r.records.activities[0];
  EXPECT_EQ(b1.period, "2024");  // from the start, the end is before it
  EXPECT_EQ(*b1.end, *engine::coordination::parse_date("2024-04-01"));  // kept as written
}

TEST(BadProject, SectionMistakesNameKeyAndLine) {
  struct Case {
    const char* section;
    const char* message;
  };
  const Case cases[] = {
      {"  feilds: {}\n", "unknown key 'activities.feilds'"},
      {"  period: weekly\n", "'activities.period' is 'weekly'"},
      {"  periods: {a: [2024-01-01, 2024-06-30], b: [2024-06-01, 2024-12-31]}\n", "the periods 'a' and 'b' overlap"},
      {"  periods: {a: [2024-07-01, 2024-06-30]}\n", "'activities.periods.a' ends before it starts"},
      {"  currency: {rates: {YER: 0.001}}\n", "'activities.currency.rates' needs 'activities.currency.to'"},
      {"  currency: {to: USD, rates: {YER: -1}}\n", "'activities.currency.rates.YER' must be a positive number"},
      {"  inclusion: {women_share: 30}\n", "'activities.inclusion.women_share' must be a share between 0 and 1"},
      {"  types: {forum_2: {aliases: [forum]}}\n", "the name 'forum' is already used by the type 'local_forum'"},
      {"  fields: {groups: {children: kids}}\n", "names the group 'youth', which 'activities.fields.groups' does not map"},
      {"  reach: {need: people}\n", "'activities.reach.need' is 'people'"},
  };
  for (const Case& c : cases) {
    const auto dir = testing_support::scratch_dir() / std::to_string(&c - cases);
    try {
      load(write_project(dir, kActivitiesCsv, c.section));
      ADD_FAILURE() << "no error for " << c.section;
    } catch (const geo::Error& e) {
      EXPECT_NE(std::string(e.what()).find(c.message), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("line "), std::string::npos) << e.what();
    }
  }
}

TEST(BadProject, MissingFieldAndLayer) {
  auto loaded = load(write_project(testing_support::scratch_dir(), kActivitiesCsv, "  fields: {male: men}\n"));
  try {
    run_all(*loaded);
    ADD_FAILURE() << "no error for a missing field";
  } catch (const geo::Error& e) {
    EXPECT_NE(std::string(e.what()).find("no field 'men' (activities.fields.male)"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("fields of the layer: id, type"), std::string::npos) << e.what();
  }
  const auto dir = testing_support::scratch_dir() / "nolayer";
  write_project(dir, kActivitiesCsv, "  layer: grants\n");
  try {
    load(dir / "project.yaml");
    ADD_FAILURE() << "no error for an unknown layer";
  } catch (const geo::Error& e) {
    EXPECT_NE(std::string(e.what()).find("'activities.layer' names the layer 'grants'"), std::string::npos) << e.what();
  }
}

TEST(BadProject, ExtraTypesAreKnown) {
  auto loaded = load(write_project(testing_support::scratch_dir(), kBadCsv,
                                   "  types: {sports_day: {label: Sports day, label_ar: يوم رياضي}}\n"));
  const act::ActivitiesResult r = compute(*loaded);
  EXPECT_EQ(r.counts.unknown_type, 0);
  EXPECT_EQ(act::type_code(r, r.records.activities[1].type), "sports_day");
}

}  // namespace

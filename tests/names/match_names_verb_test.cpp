// `localmap match-names` end to end: the real binary on the real OCHA
// district layer of Yemen.  Expected P-codes are read off the OCHA attribute
// table by hand (SOURCES.md section 1) and the crosswalk file (7c).

#include <gtest/gtest.h>

#include <map>

#include "geo/vector_reader.hpp"
#include "support/rfc7946.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;

namespace {

using testing_support::shared_data;

testing_support::CommandResult localmap(const std::string& arguments) {
  return testing_support::run_command(std::string(LOCALMAP_CLI) + " " + arguments);
}

// id, governorate, district, code -> expected status and district P-code.
const char* const kRecords =
    "id,gov,district,code,note\n"
    "1,محافظة لحج,مديرية رَدْفان,,Arabic with vowels and generic words\n"
    "2,Lahj,Radfan District,,English\n"
    "3,,Al-Mukalla City,,no governorate given\n"
    "4,,Az Zahir,,two districts of this name in two governorates\n"
    "5,Al Jawf,Az Zahir,,resolved by the governorate\n"
    "6,,,YE1503,old code of Shar'ab As Salam (now YE1502)\n"
    "7,Aden,Xyzzy Qwerty,,nothing like it\n"
    "8,,,,nothing given\n"
    "9,عدن,Ash-Shaykh 'Outhman,,mixed scripts across fields\n";

struct Expected {
  const char* status;
  const char* district;
  const char* governorate;
};
const std::map<std::string, Expected> kExpected = {
    {"1", {"matched", "YE2507", "YE25"}},  {"2", {"matched", "YE2507", "YE25"}},
    {"3", {"matched", "YE1927", "YE19"}},  {"4", {"ambiguous", "", ""}},
    {"5", {"matched", "YE1604", "YE16"}},  {"6", {"matched", "YE1502", "YE15"}},
    {"7", {"unmatched", "", "YE24"}},      {"8", {"", "", ""}},
    {"9", {"matched", "YE2402", "YE24"}},
};

std::string run_on(const fs::path& dir, const std::string& out) {
  testing_support::write_text(dir / "records.csv", kRecords);
  const auto crosswalk = shared_data("gazetteer/yem_adm2_pcode_crosswalk_reach_v4_20190722.csv");
  const auto r = localmap("match-names --boundaries " + shared_data("boundaries/yem_adm2.gpkg") + " --input " +
                          (dir / "records.csv").string() + " --governorate gov --district district --pcode code --crosswalk " +
                          crosswalk + " --crosswalk-old admin2oldp --crosswalk-new admin2pcod --out " + (dir / out).string());
  EXPECT_EQ(r.status, 0) << r.err;
  return r.out;
}

TEST(MatchNamesVerb, EveryRowOnceWithItsResult) {
  const fs::path dir = testing_support::scratch_dir();
  const std::string summary = run_on(dir, "matched.csv");
  EXPECT_NE(summary.find("9 rows"), std::string::npos) << summary;
  EXPECT_NE(summary.find("ambiguous  1"), std::string::npos) << summary;
  geo::ReadOptions o;
  o.text_fields = true;
  geo::VectorReader reader((dir / "matched.csv").string(), o);
  for (const char* field : {"id", "note", "match_status", "match_level", "match_score", "match_pcode", "governorates_pcode",
                            "districts_pcode", "districts_match", "match_candidates", "match_note"})
    ASSERT_GE(reader.field_index(field), 0) << field;
  std::vector<std::string> ids;
  reader.for_each([&](const geo::FeatureView& f) {
    auto text = [&](const char* field) { return f.text(reader.field_index(field)); };
    const std::string id = text("id");
    ids.push_back(id);
    const Expected& e = kExpected.at(id);
    EXPECT_EQ(text("match_status"), e.status) << "row " << id;
    EXPECT_EQ(text("districts_pcode"), e.district) << "row " << id;
    EXPECT_EQ(text("governorates_pcode"), e.governorate) << "row " << id;
    if (id == "4") {  // both candidates listed
      EXPECT_NE(text("match_candidates").find("YE1405"), std::string::npos);
      EXPECT_NE(text("match_candidates").find("YE1604"), std::string::npos);
    }
    if (id == "6") { EXPECT_EQ(text("match_level"), "crosswalk"); }
    if (id == "3") { EXPECT_EQ(text("governorates_match"), "implied"); }
    if (id == "7") { EXPECT_FALSE(text("match_note").empty()); }
    return true;
  });
  EXPECT_EQ(ids, (std::vector<std::string>{"1", "2", "3", "4", "5", "6", "7", "8", "9"}));
}

TEST(MatchNamesVerb, SpatialOutputPutsMatchedRowsInsideTheirUnit) {
  const fs::path dir = testing_support::scratch_dir();
  run_on(dir, "matched.geojson");
  const auto problems = testing_support::rfc7946_problems((dir / "matched.geojson").string(), 7);
  EXPECT_TRUE(problems.empty()) << problems.front();
  std::map<std::string, geo::Geometry> districts;
  {
    geo::VectorReader adm2(shared_data("boundaries/yem_adm2.gpkg"));
    adm2.for_each([&](const geo::FeatureView& f) {
      districts.emplace(f.text(adm2.field_index("ADM2_PCODE")), f.geometry());
      return true;
    });
  }
  geo::VectorReader reader((dir / "matched.geojson").string());
  int located = 0;
  reader.for_each([&](const geo::FeatureView& f) {
    const std::string code = f.text(reader.field_index("districts_pcode"));
    const bool matched = f.text(reader.field_index("match_status")) == "matched";
    EXPECT_EQ(f.has_geometry(), matched && !code.empty()) << f.text(reader.field_index("id"));
    if (matched && f.has_geometry() && !code.empty()) {
      EXPECT_TRUE(districts.at(code).covers(*f.point())) << code;
      ++located;
    }
    return true;
  });
  EXPECT_EQ(located, 6);
}

TEST(MatchNamesVerb, BadInvocationsFailWithAMessage) {
  const fs::path dir = testing_support::scratch_dir();
  testing_support::write_text(dir / "records.csv", kRecords);
  const std::string base = "match-names --boundaries " + shared_data("boundaries/yem_adm2.gpkg") + " --input " +
                           (dir / "records.csv").string() + " --out " + (dir / "x.csv").string();
  auto r = localmap(base);
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("--district"), std::string::npos) << r.err;
  r = localmap(base + " --district nope");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("nope"), std::string::npos) << r.err;
  r = localmap(base + " --district district --threshold 3");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("threshold"), std::string::npos) << r.err;
  r = localmap(base + " --subdistrict district");  // the layer has no level 3
  EXPECT_NE(r.status, 0);
  EXPECT_FALSE(fs::exists(dir / "x.csv"));
  r = localmap("match-names --help");
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("--crosswalk"), std::string::npos);
}

}  // namespace

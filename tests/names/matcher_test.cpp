// The matcher's decisions on small hand-made boundaries (names only), where
// the right answer follows from the contract in name_matcher.hpp.

#include <gtest/gtest.h>

#include <set>

#include "engine/error.hpp"
#include "engine/names/name_matcher.hpp"

namespace {

using engine::names::MatchLevel;
using engine::names::MatchStatus;
using engine::names::NameMatcher;
using engine::names::NameMatchOptions;
using engine::names::NameQuery;
using engine::names::NameTables;

struct UnitRow {
  const char* code;
  const char* en;
  const char* ar;
  int parent;
};

engine::AdminLevel level(const char* name, std::initializer_list<UnitRow> rows) {
  engine::AdminLevel l;
  l.spec.name = name;
  for (const UnitRow& r : rows) {
    engine::AdminUnit u;
    u.code = r.code, u.name_en = r.en, u.name_ar = r.ar, u.parent = r.parent;
    l.by_code[u.code] = static_cast<std::int32_t>(l.units.size());
    l.units.push_back(std::move(u));
  }
  return l;
}

// Three governorates; districts with a name shared across governorates
// (Az Zahir), a district/city pair (Ma'rib), near-twins for the fuzzy level.
const engine::Boundaries& sample() {
  static const engine::Boundaries b = [] {
    engine::Boundaries s;
    s.levels.push_back(level("governorates", {{"G1", "Lahj", "لحج", -1}, {"G2", "Ta'iz", "تعز", -1}, {"G3", "Ma'rib", "مارب", -1}}));
    s.levels.push_back(level("districts", {{"D1", "Radfan", "ردفان", 0},
                                           {"D2", "Al Hawtah", "الحوطه", 0},
                                           {"D3", "Az Zahir", "الزاهر", 1},
                                           {"D4", "Az Zahir", "الزاهر", 2},
                                           {"D5", "Ma'rib", "مارب", 2},
                                           {"D6", "Ma'rib City", "مدينة مارب", 2},
                                           {"D7", "Hamdan", "همدان", 1},
                                           {"D8", "Hamdun", "همدون", 1},
                                           {"D9", "Yafi'", "يافع", 0}}));
    return s;
  }();
  return b;
}

std::string district(const engine::names::NameMatch& m) {
  const auto& d = m.levels.at(1);
  return d.unit < 0 ? "" : sample().levels[1].units[static_cast<std::size_t>(d.unit)].code;
}
std::string governorate(const engine::names::NameMatch& m) {
  const auto& g = m.levels.at(0);
  return g.unit < 0 ? "" : sample().levels[0].units[static_cast<std::size_t>(g.unit)].code;
}

NameQuery names(std::vector<std::string> gov, std::vector<std::string> dist) {
  NameQuery q;
  q.names = {std::move(gov), std::move(dist)};
  return q;
}

TEST(NameMatcher, LevelsFromExactToFuzzy) {
  const NameMatcher m(sample(), {});
  auto r = m.match(names({}, {"Radfan"}));
  EXPECT_EQ(r.status, MatchStatus::Matched);
  EXPECT_EQ(r.level, MatchLevel::Exact);
  EXPECT_EQ(district(r), "D1");
  r = m.match(names({}, {"رَدْفان"}));
  EXPECT_EQ(r.level, MatchLevel::Normalised);
  EXPECT_EQ(district(r), "D1");
  r = m.match(names({}, {"Al-Hawta"}));
  EXPECT_EQ(r.level, MatchLevel::Normalised);
  EXPECT_EQ(district(r), "D2");
  r = m.match(names({}, {"Radfun"}));
  EXPECT_EQ(r.status, MatchStatus::Matched);
  EXPECT_EQ(r.level, MatchLevel::Fuzzy);
  EXPECT_LT(r.score, 1.0);
  EXPECT_GE(r.score, 0.9);
  EXPECT_EQ(district(r), "D1");
}

TEST(NameMatcher, GenericWordsAreAWeakerNormalisedLevel) {
  const NameMatcher m(sample(), {});
  auto r = m.match(names({"محافظة لحج"}, {"مديرية ردفان"}));
  EXPECT_EQ(r.status, MatchStatus::Matched);
  EXPECT_EQ(r.level, MatchLevel::Normalised);
  EXPECT_EQ(district(r), "D1");
  EXPECT_EQ(governorate(r), "G1");
  NameMatchOptions keep;
  keep.strip_words = false;
  EXPECT_NE(NameMatcher(sample(), keep).match(names({}, {"Radfan District"})).level, MatchLevel::Normalised);
}

TEST(NameMatcher, CityAndDistrictOfOneNameStayApart) {
  const NameMatcher m(sample(), {});
  EXPECT_EQ(district(m.match(names({}, {"Marib"}))), "D5");
  EXPECT_EQ(district(m.match(names({}, {"مدينة مأرب"}))), "D6");
  EXPECT_EQ(district(m.match(names({}, {"Marib City"}))), "D6");
}

TEST(NameMatcher, DistrictIsSearchedWithinItsGovernorate) {
  const NameMatcher m(sample(), {});
  auto r = m.match(names({}, {"Az Zahir"}));
  EXPECT_EQ(r.status, MatchStatus::Ambiguous);
  ASSERT_GE(r.levels[1].candidates.size(), 2u);
  std::set<std::string> listed;
  for (const auto& c : r.levels[1].candidates) listed.insert(sample().levels[1].units[static_cast<std::size_t>(c.unit)].code);
  EXPECT_TRUE(listed.count("D3") && listed.count("D4"));
  EXPECT_EQ(r.unit, -1);
  EXPECT_EQ(district(m.match(names({"Taiz"}, {"Az Zahir"}))), "D3");
  EXPECT_EQ(district(m.match(names({"مأرب"}, {"الزاهر"}))), "D4");
}

TEST(NameMatcher, CoarserLevelIsImpliedByTheDistrict) {
  const NameMatcher m(sample(), {});
  const auto r = m.match(names({}, {"Radfan"}));
  EXPECT_EQ(governorate(r), "G1");
  EXPECT_TRUE(r.levels[0].implied);
  EXPECT_EQ(r.level_index, 1);
  // A governorate that matched nothing is filled in, with a note.
  const auto typo = m.match(names({"Xyzzy"}, {"Radfan"}));
  EXPECT_EQ(typo.status, MatchStatus::Matched);
  EXPECT_EQ(governorate(typo), "G1");
  EXPECT_FALSE(typo.notes.empty());
}

TEST(NameMatcher, NothingBelowTheThreshold) {
  const NameMatcher m(sample(), {});
  const auto r = m.match(names({}, {"Xyzzy"}));
  EXPECT_EQ(r.status, MatchStatus::Unmatched);
  EXPECT_EQ(r.unit, -1);
  EXPECT_FALSE(r.levels[1].candidates.empty());  // still listed
  NameMatchOptions lax;
  lax.threshold = 0.5;
  lax.ambiguity_margin = 0;
  EXPECT_EQ(NameMatcher(sample(), lax).match(names({}, {"Radfxx"})).status, MatchStatus::Matched);
  EXPECT_EQ(m.match(names({}, {"Radfxx"})).status, MatchStatus::Unmatched);
}

TEST(NameMatcher, TooCloseToCallIsAmbiguous) {
  // "hamdin" differs from "hamdan" and "hamdun" by one vowel at the same
  // place, so the two scores are equal whatever the measure.
  NameMatchOptions o;
  const auto r = NameMatcher(sample(), o).match(names({}, {"Hamdin"}));
  EXPECT_EQ(r.status, MatchStatus::Ambiguous);
  ASSERT_GE(r.levels[1].candidates.size(), 2u);
  EXPECT_DOUBLE_EQ(r.levels[1].candidates[0].score, r.levels[1].candidates[1].score);
}

TEST(NameMatcher, SpellingsThatDisagreeAreAmbiguous) {
  const NameMatcher m(sample(), {});
  EXPECT_EQ(m.match(names({}, {"Radfan", "ردفان"})).status, MatchStatus::Matched);
  const auto r = m.match(names({}, {"Radfan", "الحوطة"}));
  EXPECT_EQ(r.status, MatchStatus::Ambiguous);
  EXPECT_EQ(r.unit, -1);
}

TEST(NameMatcher, MixedScriptNameAndEmptyInput) {
  const NameMatcher m(sample(), {});
  EXPECT_EQ(district(m.match(names({}, {"Radfan ردفان"}))), "D1");
  EXPECT_EQ(m.match(names({}, {""})).status, MatchStatus::NotGiven);
  EXPECT_EQ(m.match(NameQuery{}).status, MatchStatus::NotGiven);
  const auto digits = m.match(names({}, {"123"}));
  EXPECT_EQ(digits.status, MatchStatus::Unmatched);
  EXPECT_FALSE(digits.notes.empty());
  NameQuery too_deep;
  too_deep.names = {{}, {}, {"x"}};
  EXPECT_THROW(m.match(too_deep), engine::Error);
}

TEST(NameMatcher, PCodesAndTheirConflictsWithNames) {
  const NameMatcher m(sample(), {});
  NameQuery q;
  q.codes = {" D9 "};
  auto r = m.match(q);
  EXPECT_EQ(r.status, MatchStatus::Matched);
  EXPECT_EQ(r.level, MatchLevel::PCode);
  EXPECT_EQ(district(r), "D9");
  EXPECT_EQ(governorate(r), "G1");
  q.names = {{}, {"Yafa'a"}};
  EXPECT_EQ(m.match(q).status, MatchStatus::Matched);
  q.names = {{}, {"Radfan"}};  // the code says Yafi', the name Radfan
  r = m.match(q);
  EXPECT_EQ(r.status, MatchStatus::Ambiguous);
  EXPECT_EQ(r.levels[1].candidates.size(), 2u);
  q.names = {{"Ta'iz"}, {}};  // D9 is not in Ta'iz
  EXPECT_EQ(m.match(q).status, MatchStatus::Ambiguous);
  q = {};
  q.codes = {"D99"};
  r = m.match(q);
  EXPECT_EQ(r.status, MatchStatus::Unmatched);
  EXPECT_NE(r.notes.at(0).find("D99"), std::string::npos);
}

TEST(NameMatcher, CrosswalkTranslatesOldCodesFirst) {
  NameTables t;
  t.crosswalk = {{"D1", "D9"}, {"OLD2", "D2"}};  // old D1 is today's D9: renumbered
  const NameMatcher m(sample(), {}, t);
  NameQuery q;
  q.codes = {"D1"};
  auto r = m.match(q);
  EXPECT_EQ(r.level, MatchLevel::Crosswalk);
  EXPECT_EQ(district(r), "D9");
  q.codes = {"OLD2"};
  EXPECT_EQ(district(m.match(q)), "D2");
  q.codes = {"D5"};  // not in the crosswalk: a current code
  r = m.match(q);
  EXPECT_EQ(r.level, MatchLevel::PCode);
  EXPECT_EQ(district(r), "D5");
}

TEST(NameMatcher, AliasesAddSpellings) {
  NameTables t;
  t.aliases = {{"D1", "Habilayn", 1}, {"D1", "الحبيلين", 2}, {"NOPE", "x", 3}};
  const NameMatcher m(sample(), {}, t);
  auto r = m.match(names({}, {"Al Habilayn"}));
  EXPECT_EQ(r.status, MatchStatus::Matched);
  EXPECT_EQ(r.level, MatchLevel::Alias);
  EXPECT_EQ(district(r), "D1");
  EXPECT_EQ(district(m.match(names({}, {"الحبيلين"}))), "D1");
  ASSERT_EQ(m.warnings().size(), 1u);
  EXPECT_NE(m.warnings()[0].find("NOPE"), std::string::npos);
}

TEST(NameMatcher, OutsideTheGivenGovernorateOnlyWhenAsked) {
  const auto query = names({"Ta'iz"}, {"Radfan"});  // Radfan is in Lahj
  auto r = NameMatcher(sample(), {}).match(query);
  EXPECT_EQ(r.status, MatchStatus::Unmatched);
  EXPECT_EQ(governorate(r), "G2");
  bool hinted = false;
  for (const auto& n : r.notes) hinted = hinted || n.find("D1") != std::string::npos;
  EXPECT_TRUE(hinted);
  NameMatchOptions wide;
  wide.search_outside_parent = true;
  r = NameMatcher(sample(), wide).match(query);
  EXPECT_EQ(r.status, MatchStatus::Matched);
  EXPECT_EQ(district(r), "D1");
  EXPECT_EQ(governorate(r), "G1");  // corrected, with a note
  EXPECT_FALSE(r.notes.empty());
  // Fuzzy matches are never taken from outside.
  EXPECT_EQ(NameMatcher(sample(), wide).match(names({"Ta'iz"}, {"Radfun"})).status, MatchStatus::Unmatched);
}

TEST(NameMatcher, AmbiguousGovernorateIsResolvedByTheDistrict) {
  // "Marib" is both a governorate and a district name; as a governorate
  // it matches G3 only.  Two spellings of two governorates: ambiguous, then
  // the district decides.
  const NameMatcher m(sample(), {});
  const auto r = m.match(names({"Lahj", "Taiz"}, {"Yafi"}));
  EXPECT_EQ(r.status, MatchStatus::Matched);
  EXPECT_EQ(district(r), "D9");
  EXPECT_EQ(governorate(r), "G1");
}

TEST(NameMatchOptions, ValidateRejectsOutOfRangeValues) {
  NameMatchOptions o;
  EXPECT_NO_THROW(o.validate());
  o.threshold = 0;
  EXPECT_THROW(o.validate(), engine::Error);
  o = {};
  o.threshold = 1.5;
  EXPECT_THROW(o.validate(), engine::Error);
  o = {};
  o.ambiguity_margin = -0.1;
  EXPECT_THROW(o.validate(), engine::Error);
  o = {};
  o.candidates = 0;
  EXPECT_THROW(o.validate(), engine::Error);
  o = {};
  o.crosswalk.source.source = "x.csv";
  o.crosswalk.old_field = "";
  EXPECT_THROW(o.validate(), engine::Error);
  o = {};
  o.threshold = 2;
  EXPECT_THROW(NameMatcher(sample(), o), engine::Error);
}

}  // namespace

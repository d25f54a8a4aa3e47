// Name matching on real gazetteers against the OCHA COD-AB districts of
// Yemen (../shared/data, SOURCES.md sections 1, 2, 7).  Every dataset has a
// truth that the matcher did not produce:
//   - Yemen-info (Arabic): tests/names/data/yemen_info_district_truth.csv,
//     built by an independent Python script (strict-name join + sub-district
//     vote, hand-checked remainder; see the script's header);
//   - REACH 2019 (English): the OCHA district with the largest geodesic
//     overlap of each REACH polygon;
//   - map-yemen (English): its old numeric codes through the REACH P-code
//     crosswalk.
// Bounds from the issue: at least 97 % matched correctly, at most 0.5 %
// matched wrongly (a wrong match is worse than none).

#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <map>

#include "engine/boundaries.hpp"
#include "engine/names/name_matcher.hpp"
#include "engine/names/name_tables.hpp"
#include "geo/geodesic.hpp"
#include "geo/vector_reader.hpp"
#include "support/test_support.hpp"

namespace {

using engine::names::MatchStatus;
using testing_support::shared_data;

// Governorates and districts of the 2019 COD, linked by ADM1_PCODE.
const engine::Boundaries& ocha() {
  static const engine::Boundaries b = [] {
    engine::AdminLevelSpec gov;
    gov.name = "governorates";
    gov.level = 1;
    gov.source.source = shared_data("boundaries/yem_adm1.gpkg");
    gov.code = "ADM1_PCODE", gov.name_en = "ADM1_EN", gov.name_ar = "ADM1_AR";
    engine::AdminLevelSpec dist;
    dist.name = "districts";
    dist.level = 2;
    dist.source.source = shared_data("boundaries/yem_adm2.gpkg");
    dist.code = "ADM2_PCODE", dist.name_en = "ADM2_EN", dist.name_ar = "ADM2_AR", dist.parent = "ADM1_PCODE";
    engine::SilentProgress silent;
    return engine::load_boundaries({gov, dist}, silent);
  }();
  return b;
}

std::vector<std::map<std::string, std::string>> read_rows(const std::string& source) {
  geo::ReadOptions o;
  o.text_fields = true;
  geo::VectorReader reader(source, o);
  std::vector<std::map<std::string, std::string>> rows;
  reader.for_each([&](const geo::FeatureView& f) {
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < reader.fields().size(); ++i) row[reader.fields()[i].name] = f.text(static_cast<int>(i));
    rows.push_back(std::move(row));
    return true;
  });
  return rows;
}

struct Tally {
  int total = 0, correct = 0, wrong = 0, ambiguous = 0, unmatched = 0;
  std::string misses;
  double recall() const { return 100.0 * correct / total; }
  double wrong_rate() const { return 100.0 * wrong / total; }
  double precision() const { return correct + wrong == 0 ? 100.0 : 100.0 * correct / (correct + wrong); }
};

// Matches governorate + district names and compares the district with the truth.
void score(Tally& t, const engine::names::NameMatcher& matcher, const std::vector<std::string>& gov,
           const std::vector<std::string>& district, const std::string& truth) {
  engine::names::NameQuery q;
  q.names = {gov, district};
  const auto m = matcher.match(q);
  ++t.total;
  const auto& d = m.levels[1];
  const std::string got = d.status == MatchStatus::Matched ? ocha().levels[1].units[static_cast<std::size_t>(d.unit)].code : "";
  if (m.status == MatchStatus::Matched && got == truth) {
    ++t.correct;
    return;
  }
  if (m.status == MatchStatus::Matched) ++t.wrong;
  else if (m.status == MatchStatus::Ambiguous) ++t.ambiguous;
  else ++t.unmatched;
  std::string cands;
  for (const auto& c : d.candidates)
    cands += " " + ocha().levels[1].units[static_cast<std::size_t>(c.unit)].code + ":" + c.spelling + ":" + std::to_string(c.score).substr(0, 5);
  t.misses += "  " + std::string(engine::names::to_string(m.status)) + " '" + (gov.empty() ? "" : gov[0]) + "' / '" + district[0] +
              "' truth " + truth + " got " + got + " |" + cands + "\n";
}

void report(const std::string& dataset, const Tally& t) {
  std::cout << dataset << ": " << t.total << " rows, " << t.correct << " correct (" << t.recall() << " %), " << t.wrong
            << " wrong (" << t.wrong_rate() << " %), " << t.ambiguous << " ambiguous, " << t.unmatched
            << " unmatched; precision " << t.precision() << " %\n"
            << t.misses;
  ::testing::Test::RecordProperty(dataset + "_recall_percent", std::to_string(t.recall()));
  ::testing::Test::RecordProperty(dataset + "_precision_percent", std::to_string(t.precision()));
  EXPECT_GE(t.recall(), 97.0) << dataset;
  EXPECT_LE(t.wrong_rate(), 0.5) << dataset;
}

std::map<std::string, std::string> yemen_info_truth() {
  std::map<std::string, std::string> truth;
  for (auto& row : read_rows(testing_support::source_path("tests/names/data/yemen_info_district_truth.csv")))
    truth[row["district_id"]] = row["pcode"];
  return truth;
}

TEST(RealGazetteer, YemenInfoArabicDistrictsWithAndWithoutTashkeel) {
  const engine::names::NameMatcher matcher(ocha(), {});
  const auto truth = yemen_info_truth();
  ASSERT_EQ(truth.size(), 335u);
  Tally plain, vowelled;
  for (auto& row : read_rows(shared_data("gazetteer/yemen_info_districts.csv"))) {
    const std::string& expected = truth.at(row["district_id"]);
    score(plain, matcher, {row["governorate_name_ar"]}, {row["name_ar"]}, expected);
    score(vowelled, matcher, {row["governorate_name_ar"]}, {row["name_ar_tashkeel"]}, expected);
  }
  report("yemen_info_name_ar", plain);
  report("yemen_info_name_ar_tashkeel", vowelled);
}

TEST(RealGazetteer, YemenInfoArabicDistrictsWithoutGovernorate) {
  // Without the governorate the matcher must search all 335 districts; a
  // name shared by two governorates must come out ambiguous, never wrong.
  const engine::names::NameMatcher matcher(ocha(), {});
  const auto truth = yemen_info_truth();
  Tally t;
  for (auto& row : read_rows(shared_data("gazetteer/yemen_info_districts.csv")))
    score(t, matcher, {}, {row["name_ar"]}, truth.at(row["district_id"]));
  std::cout << "yemen_info_name_ar_no_governorate: " << t.correct << "/" << t.total << " correct, " << t.wrong << " wrong, "
            << t.ambiguous << " ambiguous\n";
  EXPECT_LE(t.wrong_rate(), 0.5);
  EXPECT_GE(t.recall(), 90.0);
}

// The OCHA governorates and districts without district `skip`, names only:
// a gazetteer whose true district is missing must not be matched to another.
engine::Boundaries without_district(const std::string& skip) {
  engine::Boundaries b;
  b.levels.resize(2);
  for (std::size_t l = 0; l < 2; ++l) {
    b.levels[l].spec = ocha().levels[l].spec;
    for (const auto& u : ocha().levels[l].units) {
      if (l == 1 && u.code == skip) continue;
      engine::AdminUnit copy;
      copy.code = u.code, copy.name_en = u.name_en, copy.name_ar = u.name_ar, copy.parent = u.parent;
      b.levels[l].by_code[copy.code] = static_cast<std::int32_t>(b.levels[l].units.size());
      b.levels[l].units.push_back(std::move(copy));
    }
  }
  return b;
}

// Leave-one-out: every gazetteer row against the districts without its own.
// Any match is wrong, so this measures how often the matcher would guess
// when the right unit is missing (a renamed or new district).
TEST(RealGazetteer, MissingTrueDistrictIsNotReplacedByAnother) {
  const auto truth = yemen_info_truth();
  std::map<std::string, std::string> old_to_new;
  for (auto& row : read_rows(shared_data("gazetteer/yem_adm2_pcode_crosswalk_reach_v4_20190722.csv")))
    if (!row["admin2oldp"].empty()) old_to_new[row["admin2oldp"]] = row["admin2pcod"];
  struct Row { std::vector<std::string> gov, district; std::string truth; };
  std::vector<Row> arabic, english;
  for (auto& row : read_rows(shared_data("gazetteer/yemen_info_districts.csv")))
    arabic.push_back({{row["governorate_name_ar"]}, {row["name_ar"]}, truth.at(row["district_id"])});
  for (auto& row : read_rows(shared_data("gazetteer/map_yemen_district_names.csv")))
    english.push_back({{row["governorate"]}, {row["district"]}, old_to_new.at("YE" + row["district_marker"])});
  for (const auto* rows : {&arabic, &english}) {
    int guessed = 0;
    std::string examples;
    for (const Row& r : *rows) {
      const engine::Boundaries b = without_district(r.truth);
      const engine::names::NameMatcher matcher(b, {});
      engine::names::NameQuery q;
      q.names = {r.gov, r.district};
      const auto m = matcher.match(q);
      if (m.status != MatchStatus::Matched || m.level_index != 1) continue;
      ++guessed;
      examples += "  '" + r.district[0] + "' (" + r.truth + ") -> " + b.levels[1].units[static_cast<std::size_t>(m.unit)].code + " " +
                  b.levels[1].units[static_cast<std::size_t>(m.unit)].name_en + " " + engine::names::to_string(m.level) + " " +
                  std::to_string(m.score) + "\n";
    }
    const double rate = 100.0 * guessed / static_cast<double>(rows->size());
    std::cout << (rows == &arabic ? "yemen_info_name_ar" : "map_yemen_district_en") << " leave-one-out: " << guessed << " of "
              << rows->size() << " matched another district (" << rate << " %)\n" << examples;
    EXPECT_LE(rate, 5.0);
  }
}

// The OCHA district whose shape agrees best with each REACH polygon: the
// largest intersection over union of geodesic areas.  Not simply the
// largest overlap: the REACH copy is an older boundary version, and a small
// REACH unit (Al Mu'alla, a Hodeidah city district) can lie mostly in a big
// neighbour, which the largest overlap would call its truth; the union in
// the denominator stops big neighbours from winning.
std::vector<std::string> overlay_truth(const std::vector<geo::Geometry>& reach, int& differs_from_largest_overlap) {
  const auto& units = ocha().levels[1].units;
  std::vector<std::string> truth;
  differs_from_largest_overlap = 0;
  for (const geo::Geometry& r : reach) {
    const geo::Envelope e = r.envelope();
    const double r_area = geo::geodesic_area_m2(r);
    double best_iou = 0, largest = 0;
    std::string best, by_largest;
    for (const auto& u : units) {
      const geo::Envelope ue = u.shape.envelope();
      if (ue.min_x > e.max_x || ue.max_x < e.min_x || ue.min_y > e.max_y || ue.max_y < e.min_y) continue;
      const geo::Geometry overlap = r.intersection(u.shape);
      if (overlap.is_empty()) continue;
      const double area = geo::geodesic_area_m2(overlap);
      const double iou = area / (r_area + u.area_km2 * 1e6 - area);
      if (iou > best_iou) best_iou = iou, best = u.code;
      if (area > largest) largest = area, by_largest = u.code;
    }
    if (best != by_largest) ++differs_from_largest_overlap;
    truth.push_back(best);
  }
  return truth;
}

TEST(RealGazetteer, Reach2019EnglishDistrictsAgainstSpatialOverlay) {
  const std::string source = shared_data("boundaries/yem_adm2_reach2019_333.gpkg");
  const auto shapes = testing_support::load_polygons(source);
  const auto rows = read_rows(source);
  ASSERT_EQ(rows.size(), 333u);
  int differs = 0;
  const auto truth = overlay_truth(shapes, differs);
  std::cout << "REACH overlay truth: " << differs << " of 333 differ between largest overlap and largest intersection over union\n";
  EXPECT_LE(differs, 10);
  const engine::names::NameMatcher matcher(ocha(), {});
  Tally t;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto row = rows[i];
    score(t, matcher, {row["admin1name"]}, {row["admin2name"]}, truth[i]);
  }
  report("reach2019_admin2name_en", t);
}

TEST(RealGazetteer, MapYemenEnglishDistrictsAgainstOldCodesThroughCrosswalk) {
  std::map<std::string, std::string> old_to_new;
  for (auto& row : read_rows(shared_data("gazetteer/yem_adm2_pcode_crosswalk_reach_v4_20190722.csv")))
    if (!row["admin2oldp"].empty()) old_to_new[row["admin2oldp"]] = row["admin2pcod"];
  const engine::names::NameMatcher matcher(ocha(), {});
  Tally t;
  for (auto& row : read_rows(shared_data("gazetteer/map_yemen_district_names.csv"))) {
    const std::string truth = old_to_new.at("YE" + row["district_marker"]);
    score(t, matcher, {row["governorate"]}, {row["district"]}, truth);
  }
  report("map_yemen_district_en", t);
}

// Legacy P-codes: every district the 2019 COD renumbered lands on its new
// code through the crosswalk file, read as a table like any user's would be.
TEST(RealGazetteer, LegacyDistrictCodesThroughTheCrosswalk) {
  const std::string file = shared_data("gazetteer/yem_adm2_pcode_crosswalk_reach_v4_20190722.csv");
  engine::names::NameMatchOptions options;
  options.crosswalk.source.source = file;
  options.crosswalk.old_field = "admin2oldp";
  options.crosswalk.new_field = "admin2pcod";
  const auto tables = engine::names::load_name_tables(options);
  const engine::names::NameMatcher with(ocha(), options, tables);
  const engine::names::NameMatcher without(ocha(), {});
  EXPECT_TRUE(with.warnings().empty());
  int renumbered = 0, silently_wrong_without = 0;
  for (auto& row : read_rows(file)) {
    const std::string& old_code = row["admin2oldp"];
    const std::string& new_code = row["admin2pcod"];
    if (old_code.empty() || old_code == new_code) continue;
    ++renumbered;
    engine::names::NameQuery q;
    q.codes = {old_code};
    q.names = {{}, {row["admin2name"]}};
    const auto m = with.match(q);
    EXPECT_EQ(m.status, MatchStatus::Matched) << old_code;
    EXPECT_EQ(m.levels[1].level, engine::names::MatchLevel::Crosswalk) << old_code;
    ASSERT_GE(m.unit, 0) << old_code;
    EXPECT_EQ(ocha().levels[1].units[static_cast<std::size_t>(m.unit)].code, new_code) << old_code;
    // The code alone, too.
    q.names.clear();
    const auto code_only = with.match(q);
    ASSERT_GE(code_only.unit, 0) << old_code;
    EXPECT_EQ(ocha().levels[1].units[static_cast<std::size_t>(code_only.unit)].code, new_code) << old_code;
    // Without the crosswalk, an old code that is some other district's
    // current code must not be matched silently when the name disagrees.
    q.names = {{}, {row["admin2name"]}};
    const auto bare = without.match(q);
    if (bare.status == MatchStatus::Matched && ocha().levels[1].units[static_cast<std::size_t>(bare.unit)].code != new_code)
      ++silently_wrong_without;
  }
  EXPECT_EQ(renumbered, 28);  // SOURCES.md 7c: 28 districts have a different old code
  EXPECT_EQ(silently_wrong_without, 0);
}

}  // namespace

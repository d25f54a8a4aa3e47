// The `names:` project-file section and the alias / crosswalk tables.

#include <gtest/gtest.h>

#include "engine/error.hpp"
#include "engine/names/name_match_options.hpp"
#include "engine/names/name_tables.hpp"
#include "engine/yaml_section.hpp"
#include "support/test_support.hpp"

namespace {

using engine::names::NameMatchOptions;
using engine::names::parse_name_match_options;

NameMatchOptions parse(const std::string& yaml, const std::string& base = "/data/project") {
  const YAML::Node node = YAML::Load(yaml);
  engine::Section s(node, "names", "project.yaml");
  return parse_name_match_options(s, base);
}

std::string error_of(const std::string& yaml) {
  try {
    parse(yaml);
  } catch (const engine::Error& e) {
    return std::string(e.what()) + " | " + e.hint();
  }
  return "";
}

TEST(NameMatchSection, DefaultsWhenEmptyAndEveryKeyRead) {
  const NameMatchOptions d = parse("{}");
  EXPECT_DOUBLE_EQ(d.threshold, NameMatchOptions{}.threshold);
  EXPECT_TRUE(d.strip_words);
  EXPECT_TRUE(d.aliases.source.source.empty());
  const NameMatchOptions o = parse(
      "threshold: 0.85\nambiguity_margin: 0.05\nstrip_words: false\nstrip_article: false\nwords: [ناحية, ward]\n"
      "search_outside_parent: true\ncandidates: 5\nsound_penalty: 0.1\n"
      "aliases: {source: tables/aliases.csv, code: pcode, names: [alias_ar, alias_en]}\n"
      "crosswalk: {source: /abs/cw.csv, old: admin2oldp, new: admin2pcod}\n");
  EXPECT_DOUBLE_EQ(o.threshold, 0.85);
  EXPECT_DOUBLE_EQ(o.ambiguity_margin, 0.05);
  EXPECT_DOUBLE_EQ(o.sound_penalty, 0.1);
  EXPECT_FALSE(o.strip_words);
  EXPECT_FALSE(o.strip_article);
  EXPECT_EQ(o.words, (std::vector<std::string>{"ناحية", "ward"}));
  EXPECT_TRUE(o.search_outside_parent);
  EXPECT_EQ(o.candidates, 5);
  EXPECT_EQ(o.aliases.source.source, "/data/project/tables/aliases.csv");  // relative to the project file
  EXPECT_EQ(o.aliases.name_fields, (std::vector<std::string>{"alias_ar", "alias_en"}));
  EXPECT_EQ(o.crosswalk.source.source, "/abs/cw.csv");
  EXPECT_EQ(o.crosswalk.old_field, "admin2oldp");
  EXPECT_EQ(o.crosswalk.new_field, "admin2pcod");
}

TEST(NameMatchSection, StrictKeysAndValuesWithLineNumbers) {
  EXPECT_NE(error_of("treshold: 0.8").find("did you mean 'threshold'"), std::string::npos);
  EXPECT_NE(error_of("threshold: high").find("names.threshold"), std::string::npos);
  EXPECT_NE(error_of("threshold: 1.5").find("threshold"), std::string::npos);
  EXPECT_NE(error_of("crosswalk: {old: a, new: b}").find("source"), std::string::npos);
  EXPECT_NE(error_of("crosswalk: {source: x.csv, olde: a}").find("did you mean 'old'"), std::string::npos);
  EXPECT_NE(error_of("\n\ncandidates: 0").find("line"), std::string::npos);
}

TEST(NameTables, LoadsAliasesAndCrosswalkFromCsv) {
  const auto dir = testing_support::scratch_dir();
  testing_support::write_text(dir / "aliases.csv", "pcode,alias_ar,alias_en\nYE2509,الحبيلين,Habilayn\nYE2507, ,Radfaan\n");
  testing_support::write_text(dir / "cw.csv", "old,new\nYE1503,YE1502\n,YE1319\nYE1101,YE1101\n");
  NameMatchOptions o;
  o.aliases.source.source = (dir / "aliases.csv").string();
  o.aliases.name_fields = {"alias_ar", "alias_en"};
  o.crosswalk.source.source = (dir / "cw.csv").string();
  o.crosswalk.old_field = "old";
  o.crosswalk.new_field = "new";
  const auto t = engine::names::load_name_tables(o);
  ASSERT_EQ(t.aliases.size(), 3u);  // the blank Arabic cell is skipped
  EXPECT_EQ(t.aliases[0].code, "YE2509");
  EXPECT_EQ(t.aliases[1].name, "Habilayn");
  EXPECT_EQ(t.aliases[2].record, 2);
  EXPECT_EQ(t.crosswalk.size(), 2u);  // the row without an old code is skipped
  EXPECT_EQ(t.crosswalk.at("YE1503"), "YE1502");
}

TEST(NameTables, RejectsContradictionsAndMissingFields) {
  const auto dir = testing_support::scratch_dir();
  testing_support::write_text(dir / "cw.csv", "old,new\nYE1503,YE1502\nYE1503,YE1504\n");
  NameMatchOptions o;
  o.crosswalk.source.source = (dir / "cw.csv").string();
  o.crosswalk.old_field = "old";
  o.crosswalk.new_field = "new";
  try {
    engine::names::load_name_tables(o);
    FAIL() << "a crosswalk giving two codes for one old code must be rejected";
  } catch (const engine::Error& e) {
    EXPECT_NE(std::string(e.what()).find("YE1503"), std::string::npos) << e.what();
    EXPECT_EQ(e.where().record, 2);
  }
  o.crosswalk.old_field = "admin2oldp";
  try {
    engine::names::load_name_tables(o);
    FAIL() << "a missing field must be rejected";
  } catch (const engine::Error& e) {
    EXPECT_NE(e.hint().find("old, new"), std::string::npos) << e.hint();
  }
}

}  // namespace

// Fuzz target: name normalisation (Arabic and English transliterations,
// through ICU) and the matcher on a small fixed gazetteer of two levels.
//
// The input is up to three lines: governorate spellings, district
// spellings (several separated by '|') and P-codes (separated by '|').
// Every input is valid: nothing may throw, crash, or give scores outside
// [0, 1] or unit indexes outside the gazetteer.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/boundaries.hpp"
#include "engine/names/arabic_normalize.hpp"
#include "engine/names/jaro_winkler.hpp"
#include "engine/names/latin_normalize.hpp"
#include "engine/names/name_key.hpp"
#include "engine/names/name_matcher.hpp"
#include "fuzz_support.hpp"

namespace {

struct Row {
  const char *code, *en, *ar;
  int parent;
};

engine::AdminLevel level(const char* name, std::initializer_list<Row> rows) {
  engine::AdminLevel l;
  l.spec.name = name;
  for (const Row& r : rows) {
    engine::AdminUnit u;
    u.code = r.code, u.name_en = r.en, u.name_ar = r.ar, u.parent = r.parent;
    l.by_code[u.code] = static_cast<std::int32_t>(l.units.size());
    l.units.push_back(std::move(u));
  }
  return l;
}

// Real Yemeni names with the traps the matcher must handle: one name in
// two governorates (Az Zahir), a district and its city, near-twins, articles,
// hamza and taa marbuta spellings.
const engine::Boundaries& gazetteer() {
  static const engine::Boundaries b = [] {
    engine::Boundaries s;
    s.levels.push_back(level("governorates", {{"YE25", "Lahj", "لحج", -1},
                                              {"YE15", "Ta'iz", "تعز", -1},
                                              {"YE26", "Ma'rib", "مأرب", -1},
                                              {"YE24", "Aden", "عدن", -1}}));
    s.levels.push_back(level("districts", {{"YE2507", "Radfan", "ردفان", 0},
                                           {"YE2515", "Al Hawtah", "الحوطة", 0},
                                           {"YE1501", "Az Zahir", "الظاهر", 1},
                                           {"YE2601", "Az Zahir", "الزاهر", 2},
                                           {"YE2606", "Ma'rib", "مارب", 2},
                                           {"YE2607", "Ma'rib City", "مدينة مأرب", 2},
                                           {"YE1517", "Hamdan", "همدان", 1},
                                           {"YE1518", "Al Mawasit", "المواسط", 1},
                                           {"YE2403", "Ash Shaykh Uthman", "الشيخ عثمان", 3},
                                           {"YE2405", "Khawr Maksar", "خور مكسر", 3}}));
    return s;
  }();
  return b;
}

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i)
    if (i == text.size() || text[i] == separator) {
      if (i > start) out.emplace_back(text.substr(start, i - start));
      start = i + 1;
    }
  return out;
}

void check_level(const engine::names::LevelMatch& m, std::size_t units) {
  fuzz::require(m.unit >= -1 && m.unit < static_cast<std::int32_t>(units), "matched unit inside its level");
  fuzz::require(m.score >= 0 && m.score <= 1, "level score in [0, 1]");
  for (const auto& c : m.candidates) {
    fuzz::require(c.unit >= 0 && c.unit < static_cast<std::int32_t>(units), "candidate inside its level");
    fuzz::require(c.score >= 0 && c.score <= 1, "candidate score in [0, 1]");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static const engine::names::NameMatcher matcher(gazetteer(), {});
  const engine::names::NormalizeRules rules{.strip_article = true, .strip_words = true};

  // The normalisers and keys on the whole input as one name.
  (void)engine::names::normalize_arabic(text, rules);
  (void)engine::names::normalize_latin(text, rules);
  for (const auto& word : engine::names::arabic_words(text, rules)) (void)engine::names::arabic_sound_key(word);
  for (const auto& word : engine::names::latin_words(text, rules)) (void)engine::names::latin_sound_key(word);
  static const std::vector<engine::names::NameKey> unit_keys = [&] {
    std::vector<engine::names::NameKey> out;
    for (const auto& level : gazetteer().levels)
      for (const auto& unit : level.units)
        for (const std::string* name : {&unit.name_ar, &unit.name_en})
          for (auto& k : engine::names::make_keys(*name, rules)) out.push_back(std::move(k));
    return out;
  }();
  for (const auto& a : engine::names::make_keys(text, rules))
    for (const auto& b : unit_keys) {
      if (b.script != a.script) continue;
      const double s = engine::names::fuzzy_similarity(a, b, 0.03);
      fuzz::require(s >= 0 && s <= 1, "fuzzy similarity in [0, 1]");
      const double jw = engine::names::jaro_winkler(a.full, b.full);
      fuzz::require(jw >= 0 && jw <= 1, "Jaro-Winkler in [0, 1]");
    }

  // The matcher on the input read as a record.
  const std::vector<std::string> lines = split(text, '\n');
  engine::names::NameQuery query;
  query.names.resize(2);
  if (lines.size() > 0) query.names[0] = split(lines[0], '|');
  if (lines.size() > 1) query.names[1] = split(lines[1], '|');
  if (lines.size() > 2) query.codes = split(lines[2], '|');
  const engine::names::NameMatch m = matcher.match(query);
  fuzz::require(m.levels.size() == 2, "one result per level");
  for (std::size_t l = 0; l < 2; ++l) check_level(m.levels[l], gazetteer().levels[l].units.size());
  fuzz::require(m.level_index >= -1 && m.level_index < 2, "matched level index");
  if (m.status == engine::names::MatchStatus::Matched) fuzz::require(m.unit >= 0, "a match names its unit");
  return 0;
}

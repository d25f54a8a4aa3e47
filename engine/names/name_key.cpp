#include "engine/names/name_key.hpp"

#include <algorithm>

#include "engine/names/arabic_normalize.hpp"
#include "engine/names/jaro_winkler.hpp"
#include "engine/names/latin_normalize.hpp"

namespace engine::names {
namespace {

constexpr double kSpacingVariant = 0.95;

std::u32string concat(const std::vector<std::u32string>& words) {
  std::u32string out;
  for (const auto& w : words) out += w;
  return out;
}

// Case-folded, compatibility-composed text with runs of spaces made one:
// what "the same name typed the same way" means.
std::u32string exact_form(std::string_view text) {
  std::u32string out;
  bool space = false;
  for (char32_t c : fold_compatibility(text)) {
    if (c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\u00A0') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(U' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

bool has_letter_of(std::string_view text, Script script) {
  for (char32_t c : to_u32(text))
    if (is_letter(c) && script_of(c) == script) return true;
  return false;
}

NameKey key_of(Script script, std::u32string exact, const std::vector<std::u32string>& full,
               const std::vector<std::u32string>& core) {
  NameKey k;
  k.script = script;
  k.exact = std::move(exact);
  k.full = concat(full);
  k.core = concat(core);
  k.words = core;
  for (const auto& w : core) k.sounds.push_back(script == Script::Arabic ? arabic_sound_key(w) : latin_sound_key(w));
  k.sound = concat(k.sounds);
  return k;
}

// Sound keys of two or fewer symbols ("sd" for both "Sudah" and "Sawd") say
// too little to count.
double sound_similarity(std::u32string_view a, std::u32string_view b, double penalty) {
  if (a.size() < 3 || b.size() < 3) return 0;
  return jaro_winkler(a, b) - penalty;
}

// Words of both names paired one to one, most similar pairs first; every
// word counts with its length, unpaired words with similarity 0.
double word_similarity(const NameKey& a, const NameKey& b, double sound_penalty) {
  struct Pair {
    double similarity;
    std::size_t i, j;
  };
  std::vector<Pair> pairs;
  for (std::size_t i = 0; i < a.words.size(); ++i)
    for (std::size_t j = 0; j < b.words.size(); ++j)
      pairs.push_back({std::max(jaro_winkler(a.words[i], b.words[j]), jaro_winkler(a.sounds[i], b.sounds[j]) - sound_penalty), i, j});
  std::stable_sort(pairs.begin(), pairs.end(), [](const Pair& x, const Pair& y) { return x.similarity > y.similarity; });
  std::vector<bool> used_a(a.words.size(), false), used_b(b.words.size(), false);
  double weighted = 0, letters = 0;
  for (const Pair& p : pairs) {
    if (used_a[p.i] || used_b[p.j]) continue;
    used_a[p.i] = used_b[p.j] = true;
    weighted += p.similarity * static_cast<double>(a.words[p.i].size() + b.words[p.j].size());
  }
  for (const auto& w : a.words) letters += static_cast<double>(w.size());
  for (const auto& w : b.words) letters += static_cast<double>(w.size());
  return letters == 0 ? 0 : weighted / letters;
}

}  // namespace

std::vector<NameKey> make_keys(std::string_view text, const NormalizeRules& rules) {
  std::vector<NameKey> keys;
  NormalizeRules full_rules = rules;
  full_rules.strip_words = false;
  const std::u32string exact = exact_form(text);
  if (has_letter_of(text, Script::Arabic)) {
    const auto full = arabic_words(text, full_rules);
    if (!full.empty()) keys.push_back(key_of(Script::Arabic, exact, full, rules.strip_words ? arabic_words(text, rules) : full));
  }
  if (has_letter_of(text, Script::Latin)) {
    const auto full = latin_words(text, full_rules);
    if (!full.empty()) keys.push_back(key_of(Script::Latin, exact, full, rules.strip_words ? latin_words(text, rules) : full));
  }
  return keys;
}

double fuzzy_similarity(const NameKey& a, const NameKey& b, double sound_penalty) {
  const double letters = std::max({jaro_winkler(a.full, b.full), jaro_winkler(a.core, b.core),
                                   sound_similarity(a.sound, b.sound, sound_penalty), 0.0});
  if (a.words.size() <= 1 && b.words.size() <= 1) return letters;
  const double words = word_similarity(a, b, sound_penalty);
  // Nearly the same letters in a different number of words: a spacing
  // variant ("Dhi Bin" ~ "Dhibain").  Otherwise letters alone would let a
  // shared first word carry the score ("Wusab As Safil" ~ "Wusab Al Aali").
  if (a.words.size() != b.words.size() && letters >= kSpacingVariant) return std::max(letters, words);
  return words;
}

}  // namespace engine::names

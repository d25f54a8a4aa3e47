#include "engine/names/latin_normalize.hpp"

#include <algorithm>
#include <array>

#include "engine/names/unicode_text.hpp"

namespace engine::names {
namespace {

bool is_apostrophe(char32_t c) {
  switch (c) {
    case U'\'': case U'\u2019': case U'\u2018': case U'\u02BF': case U'\u02BE': case U'\u02BB':
    case U'\u02BC': case U'\u02BD': case U'`': case U'\u00B4': case U'\u2032': return true;
    default: return false;
  }
}

bool is_vowel(char32_t c) { return c == U'a' || c == U'e' || c == U'i' || c == U'o' || c == U'u'; }

std::vector<std::u32string> split_words(std::string_view text) {
  std::vector<std::u32string> words;
  std::u32string word;
  auto flush = [&] {
    if (word == U"and") word = U"wa";
    if (!word.empty()) words.push_back(word);
    word.clear();
  };
  // Marks are stripped before apostrophes are looked at: "ʿ" is a modifier
  // letter, not a mark, so it survives to be removed below.
  for (char32_t c : strip_marks(fold_compatibility(text))) {
    if (is_apostrophe(c)) continue;
    if (const int d = digit_value(c); d >= 0) {
      word.push_back(static_cast<char32_t>(U'0' + d));
    } else if (c == U'&') {
      flush();
      words.push_back(U"wa");
    } else if (script_of(c) == Script::Latin && is_letter(c)) {
      word.push_back(c);
    } else {
      flush();
    }
  }
  flush();
  return words;
}

const std::array<std::u32string_view, 19> kArticles = {U"al", U"el", U"il", U"ul", U"as", U"ash", U"es", U"at", U"ath", U"et",
                                                       U"ad", U"adh", U"ed", U"an", U"en", U"ar", U"er", U"az", U"ez"};

// "attawahi" -> "tawahi", "ashshaykh" -> "shaykh", "alluhayah" -> "luhayah":
// an article glued to its word, recognisable by the doubled sun letter.
void strip_attached_article(std::u32string& w) {
  static const std::array<std::u32string_view, 10> kSun = {U"th", U"dh", U"sh", U"t", U"d", U"r", U"z", U"s", U"n", U"l"};
  if (w.size() < 6 || w[0] != U'a') return;
  for (std::u32string_view sun : kSun) {
    const std::size_t n = sun.size();
    if (w.compare(1, n, sun) == 0 && w.compare(1 + n, n, sun) == 0 && w.size() - 1 - n >= 4) {
      w.erase(0, 1 + n);
      return;
    }
  }
}

void replace_all(std::u32string& w, std::u32string_view from, std::u32string_view to) {
  for (std::size_t at = w.find(from); at != std::u32string::npos; at = w.find(from, at + to.size()))
    w.replace(at, from.size(), to);
}

void collapse_doubles(std::u32string& w) {
  w.erase(std::unique(w.begin(), w.end(), [](char32_t a, char32_t b) { return a == b && a > U'9'; }), w.end());
}

// Rules 5 and 6 on one word.
void unify_spelling(std::u32string& w) {
  replace_all(w, U"ee", U"i");
  replace_all(w, U"oo", U"u");
  replace_all(w, U"ou", U"u");
  std::replace(w.begin(), w.end(), U'o', U'u');
  collapse_doubles(w);
  replace_all(w, U"ai", U"ay");
  replace_all(w, U"ei", U"ay");
  replace_all(w, U"ey", U"ay");
  replace_all(w, U"au", U"aw");
  for (std::size_t at = w.find(U"iy"); at != std::u32string::npos; at = w.find(U"iy", at + 1))
    if (at + 2 < w.size() && is_vowel(w[at + 2])) w.erase(at + 1, 1);
  if (w.size() > 2 && w.back() == U'h' && is_vowel(w[w.size() - 2])) w.pop_back();
  collapse_doubles(w);
}

std::vector<std::u32string> normalized_words(const std::vector<std::string>& words) {
  std::vector<std::u32string> out;
  for (const std::string& w : words)
    for (auto& part : split_words(w)) out.push_back(part);
  return out;
}

std::vector<std::u32string> normalized_strip_words(const NormalizeRules& rules) {
  // The defaults are normalised once: matching calls this for every name.
  static const std::vector<std::u32string> defaults = normalized_words(default_strip_words());
  return rules.words.empty() ? defaults : normalized_words(rules.words);
}

}  // namespace

std::vector<std::u32string> latin_words(std::string_view text, const NormalizeRules& rules) {
  std::vector<std::u32string> words = split_words(text);
  if (rules.strip_words) {
    const auto generic = normalized_strip_words(rules);
    std::vector<std::u32string> kept;
    for (const auto& w : words)
      if (std::find(generic.begin(), generic.end(), w) == generic.end()) kept.push_back(w);
    if (!kept.empty()) words = std::move(kept);
  }
  if (rules.strip_article) {
    std::vector<std::u32string> kept;
    for (std::size_t i = 0; i < words.size(); ++i) {
      const bool article = std::find(kArticles.begin(), kArticles.end(), words[i]) != kArticles.end();
      if (article && i + 1 < words.size()) continue;  // an article stands before its word
      kept.push_back(words[i]);
    }
    words = std::move(kept);
    for (auto& w : words) strip_attached_article(w);
  }
  for (auto& w : words) unify_spelling(w);
  return words;
}

std::string normalize_latin(std::string_view text, const NormalizeRules& rules) {
  std::u32string joined;
  for (const auto& w : latin_words(text, rules)) {
    if (!joined.empty()) joined.push_back(U' ');
    joined += w;
  }
  return to_utf8(joined);
}

std::u32string latin_sound_key(std::u32string_view word) {
  std::u32string w(word);
  // One symbol per sound that transliterations spell in several ways.
  replace_all(w, U"kh", U"x");
  replace_all(w, U"gh", U"G");
  replace_all(w, U"sh", U"S");
  replace_all(w, U"dh", U"d");
  replace_all(w, U"th", U"t");
  std::replace(w.begin(), w.end(), U'g', U'j');  // Egyptian-style g for jim: "Zingibar" ~ "Zinjibar"
  std::replace(w.begin(), w.end(), U'q', U'k');
  // Vowel quality is the least reliable part of a transliteration: every
  // vowel is written "a"; y/w gliding after a vowel ("ay", "aw") go, and
  // y/w with no vowel beside them stand for one ("Khwlan" ~ "Khawlan").
  std::u32string out;
  for (std::size_t i = 0; i < w.size(); ++i) {
    const char32_t c = w[i];
    if (c == U'y' || c == U'w') {
      const bool after_vowel = i > 0 && is_vowel(w[i - 1]);
      const bool before_vowel = i + 1 < w.size() && is_vowel(w[i + 1]);
      if (after_vowel) continue;
      out.push_back(before_vowel || i == 0 ? c : U'a');
      continue;
    }
    out.push_back(is_vowel(c) ? U'a' : c);
  }
  collapse_doubles(out);
  return out;
}

}  // namespace engine::names

#include "engine/names/arabic_normalize.hpp"

#include <algorithm>

#include "engine/names/unicode_text.hpp"

namespace engine::names {
namespace {

constexpr char32_t kAlef = U'\u0627', kYeh = U'\u064A', kHeh = U'\u0647', kWaw = U'\u0648', kKaf = U'\u0643';
constexpr char32_t kDad = U'\u0636', kZah = U'\u0638';

// Rule 3 (and 2 for tatweel): the letter a code point stands for, 0 to drop
// it, or itself.
char32_t unify_letter(char32_t c) {
  switch (c) {
    case U'\u0623': case U'\u0625': case U'\u0622': case U'\u0671': case U'\u0672': case U'\u0673': return kAlef;
    case U'\u0649': case U'\u06CC': return kYeh;        // alef maqsura, Farsi yeh
    case U'\u0629': case U'\u06C0': case U'\u06C1': case U'\u06D5': return kHeh;  // taa marbuta and heh forms
    case U'\u0624': return kWaw;                         // waw with hamza
    case U'\u0626': return kYeh;                         // yeh with hamza
    case U'\u0621': case U'\u0674': case U'\u0640': return 0;  // hamza on the line, high hamza, tatweel
    case U'\u06A9': return kKaf;                         // keheh
    default: return c;
  }
}

const std::u32string kArticle = U"\u0627\u0644";        // ال
const std::u32string kAllah = U"\u0627\u0644\u0644\u0647";  // الله

std::vector<std::u32string> split_words(std::string_view text) {
  std::vector<std::u32string> words;
  std::u32string word;
  auto flush = [&] {
    if (!word.empty()) words.push_back(word);
    word.clear();
  };
  for (char32_t c : fold_compatibility(text)) {
    if (const int d = digit_value(c); d >= 0) {
      word.push_back(static_cast<char32_t>(U'0' + d));
      continue;
    }
    // Before the script test: tatweel is a Common-script character.
    const char32_t u = unify_letter(c);
    if (u == 0) continue;
    if (script_of(u) != Script::Arabic) {
      flush();
      continue;
    }
    if (is_nonspacing_mark(u)) continue;  // tashkeel
    if (is_letter(u)) word.push_back(u);
    else flush();  // Arabic punctuation: ، ؛ ؟
  }
  flush();
  return words;
}

// Rule 6: "والشعف" -> "و", "الشعف".
std::vector<std::u32string> split_conjunction(std::vector<std::u32string> words) {
  std::vector<std::u32string> out;
  for (auto& w : words) {
    if (w.size() > 3 && w[0] == kWaw && w.compare(1, 2, kArticle) == 0) {
      out.push_back(std::u32string(1, kWaw));
      out.push_back(w.substr(1));
    } else {
      out.push_back(std::move(w));
    }
  }
  return out;
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

std::vector<std::u32string> arabic_words(std::string_view text, const NormalizeRules& rules) {
  std::vector<std::u32string> words = split_conjunction(split_words(text));
  if (rules.strip_words) {
    const auto generic = normalized_strip_words(rules);
    std::vector<std::u32string> kept;
    for (const auto& w : words)
      if (std::find(generic.begin(), generic.end(), w) == generic.end()) kept.push_back(w);
    if (!kept.empty()) words = std::move(kept);  // a name made only of generic words stays whole
  }
  if (rules.strip_article) {
    for (auto& w : words)
      if (w.size() >= 4 && w.compare(0, 2, kArticle) == 0 && w != kAllah) w.erase(0, 2);
  }
  return words;
}

std::string normalize_arabic(std::string_view text, const NormalizeRules& rules) {
  std::u32string joined;
  for (const auto& w : arabic_words(text, rules)) {
    if (!joined.empty()) joined.push_back(U' ');
    joined += w;
  }
  return to_utf8(joined);
}

std::u32string arabic_sound_key(std::u32string_view word) {
  std::u32string out;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char32_t c = word[i] == kZah ? kDad : word[i];
    if (i > 0 && (c == kAlef || c == kWaw || c == kYeh)) continue;
    out.push_back(c);
  }
  return out;
}

}  // namespace engine::names

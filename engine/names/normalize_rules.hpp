#pragma once
// What the name normalisers may remove besides spelling variation: the
// definite article and generic administrative words.  Shared by the Arabic
// and the Latin (English transliteration) normaliser.

#include <string>
#include <vector>

namespace engine::names {

struct NormalizeRules {
  // Remove the definite article: Arabic "ال" (also after the conjunction
  // "و"), English "Al", "El" and the sun-letter forms "As", "Ash", "At",
  // "Ath", "Ad", "Adh", "An", "Ar", "Az" (and attached "Attawahi").
  // DEFAULT: true.  Sources disagree on it more often than on anything else.
  bool strip_article = true;
  // Remove generic words such as مديرية / محافظة / عزلة or "district",
  // "governorate" (see default_strip_words()).  A name
  // made only of such words is kept whole.  DEFAULT: false here; the matcher
  // uses it as a second, weaker normalised level.
  bool strip_words = false;
  // The words removed when strip_words is set, in any spelling the
  // normaliser accepts (they are normalised before use).  Empty = the
  // defaults.
  std::vector<std::string> words;
};

// Arabic and English generic admin words: governorate, district,
// sub-district and their Jordanian equivalents (لواء liwa, قضاء qada).
const std::vector<std::string>& default_strip_words();

}  // namespace engine::names

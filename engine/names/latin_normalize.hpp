#pragma once
// Normalisation of English transliterations of Arabic place names
// ("Sana'a", "Ash Shaykh Othman", "Al-Hodeidah") for matching.
//
// Rules, in order (each has its own unit test):
//   1. NFKC with case folding (ICU), then canonical decomposition with the
//      accents dropped: "Ḥaḍramawt" -> "hadramawt", "ＡＤＥＮ" -> "aden".
//   2. Apostrophes and ayn/hamza signs (' ’ ‘ ʿ ʾ ʻ ʼ ` ´) are removed:
//      "Sana'a" -> "sanaa", "Sanʿaʾ" -> "sanaa".
//   3. Everything that is neither a Latin letter nor a digit (hyphens,
//      underscores, dots, Arabic letters of a mixed-script name) separates
//      words; "&" and the word "and" become "wa" ("Khab and Al-Sha'af" ~
//      "Khabb wa ash Sha'af").
//   4. Optional (NormalizeRules): generic words ("district", "governorate",
//      ...) are dropped; articles are dropped: the words al, el, il, ul and
//      the sun-letter forms as, ash, es, at, ath, et, ad, adh, ed, an, en, ar,
//      er, az, ez before another word, and an attached assimilated article
//      ("attawahi" -> "tawahi", "alluhayah" -> "luhayah") when four letters
//      or more remain.
//   5. Vowel variants: "ee" -> "i", "oo", "ou" and "o" -> "u", "ai", "ei",
//      "ey" -> "ay", "au" -> "aw", "iy" before a vowel -> "i"
//      ("Zaydiyah" ~ "Zaydiah"), a word-final "h" after a vowel is dropped
//      ("Mansurah" ~ "Mansura").
//   6. Doubled letters are written once ("Hajjah" -> "haja", "Azaal" ->
//      "azal").
//
// Example: "Ash-Shaykh 'Outhman District" -> "shaykh uthman district",
// or "shaykh uthman" with strip_words.
// Thread-safety: pure function.

#include <string>
#include <string_view>
#include <vector>

#include "engine/names/normalize_rules.hpp"

namespace engine::names {

// The normalised words of the Latin-script part of `text`, joined by one
// space ("" when there is none).
std::string normalize_latin(std::string_view text, const NormalizeRules& rules = {});
std::vector<std::u32string> latin_words(std::string_view text, const NormalizeRules& rules = {});

// A coarser key of one normalised word for fuzzy scoring only: letters that
// transliterations confuse are merged (dh/d, th/t, g/j outside "gh", q/k;
// kh, sh, gh kept as one symbol each), every vowel becomes "a", y and w
// after a vowel are dropped and y and w with no vowel beside them become
// "a", doubled letters are written once: "milah" and "malah" -> "mala",
// "huswayn" -> "hasan", "khwlan" -> "xalan".
std::u32string latin_sound_key(std::u32string_view word);

}  // namespace engine::names

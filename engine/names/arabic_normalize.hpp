#pragma once
// Normalisation of Arabic place names for matching.
//
// Rules, in order (each has its own unit test):
//   1. NFKC with case folding (ICU): NFC composition, Arabic presentation
//      forms and ligatures (ﻻ -> لا) become plain letters.
//   2. Tashkeel (every Arabic non-spacing mark: fatha, damma, kasra,
//      tanween, shadda, sukun, superscript alef, Quranic marks) and tatweel
//      (ـ) are removed.
//   3. Alef forms أ إ آ ٱ ٲ ٳ become ا; alef maqsura ى and Farsi yeh ی become
//      ي; taa marbuta ة (and ۀ ہ ە) becomes ه; hamza carriers ؤ -> و,
//      ئ -> ي; hamza on the line ء and high hamza ٴ are dropped; keheh
//      ک -> ك.
//   4. Digits of any script (Arabic-Indic ٠-٩, Eastern ۰-۹) become 0-9.
//   5. Everything that is neither an Arabic letter nor a digit (spaces,
//      punctuation ، ؛ -, Latin letters of a mixed-script name) separates
//      words.
//   6. The conjunction و glued to an article (والشعف) is split off, so
//      "خب والشعف" and "خب و الشعف" agree.
//   7. Optional (NormalizeRules): generic words (مديرية, محافظة, ...) are
//      dropped; the article ال is dropped from words of four letters or more
//      (never from الله).
//
// Example: "مُدِيرِيَّة الحُدَيْدَة" -> "مديريه حديده" (article only) or
// "حديده" (with strip_words).
// Thread-safety: pure function.

#include <string>
#include <string_view>
#include <vector>

#include "engine/names/normalize_rules.hpp"

namespace engine::names {

// The normalised words of the Arabic-script part of `text`, joined by one
// space ("" when there is none).
std::string normalize_arabic(std::string_view text, const NormalizeRules& rules = {});
std::vector<std::u32string> arabic_words(std::string_view text, const NormalizeRules& rules = {});

// A coarser key of one normalised word for fuzzy scoring only: ض and ظ
// (confused in Yemeni spelling) become one letter, and the long-vowel
// letters ا و ي are dropped after the word's first letter.
std::u32string arabic_sound_key(std::u32string_view word);

}  // namespace engine::names

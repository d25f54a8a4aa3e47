#pragma once
// The comparison keys of one spelling of a name, computed once per admin
// unit and once per query.  A mixed-script spelling ("Radfan ردفان") gives
// one key per script; each is only compared with keys of the same script.

#include <string>
#include <string_view>
#include <vector>

#include "engine/names/normalize_rules.hpp"
#include "engine/names/unicode_text.hpp"

namespace engine::names {

struct NameKey {
  Script script = Script::Other;  // Arabic or Latin
  std::u32string exact;    // NFKC case-folded text with spaces collapsed: the "exact" level
  std::u32string full;     // normalised words, spaces removed ("ولد ربيع" = "ولدربيع")
  std::u32string core;     // as `full` with generic words stripped
  std::vector<std::u32string> words;  // the normalised words of `core`
  std::vector<std::u32string> sounds; // the script's sound key of each word (fuzzy scoring only)
  std::u32string sound;    // the sound keys joined
};

// Keys of `text` for each script whose letters it holds (none for empty or
// letterless text).  `rules.strip_words` decides whether `core` differs
// from `full`.
std::vector<NameKey> make_keys(std::string_view text, const NormalizeRules& rules);

// Similarity of two keys of the same script in [0, 1] for the fuzzy level.
//   - Single-word names: the best Jaro–Winkler score of the normalised names
//     (with and without generic words) and of the sound keys less
//     `sound_penalty` (sound keys shorter than three symbols do not count).
//   - Names of several words: words are paired one to one, most similar
//     first (Jaro–Winkler of the words or of their sound keys); the score is
//     the mean pair similarity weighted by word length, unpaired words
//     counting 0.  So "Wusab As Safil" is far from "Wusab Al Aali" and
//     "Hajjah" from "Hajjah City", although their letters start alike.
//   - Names whose letters are nearly the same (letter score >= 0.95) but
//     split into a different number of words ("Dhi Bin", "Dhibain") keep
//     the letter score.
double fuzzy_similarity(const NameKey& a, const NameKey& b, double sound_penalty);

}  // namespace engine::names

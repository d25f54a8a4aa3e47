#pragma once
// Options of admin-name matching, their validation, and the `names:`
// section of the project file that sets them.
//
//   names:
//     threshold: 0.90          # fuzzy scores below this match nothing
//     ambiguity_margin: 0.03   # two candidates closer than this: ambiguous
//     strip_words: true        # drop مديرية / محافظة / district / ... as a weaker level
//     strip_article: true      # drop ال / Al / As / Ash ...
//     words: [مديرية, district]  # replaces the default generic words
//     search_outside_parent: true
//     candidates: 3
//     aliases:   {source: aliases.csv, code: pcode, names: [alias_ar, alias_en]}
//     crosswalk: {source: crosswalk.csv, old: admin2oldp, new: admin2pcod}

#include <string>
#include <vector>

#include "engine/project.hpp"

namespace engine {
class Section;
}

namespace engine::names {

// A table of extra spellings: each row gives a unit's P-code and one or
// more names (Arabic or English; the script is recognised per value).
struct AliasTableSpec {
  SourceSpec source;  // empty source = no alias table
  std::string code_field = "pcode";
  std::vector<std::string> name_fields = {"alias"};
};

// A table of P-code changes: rows of old code -> current code.  Rows with an
// empty old code (units that did not exist) are skipped.
struct CrosswalkSpec {
  SourceSpec source;  // empty source = no crosswalk
  std::string old_field = "old_pcode";
  std::string new_field = "new_pcode";
};

struct NameMatchOptions {
  // Lowest fuzzy similarity (Jaro–Winkler over normalised names, 0..1) that
  // may match.  DEFAULT: 0.90 — measured on the Yemen gazetteers (see
  // tests/names/README.md): lower values start to match wrong districts.
  double threshold = 0.90;
  // When the best and the second-best candidate of the fuzzy level score
  // closer than this, the record is ambiguous and both are listed.
  // DEFAULT: 0.03.
  double ambiguity_margin = 0.03;
  // Subtracted from similarities of the coarse sound keys (dh/d, g/j, ض/ظ,
  // vowels dropped) so that they only win when clearly better.  DEFAULT: 0.03.
  double sound_penalty = 0.03;
  // Drop the article (ال, Al-, As-, ...).  DEFAULT: true.
  bool strip_article = true;
  // Also compare names with generic words removed (a level below the full
  // normalised name).  DEFAULT: true.
  bool strip_words = true;
  // The generic words; empty = default_strip_words() (normalize_rules.hpp).
  std::vector<std::string> words;
  // When a name is not found within its given parent unit (a district not
  // in the named governorate), accept an exact or normalised match among all
  // units, with a note, and correct the parent.  DEFAULT: false: such a
  // match contradicts the record (on the Yemen gazetteers it was wrong more
  // often than right), so it is only named in the note, as a hint.
  bool search_outside_parent = false;
  // How many candidates each result lists.  DEFAULT: 3.
  int candidates = 3;
  AliasTableSpec aliases;
  CrosswalkSpec crosswalk;

  // Throws engine::Error naming the option; touches no file.
  void validate() const;
};

// Reads the `names:` section (strict keys; relative paths against base_dir)
// and validates it.
NameMatchOptions parse_name_match_options(engine::Section& s, const std::string& base_dir);

}  // namespace engine::names

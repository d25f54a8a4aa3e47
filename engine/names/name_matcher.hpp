#pragma once
// Matching records that carry admin names or P-codes, but no coordinates,
// to the admin units of the project's boundaries.
//
// A query gives, for any of the boundary levels (coarse to fine), one or
// more spellings (Arabic, English, or both in one string) and optionally
// P-codes.  Levels are matched coarse to fine; a level is searched within
// the unit(s) chosen for the nearest coarser level that was given, so a
// district is looked for inside its governorate.  Each level's result is
// one of:
//
//   matched    one unit, at the first of these levels that decides:
//                pcode      a current P-code given in the record
//                crosswalk  an old P-code translated by the crosswalk
//                exact      the same text (NFKC, case-folded, spaces collapsed)
//                alias      exact or normalised equality with an alias-table spelling
//                normalised equal after normalisation (arabic_normalize.hpp,
//                           latin_normalize.hpp), first with all words, then
//                           with generic words stripped
//                fuzzy      Jaro–Winkler similarity of the normalised names
//                           at or above `threshold`, clear of the runner-up
//                           by `ambiguity_margin`
//   ambiguous  two or more units are too close to call (same normalised
//              name, fuzzy scores within the margin, two spellings of the
//              record pointing at different units, or a P-code that
//              disagrees with the name); all of them are listed
//   unmatched  nothing reaches the threshold; the best candidates are still
//              listed
//
// A coarser level the record did not give (or that stayed ambiguous) is
// filled from the matched finer unit's parent and marked `implied`.
// Nothing is guessed silently: every decision that is not plain equality
// leaves a note.
//
// Example:
//   NameMatcher matcher(boundaries, options, load_name_tables(options));
//   NameQuery q;
//   q.names = {{"محافظة لحج"}, {"Radfan district"}};  // governorates, districts
//   NameMatch m = matcher.match(q);   // Matched: Radfan, YE2507 (OCHA 2019)
//
// Thread-safety: match() is const and may be called from several threads.
// The Boundaries passed in must outlive the matcher.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/boundaries.hpp"
#include "engine/names/name_key.hpp"
#include "engine/names/name_match_options.hpp"
#include "engine/names/name_tables.hpp"

namespace engine::names {

struct NameQuery {
  // names[level]: the spellings given for that boundary level; missing or
  // empty entries mean "not given".  Extra entries beyond the levels are an
  // error.
  std::vector<std::vector<std::string>> names;
  // P-codes given in the record, of any level (old codes go through the
  // crosswalk when one is loaded).
  std::vector<std::string> codes;
};

enum class MatchStatus { NotGiven, Matched, Ambiguous, Unmatched };
enum class MatchLevel { None, PCode, Crosswalk, Exact, Alias, Normalised, Fuzzy };

const char* to_string(MatchStatus s);  // "", "matched", "ambiguous", "unmatched"
const char* to_string(MatchLevel l);   // "", "pcode", "crosswalk", "exact", "alias", "normalised", "fuzzy"

struct Candidate {
  std::int32_t unit = -1;  // index into the level's units
  MatchLevel level = MatchLevel::None;
  double score = 0;        // 1 for non-fuzzy levels
  std::string spelling;    // the unit's spelling that scored best
};

struct LevelMatch {
  MatchStatus status = MatchStatus::NotGiven;
  MatchLevel level = MatchLevel::None;
  std::int32_t unit = -1;  // the matched unit (also when implied), else -1
  double score = 0;        // of the match; when ambiguous or unmatched, of the best candidate
  bool implied = false;    // taken from the matched finer unit's parent
  std::vector<Candidate> candidates;  // best first, at most options.candidates
};

struct NameMatch {
  // The status of the finest level the record gave; Ambiguous also when
  // its levels or its P-code and names contradict each other.
  MatchStatus status = MatchStatus::NotGiven;
  // The finest level with a matched (or implied) unit, -1 if none; it may be
  // coarser than the finest level given ("district unmatched, governorate
  // known").
  int level_index = -1;
  std::int32_t unit = -1;
  MatchLevel level = MatchLevel::None;
  double score = 0;
  std::vector<LevelMatch> levels;  // one per boundary level
  std::vector<std::string> notes;  // why, in words, for anything not plainly equal
};

class NameMatcher {
 public:
  NameMatcher(const Boundaries& boundaries, const NameMatchOptions& options, const NameTables& tables = {});

  NameMatch match(const NameQuery& query) const;

  const Boundaries& boundaries() const { return boundaries_; }
  const NameMatchOptions& options() const { return options_; }
  // Problems found in the tables (alias codes that name no unit, crosswalk
  // targets that are not current codes), for run reports.
  const std::vector<std::string>& warnings() const { return warnings_; }

  // ------------------------------------------------------------------
  // Implementation details.
  struct Spelling {
    std::string text;
    bool alias = false;
    NameKey key;
  };
  struct Scored;

 private:
  LevelMatch match_names(std::size_t level, const std::vector<std::string>& names,
                         const std::vector<std::int32_t>& within, bool exact_only, std::vector<std::string>& notes) const;
  std::vector<std::int32_t> units_within(std::size_t level, const std::vector<std::int32_t>& coarse_units, std::size_t coarse_level) const;
  std::int32_t ancestor(std::size_t from_level, std::int32_t unit, std::size_t to_level) const;
  Candidate candidate_from(std::size_t level, const Scored& s) const;

  const Boundaries& boundaries_;
  NameMatchOptions options_;
  NormalizeRules rules_;
  std::vector<std::vector<std::vector<Spelling>>> spellings_;  // [level][unit] -> spellings
  std::map<std::string, std::string> crosswalk_;
  std::vector<std::string> warnings_;
};

}  // namespace engine::names

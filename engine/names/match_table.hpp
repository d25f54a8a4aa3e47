#pragma once
// Name matching over a whole table: every input row comes out once, with its
// own fields followed by the match result (see match_columns()).  Used by
// `localmap match-names`; the pipeline can use match_rows() on rows it has
// already read.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/names/name_matcher.hpp"
#include "engine/progress.hpp"
#include "geo/vector_writer.hpp"

namespace engine::names {

// Which input fields feed the query.
struct NameFields {
  // levels[l]: the fields holding names of boundary level l (Arabic and
  // English columns may both be listed).  Shorter than the levels = the rest
  // not given.
  std::vector<std::vector<std::string>> levels;
  std::vector<std::string> codes;  // fields holding P-codes (current or old)
};

struct InputTable {
  std::string source, layer;
  std::vector<geo::FieldDef> fields;
  std::vector<std::vector<geo::Value>> rows;
  std::vector<std::int64_t> records;  // 1-based source record of each row
};

// Reads every row of a table (any GDAL-readable source; geometry ignored).
InputTable read_input_table(const SourceSpec& source);

struct MatchCounts {
  std::int64_t rows = 0, matched = 0, ambiguous = 0, unmatched = 0, not_given = 0;
  // matched rows by how the deciding level matched, indexed by MatchLevel.
  std::array<std::int64_t, 7> by_level{};
};

struct MatchedRows {
  geo::LayerData layer;
  MatchCounts counts;
};

// The columns added after the input's own:
//   match_status      matched / ambiguous / unmatched ("" when the row gives nothing)
//   match_level       pcode / crosswalk / exact / alias / normalised / fuzzy
//   match_score       0..1 (1 for the equality levels), 3 decimals
//   match_admin       the name of the level matched ("districts")
//   match_pcode, match_name_en, match_name_ar   the matched unit
//   <level>_pcode, <level>_name_en, <level>_name_ar, <level>_match, <level>_score
//                     per boundary level; <level>_match says "implied" when
//                     filled from the finer unit
//   match_candidates  best candidates of the finest level given:
//                     "YE1502 Shar'ab As Salam (0.934 fuzzy) | ..."
//   match_note        why, for anything not plainly equal
std::vector<geo::FieldDef> match_columns(const Boundaries& boundaries);

// Matches every row.  With `points`, rows whose status is matched get the
// matched unit's point on surface; all others have no geometry (also when a
// coarser level is known).  Throws engine::Error when a named
// field is missing or an input field clashes with a result column.
MatchedRows match_rows(const InputTable& input, const NameFields& fields, const NameMatcher& matcher, bool points,
                       Progress& progress);

}  // namespace engine::names

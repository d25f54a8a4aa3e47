#pragma once
// Name matching inside `localmap run`: a point layer whose spec names admin
// name and P-code fields (layers.<name>.admin_names / admin_codes) has every
// record's names matched, after the spatial join:
//
//   no location ("no coordinates", "no geometry") and the names match one
//   unit of the finest level  -> name-matched, placed at its point on surface
//   no location, names match only a coarser level, are ambiguous or match
//   nothing                   -> stays rejected; the note says what the names gave
//   located (matched or snapped) and the names point at another unit
//                             -> kept where the point is; a conflict, counted and noted
//
// Every decision leaves a note in LayerJoin::name_notes (the match_note
// column), with the matching level and score.

#include "engine/join.hpp"
#include "engine/names/name_matcher.hpp"
#include "engine/point_layer.hpp"
#include "engine/progress.hpp"

namespace engine::names {

// Throws engine::Error naming file, layer and field when a named field is
// not in the layer.
void match_layer_names(const NameMatcher& matcher, const PointLayer& layer, LayerJoin& join, Progress& progress);

}  // namespace engine::names

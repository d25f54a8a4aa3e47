#pragma once
// Admin levels for `localmap match-names` from a boundary layer given on
// the command line rather than in a project file.  The layer is the finest
// level; coarser levels come either from their own layers (coarse to fine)
// or, when none is given, from the nearest coarser ADM<k>_PCODE field the
// layer carries (OCHA district layers carry ADM1_PCODE, ADM1_EN, ADM1_AR),
// dissolved.

#include <string>
#include <vector>

#include "engine/project.hpp"

namespace engine::names {

struct LayerLevelFields {
  // The finest layer's own level.  Empty code = the most detailed
  // ADM<n>_PCODE field; empty names = ADM<n>_EN / ADM<n>_AR; 0 = n of that
  // field.
  int level = 0;
  std::string code, name_en, name_ar;
  // A coarser level dissolved from fields given by hand (e.g. Jordan's
  // admin1Pcod / admin1Name / admin1Na_1); used when no coarser layers are
  // given.  Empty = the nearest ADM<k>_PCODE field, if any.
  std::string parent_code, parent_name_en, parent_name_ar;
};

// "governorates" (1), "districts" (2), "subdistricts" (3), else "adm<n>":
// the names the project file uses.
std::string level_name(int level);

// Specs, coarse to fine, ready for engine::load_boundaries.  Opens the
// sources to read their field names; throws engine::Error when a layer has
// no P-code field or levels do not go from coarse to fine.  Coarser layers
// are linked to finer ones by the finer layer's ADM<k>_PCODE field when it
// has one, else by location.
std::vector<AdminLevelSpec> layer_levels(const std::vector<SourceSpec>& coarser_layers, const SourceSpec& finest,
                                         const LayerLevelFields& fields);

}  // namespace engine::names

#pragma once
// The 3W table ("who does what where"): for every admin unit and partner
// sector (the partners layer's `type` role), how many partner CSOs work
// there and which.  A partner belongs to the unit the join gave it (matched
// or snapped); partners outside every unit are left out of the table.

#include <cstdint>
#include <string>
#include <vector>

#include "engine/boundaries.hpp"
#include "engine/join.hpp"
#include "engine/point_layer.hpp"

namespace engine::coverage {

struct ThreeWRow {
  std::int32_t unit = -1;
  std::string sector;                  // value slug of the sector ("unknown" when empty)
  std::vector<std::string> partners;   // display names, sorted
};

struct ThreeW {
  std::vector<std::string> sectors;  // every sector seen, sorted
  std::vector<ThreeWRow> rows;       // by unit, then sector; only units with partners
};

// A partner's name for people: name_en, else name_ar, else id, else "record N".
std::string partner_display_name(const PointLayer& partners, std::size_t record);

ThreeW three_w(const PointLayer* partners, const LayerJoin* join);

}  // namespace engine::coverage

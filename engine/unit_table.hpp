#pragma once
// Attributes an analysis adds to the units of one admin level (coverage
// shares, driver flags, priority scores, ...): appended as fields to the
// level's output layer and summary table.

#include <vector>

#include "geo/field.hpp"

namespace engine {

struct UnitTable {
  std::vector<geo::FieldDef> fields;
  std::vector<std::vector<geo::Value>> rows;  // one per unit of the level, in unit order
};

}  // namespace engine

#pragma once
// Per admin unit counts of joined point records: how many records of each
// layer fall in each unit (matched or snapped), and how many of each type,
// status or category value.  Counts of a coarser level are the sums of its
// finest-level units, so every level adds up to the same totals.

#include <cstdint>
#include <string>
#include <vector>

#include "engine/boundaries.hpp"
#include "engine/join.hpp"
#include "engine/point_layer.hpp"

namespace engine {

struct UnitCounts {
  // Column names: "n_<layer>" and "n_<layer>_<role>_<value>", e.g.
  // "n_issues_category_drugs".  Value columns are sorted by value.
  std::vector<std::string> columns;
  std::vector<std::vector<std::int64_t>> values;  // [unit][column]
};

// A lower-case field-name slug of a value: letters (any script) and digits
// kept, everything else '_' ("Women's safety" -> "women_s_safety"); empty
// values count as "unknown".
std::string value_slug(const std::string& value);

UnitCounts count_by_unit(const Boundaries& boundaries, std::size_t level, const std::vector<const PointLayer*>& layers,
                         const std::vector<const LayerJoin*>& joins);

}  // namespace engine

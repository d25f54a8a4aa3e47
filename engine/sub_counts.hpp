#pragma once
// Protection of sub-counts (RecordUse::splits): counts in a published row of
// an analysis table that split another count of the row, such as the issues
// of a district covered and uncovered by facilities.  A published district
// with 50 issues of which 2 are uncovered gives those 2 away as surely as a
// published count of 2 would; and withholding them alone is undone by
// 50 - 48, or by the national total of the column minus the published rows.
//
// Each row's split is a set of cells (the whole, its parts, a remainder
// nobody prints) bound by whole = sum of parts; each column is bound to its
// national sum (per category in per-category tables, and per unit across
// categories), which is taken as known.  engine::suppress_small_cells then
// withholds the small parts and the complementary cells that keep them, and
// any small remainder, underivable.  Rows already withheld enter as
// withheld cells: they protect others and must stay protected themselves.

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "engine/disclosure.hpp"
#include "geo/vector_writer.hpp"

namespace engine {

struct SubCountProtection {
  std::vector<std::pair<std::size_t, std::size_t>> withheld;  // (row, field) of published rows to withhold
  std::size_t primary = 0, complementary = 0, unprotectable = 0;
};

// `row_withheld`: rows withheld whole already; `units` and `groups`: each
// row's unit code and category ("" in per-unit tables).
SubCountProtection protect_sub_counts(const geo::LayerData& table, const std::vector<RecordUse::Split>& splits,
                                      const std::vector<bool>& row_withheld, const std::vector<std::string>& units,
                                      const std::vector<std::string>& groups, std::int64_t min_count);

}  // namespace engine

#pragma once
// Small-count suppression with complementary cells, as statistical offices
// publish tables: cells holding 1 .. min_count-1 are withheld (primary), and
// further cells are withheld until no withheld cell can be worked out from
// the published ones through the table's additive relations (a total equals
// the sum of its parts).  Zeros are not primary: they identify nobody.
//
// The guarantee is linear: after suppression no withheld cell is a linear
// combination of published values (checked exactly by row reduction), which
// covers every differencing attack (total minus the shown parts) and chains
// of them across rows, columns and levels.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace engine {

// value[total] == sum of value[parts].
struct CellRelation {
  std::size_t total = 0;
  std::vector<std::size_t> parts;
};

struct CellSuppression {
  std::vector<bool> suppressed;  // per cell
  std::size_t primary = 0;       // below the threshold
  std::size_t complementary = 0; // withheld to protect them
  // Withheld cells that stay derivable because every other cell of a relation
  // must be published (`fixed`); callers report them.
  std::vector<std::size_t> unprotectable;
};

// What a cell is before suppression.
enum class CellState : unsigned char {
  Open,       // published unless withheld here: primary when small, else a candidate complement
  Fixed,      // published whatever happens (e.g. a layer's total, which run.json states for accounting)
  Withheld,   // already withheld by an earlier table's suppression: must stay underivable
  Unprinted,  // never published (a remainder nobody prints): must stay underivable only when small
};

// `fixed` cells are published whatever happens; they are never primary or complementary.
CellSuppression suppress_small_cells(const std::vector<std::int64_t>& values, const std::vector<CellRelation>& relations,
                                     std::int64_t min_count, const std::vector<bool>& fixed);
// The same, for cells some of which are withheld or unprinted already.
// `primary` counts only Open cells; `suppressed` holds every cell not published.
CellSuppression suppress_small_cells(const std::vector<std::int64_t>& values, const std::vector<CellRelation>& relations,
                                     std::int64_t min_count, const std::vector<CellState>& states);

// The withheld cells whose value follows from the published ones through the
// relations (exact rational row reduction over the withheld cells).
std::vector<std::size_t> derivable_cells(const std::vector<CellRelation>& relations, const std::vector<bool>& suppressed);

}  // namespace engine

#pragma once
// How many people live in each admin unit, how many of them within reach of
// a covering facility, and where the uncovered ones are (for site selection).
//
// Two sources:
//   - a PopulationSource (a raster of people per cell, population_raster.hpp):
//     each cell's people belong to the unit holding the cell's centre and are
//     covered when the centre is covered (the usual zonal rule for WorldPop-
//     style grids).  Cells are streamed, never held all at once.  Uncovered
//     people are pooled into demand points of about demand_cell_m, at their
//     population-weighted centre;
//   - the finest level's population field, spread evenly over each unit:
//     covered people = population x covered share of the unit's area.
//
// Thread-safety: pure functions over their arguments (the source is read).

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "engine/boundaries.hpp"
#include "engine/coverage/coverage_index.hpp"
#include "engine/join.hpp"
#include "engine/progress.hpp"

namespace engine::coverage {

struct PopulationCell {
  geo::Point at;  // WGS84 centre of the cell
  double people = 0;
};

class PopulationSource {
 public:
  virtual ~PopulationSource() = default;
  // E.g. "worldpop.tif (GTiff, WGS 84 (EPSG:4326), band 1)".
  virtual std::string describe() const = 0;
  // Calls `visit` with batches of populated cells (positive values only).
  // Throws engine::Error when the source has no data over the study area.
  virtual void for_each_batch(const std::function<void(std::span<const PopulationCell>)>& visit) = 0;
  // Observations made while reading (negative cells skipped, ...).
  virtual std::vector<std::string> warnings() const { return {}; }
};

// Where uncovered demand (issues or people) is, with its weight.
struct DemandPoint {
  geo::Point at;
  double weight = 1;
  std::int32_t unit = -1;
};

struct PopulationCoverage {
  std::string source;                 // what the figures come from; "" = no population known
  std::vector<double> total, covered;  // per unit; NaN when unknown
  double outside = 0;                 // raster people in no unit
  std::vector<DemandPoint> uncovered_demand;  // raster only: pooled uncovered people
  std::vector<std::string> warnings;
};

PopulationCoverage population_from_source(PopulationSource& source, const AdminIndex& units, const CoverageIndex& coverage,
                                          double demand_cell_m, unsigned threads, Progress& progress);

// From AdminUnit::population; units without a value stay NaN.  `source` is
// empty when no unit has a population.
PopulationCoverage population_from_field(const AdminLevel& level, std::span<const double> uncovered_km2);

}  // namespace engine::coverage

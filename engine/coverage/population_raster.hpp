#pragma once
// A population raster (people per cell, WorldPop style, any CRS) as a
// PopulationSource: read block by block over the study area only, cell
// centres transformed to WGS84.
//
// Bad rasters are errors that name the file and the project-file key: no CRS
// (and no coverage.population.crs), no geotransform, no overlap with the
// districts, or nothing but nodata over them.  Negative cells that are not
// nodata are skipped with a warning.

#include <cstdint>
#include <memory>
#include <string>

#include "engine/coverage/coverage_options.hpp"
#include "engine/coverage/population.hpp"
#include "geo/envelope.hpp"

namespace engine::coverage {

// `study_area` is the WGS84 extent of the units; only cells near it are read.
std::unique_ptr<PopulationSource> open_population_raster(const PopulationOptions& options, const geo::Envelope& study_area);

}  // namespace engine::coverage

#pragma once
// Candidate places for new sites: a candidate layer from the project file,
// the partner CSOs' own locations, and a regular grid inside the uncovered
// areas.  Only candidates inside an admin unit are kept (a warning names the
// file, layer and first record of those outside).
//
// The grid of each unit is laid out in an azimuthal equidistant projection
// centred on the unit's uncovered area (geo::azimuthal_equidistant), so its
// spacing is metres on the ground; points are kept when they fall inside the
// uncovered area.  Beyond max_candidates the spacing is doubled until the
// grid fits, with a warning.

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/boundaries.hpp"
#include "engine/coverage/coverage_options.hpp"
#include "engine/coverage/district_coverage.hpp"

namespace engine::coverage {

struct CandidateSite {
  geo::Point at;
  std::int32_t unit = -1;
  double radius_m = 0;
  double capacity = INFINITY;  // issues or people; INFINITY = unlimited
  std::string origin;          // the candidate layer's name, "partners" or "grid"
  std::string id, name;
  std::int64_t record = 0;     // record in its layer; 0 for grid points
};

struct CandidateSet {
  std::vector<CandidateSite> sites;
  double grid_spacing_m = 0;  // the spacing used (0 = no grid)
  std::size_t from_layer = 0, from_partners = 0, from_grid = 0;
};

CandidateSet candidate_sites(const CoverageOptions& options, PointLayerRef candidates,
                             PointLayerRef partners, const std::vector<geo::Geometry>& uncovered,
                             std::vector<std::string>& warnings);

// Points of a square grid of `spacing_m` metres (in an azimuthal equidistant
// projection centred on the area's envelope) that lie in `area` (closed).
std::vector<geo::Point> grid_points_inside(const geo::Geometry& area, double spacing_m);

// The index of the field named `name` in the layer (exact, then any case), -1 if none.
int field_named(const PointLayer& layer, const std::string& name);

}  // namespace engine::coverage

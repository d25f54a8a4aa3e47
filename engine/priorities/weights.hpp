#pragma once
// Spatial weights between the units of one admin level, built from the real
// geometry, in the shape PySAL (libpysal) gives them so that local statistics
// match esda.
//
// Queen contiguity: two units are neighbours when their boundaries share at
// least one point.  Real boundaries rarely share vertices exactly
// (digitising slivers and gaps of a few metres), so units whose boundary
// segments come within `tolerance_m` of each other (touching, crossing, or
// separated by a narrow gap) are neighbours; with tolerance 0 (1 mm in
// practice, for rounding) this is exact touching: a superset of libpysal's
// Queen (shared vertices only) that adds T-junctions and overlaps.
// Distances are measured in a local equirectangular plane at the study
// area's mid-latitude (within about 1 % of the geodesic distance over a few
// degrees of latitude).
//
// Distance band: binary weights between units whose centroids (area-weighted,
// of the polygon in longitude/latitude) are within `threshold_m` metres on
// the WGS84 ellipsoid, as libpysal DistanceBand(binary=True).
//
// Units with no neighbour are islands; they are listed, never dropped.
// Thread-safety: pure functions.

#include <cstdint>
#include <vector>

#include "geo/geometry.hpp"

namespace engine::priorities {

struct SpatialWeights {
  // Sorted neighbour indices per unit (binary weights, no self).
  std::vector<std::vector<std::int32_t>> neighbours;
  std::vector<std::int32_t> islands;  // units with no neighbour, ascending

  std::size_t size() const { return neighbours.size(); }
  std::size_t links() const;  // number of directed neighbour pairs (PySAL's s0 for binary weights)
};

// Builds islands from neighbours.
SpatialWeights make_weights(std::vector<std::vector<std::int32_t>> neighbours);

SpatialWeights queen_weights(const std::vector<const geo::Geometry*>& shapes, double tolerance_m);
SpatialWeights distance_band_weights(const std::vector<geo::Point>& centroids, double threshold_m);

// The area-weighted centroid of a (multi)polygon in longitude/latitude.
geo::Point polygon_centroid(const geo::Geometry& shape);

}  // namespace engine::priorities

#pragma once
// The 1e-7 degree grid every demo coordinate lives on.
//
// The GeoJSON and CSV outputs round coordinates to 7 decimals.  If the
// geometry were built at full precision and rounded only on output, two
// neighbouring districts could round a shared vertex differently, or a vertex
// lying on a neighbour's edge could land a few centimetres off it: gaps and
// overlaps in the published file.  So every vertex is snapped to the grid
// *before* geometries are combined, and again after each GEOS operation that
// can create new vertices (clipping).  A snapped value is the double nearest
// to a 7-decimal number, so writing and reading it back gives the same double.

#include <string>
#include <vector>

#include "geo/geometry.hpp"

namespace make_demo {

inline constexpr double kGrid = 1e7;  // grid steps per degree

double snap(double degrees);
geo::Point snap(geo::Point p);
// Every vertex of a (Multi)Polygon snapped; repeated vertices dropped and
// collapsed rings removed.  Returns a Polygon or a MultiPolygon.
geo::Geometry snap_polygonal(const geo::Geometry& g);

// A closed ring around `centre` with one vertex per radius, at equal angular
// steps starting at `phase` (radians, counter-clockwise from east); radii are
// in degrees of latitude and stretched east-west by 1/cos(latitude) so the
// shape is round on the ground.  Vertices are snapped.
geo::Ring radial_ring(geo::Point centre, const std::vector<double>& radii, double phase);

// Planar distance (degrees) from p to segment ab.
double segment_distance(geo::Point p, geo::Point a, geo::Point b);
// Smallest planar distance (degrees) from p to any ring of a polygonal geometry.
double boundary_distance_deg(const geo::Geometry& g, geo::Point p);

// "13.1234567": 7 fixed decimals, the form every CSV coordinate is written in.
std::string fixed7(double degrees);

}  // namespace make_demo

#pragma once
// Seeded random points inside real boundaries, for the coverage tests.

#include <cstdint>
#include <vector>

#include "geo/geometry.hpp"

namespace coverage_testing {

// `count` points uniformly (in longitude/latitude) inside the union of
// `polygons`, drawn with std::mt19937_64(seed) by rejection from the envelope.
std::vector<geo::Point> points_inside(const std::vector<geo::Geometry>& polygons, std::size_t count, std::uint64_t seed);

// The real Yemen districts (../shared/data/boundaries/yem_adm2.gpkg), loaded once.
const std::vector<geo::Geometry>& yemen_districts();

// Runs a Python script with Debian's /usr/bin/python3; its stdout.
std::string run_python(const std::string& script);

}  // namespace coverage_testing

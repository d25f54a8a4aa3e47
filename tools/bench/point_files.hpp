#pragma once
// The benchmark's input files: N random points as CSV and as a GeoPackage
// that also holds a copy of the districts (for the SQLite peer).  Preparing
// them is not measured; files that already hold exactly these points are
// reused, because writing 10^7 points takes minutes.

#include <cstdint>
#include <string>
#include <vector>

#include "geo/envelope.hpp"
#include "geo/orientation.hpp"

namespace bench {

// n points uniformly in `extent`, from std::mt19937_64(seed).  Bits become
// doubles here rather than through std::uniform_real_distribution, whose
// output differs between standard libraries: the same seed gives the same
// files everywhere.  Coordinates are rounded to 7 decimals, exactly what the
// CSV holds, so the CSV and the GeoPackage carry identical doubles.
std::vector<geo::Point> random_points(std::size_t n, std::uint64_t seed, const geo::Envelope& extent);

struct PointFiles {
  std::string csv;   // id,lon,lat
  std::string gpkg;  // layers `points` (fid = id) and `districts`
  bool reused_csv = false, reused_gpkg = false;
};

// Writes (or reuses) WORK/STEM.csv and WORK/STEM.gpkg for `points`, and
// copies layer 0 of `districts` into the GeoPackage as `districts`.  Each
// distribution has its own stem (points_N, points_N_clustered), so running
// both does not rewrite the files every time.
PointFiles prepare_point_files(const std::string& work_dir, const std::string& stem,
                               const std::vector<geo::Point>& points, const std::string& districts);

}  // namespace bench

#pragma once
// The GeoPandas peer: runs peers/geopandas_join.py (see its docstring for
// the steps and the predicate) with Debian's /usr/bin/python3 on the
// benchmark's points CSV and reads back its timings and its counts.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "agreement.hpp"

namespace bench {

struct GeopandasRun {
  std::string error;  // empty when the run worked
  std::vector<std::pair<std::string, double>> steps;  // as timed inside Python, in order, "total" last
  double wall_s = 0;        // the whole process, interpreter start and imports included
  double cpu_s = 0;         // user + system CPU time of the Python process
  double peak_rss_mib = 0;  // of the Python process
  std::int64_t pairs = 0;   // rows of the spatial join
  std::string versions;     // geopandas, pandas, shapely, index backend, python
  DistrictCounts counts;
};

GeopandasRun run_geopandas_peer(const std::string& script, const std::string& points_csv, const std::string& districts,
                                const std::string& code_field, const std::string& out_csv);

}  // namespace bench

#pragma once
// Small hand-built admin levels for the priorities tests: lattices of square
// units in longitude/latitude, and the real Yemen districts.

#include <string>
#include <vector>

#include "engine/boundaries.hpp"

namespace priorities_testing {

// rows x cols squares of `size` degrees from (lon0, lat0), row-major from the
// south-west; codes "R<row>C<col>"; population `population` each (NaN = none).
engine::AdminLevel lattice(int rows, int cols, double size = 0.1, double lon0 = 44.0, double lat0 = 14.0,
                           double population = 10000);
// A unit from explicit polygon WKT.
engine::AdminUnit unit_from_wkt(const std::string& code, const std::string& wkt, double population = 10000);
// The real districts (../shared/data/boundaries/yem_adm2.gpkg) or sub-districts (yem_adm3).
engine::AdminLevel yemen(int level);

// Runs /usr/bin/python3 with `script` on stdin; fails the test on error.
std::string python(const std::string& script);
bool python_has(const std::string& module);

}  // namespace priorities_testing

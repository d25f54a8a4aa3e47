#pragma once
// An independent RFC 7946 checker for GeoJSON files written by localmap:
// a FeatureCollection, no "crs" member, positions within WGS84 ranges and
// rounded to at most `decimals` decimals, closed rings of four or more
// positions, exterior rings counter-clockwise and holes clockwise (the
// right-hand rule).  Returns the problems found (empty = conforming).

#include <string>
#include <vector>

namespace testing_support {

std::vector<std::string> rfc7946_problems(const std::string& path, int decimals = 7);

}  // namespace testing_support

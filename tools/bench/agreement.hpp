#pragma once
// Do the peers count the same points per district as localmap?  Each peer
// answers with a count per P-code; localmap's counts come from its grid
// locator.  Points on a border shared by two districts are counted in both
// by the peers' closed rule (ST_Covers, GeoPandas "covers") and in one by
// localmap's, so small differences there are expected: they are printed,
// never hidden.

#include <cstdint>
#include <map>
#include <string>

namespace bench {

using DistrictCounts = std::map<std::string, std::int64_t>;  // P-code -> points

struct Agreement {
  std::int64_t districts_differing = 0;  // P-codes whose counts differ (unknown codes included)
  std::int64_t points_more = 0;          // sum over districts of (peer - localmap) where positive
  std::int64_t points_fewer = 0;         // sum over districts of (localmap - peer) where positive
  std::int64_t unknown_codes = 0;        // P-codes the peer gives that localmap does not have
  std::int64_t peer_total = 0, localmap_total = 0;
};

// `localmap` must list every district, with 0 where no point fell, so that
// a peer's code missing from it is an unknown code.
Agreement compare_counts(const DistrictCounts& localmap, const DistrictCounts& peer);

}  // namespace bench

#pragma once
// Clustered random points, so that the join benchmark also sees the skew of
// real reports (many points in a few towns, districts with none) and not
// only uniform points, which spread evenly over the grid's cells.
//
// Recipe (all draws from one std::mt19937_64(seed); a "unit" draw is the top
// 53 bits of a 64-bit draw times 2^-53, uniform in [0, 1), as in
// random_points, so no standard-library distribution is involved):
//   1. Centres: K = 300 points drawn uniformly in `extent` (x then y), each
//      kept only if inside(centre) (in a district), until K are kept.
//   2. Weights: centre k (0-based, in draw order) has weight 1 / (k + 1)
//      (Zipf, exponent 1): the first centre gets about 16 % of the points, the
//      first 10 about 47 %, the last 100 about 6.5 %.
//   3. Each point: one unit draw u picks the first centre whose cumulative
//      weight exceeds u * (sum of weights); two more unit draws u1, u2 give two
//      standard normal values by Box-Muller, z1 = r cos(2 pi u2) and
//      z2 = r sin(2 pi u2) with r = sqrt(-2 ln(1 - u1)); the point is
//      centre + (z1 * sigma / (M cos(centre lat)), z2 * sigma / M) degrees,
//      sigma = 3,000 m, M = 111,195 m per degree (spherical Earth, radius
//      6,371,008.8 m), rounded to 7 decimals like the CSV.
// Points are not clipped: those that land in the sea or across the border
// stay, as misplaced reports do, and the join sends them to "nearest".

#include <cstdint>
#include <functional>
#include <vector>

#include "geo/envelope.hpp"
#include "geo/orientation.hpp"

namespace bench {

struct ClusterRecipe {
  int centres = 300;
  double sigma_m = 3000;
};

std::vector<geo::Point> clustered_points(std::size_t n, std::uint64_t seed, const geo::Envelope& extent,
                                         const std::function<bool(geo::Point)>& inside, const ClusterRecipe& recipe = {});

}  // namespace bench

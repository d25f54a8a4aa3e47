#include "clustered_points.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <stdexcept>

namespace bench {

std::vector<geo::Point> clustered_points(std::size_t n, std::uint64_t seed, const geo::Envelope& extent,
                                         const std::function<bool(geo::Point)>& inside, const ClusterRecipe& recipe) {
  std::mt19937_64 bits(seed);
  auto unit = [&] { return static_cast<double>(bits() >> 11) * 0x1.0p-53; };
  auto decimals7 = [](double v) { return std::round(v * 1e7) / 1e7; };

  std::vector<geo::Point> centres;
  // A bound on the rejection loop: districts that cover a tiny share of
  // their own bounding box would otherwise hang the benchmark silently.
  const std::size_t max_draws = static_cast<std::size_t>(recipe.centres) * 10000;
  for (std::size_t draws = 0; centres.size() < static_cast<std::size_t>(recipe.centres); ++draws) {
    if (draws == max_draws) throw std::runtime_error("clustered_points: too few random points fall in a district");
    geo::Point c;
    c.x = extent.min_x + unit() * extent.width();
    c.y = extent.min_y + unit() * extent.height();
    if (inside(c)) centres.push_back(c);
  }
  std::vector<double> cumulative(centres.size());
  double sum = 0;
  for (std::size_t k = 0; k < centres.size(); ++k) cumulative[k] = sum += 1.0 / static_cast<double>(k + 1);

  constexpr double metres_per_degree = 6371008.8 * std::numbers::pi / 180.0;  // 111,195 m
  std::vector<geo::Point> points(n);
  for (geo::Point& p : points) {
    const double pick = unit() * sum;
    const auto k = static_cast<std::size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), pick) - cumulative.begin());
    const geo::Point& c = centres[std::min(k, centres.size() - 1)];
    const double u1 = unit(), u2 = unit();
    const double r = std::sqrt(-2.0 * std::log(1.0 - u1));  // 1 - u1 is in (0, 1]: no log(0)
    const double z1 = r * std::cos(2.0 * std::numbers::pi * u2), z2 = r * std::sin(2.0 * std::numbers::pi * u2);
    const double degrees_y = recipe.sigma_m / metres_per_degree;
    p.x = decimals7(c.x + z1 * degrees_y / std::cos(c.y * std::numbers::pi / 180.0));
    p.y = decimals7(c.y + z2 * degrees_y);
  }
  return points;
}

}  // namespace bench

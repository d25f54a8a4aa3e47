#include "random_points.hpp"

#include <gtest/gtest.h>

#include <random>

#include "geo/point_locator.hpp"
#include "support/test_support.hpp"

namespace coverage_testing {

std::vector<geo::Point> points_inside(const std::vector<geo::Geometry>& polygons, std::size_t count, std::uint64_t seed) {
  const auto locator = geo::make_grid_locator(testing_support::pointers(polygons));
  geo::Envelope extent;
  for (const auto& g : polygons) extent.expand(g.envelope());
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> x(extent.min_x, extent.max_x), y(extent.min_y, extent.max_y);
  std::vector<geo::Point> out;
  while (out.size() < count) {
    const geo::Point p{x(rng), y(rng)};
    if (locator->locate(p) >= 0) out.push_back(p);
  }
  return out;
}

const std::vector<geo::Geometry>& yemen_districts() {
  static const std::vector<geo::Geometry> districts =
      testing_support::load_polygons(testing_support::shared_data("boundaries/yem_adm2.gpkg"));
  return districts;
}

std::string run_python(const std::string& script) {
  const auto dir = testing_support::scratch_dir();
  testing_support::write_text(dir / "oracle.py", script);
  const auto result = testing_support::run_command("/usr/bin/python3 " + (dir / "oracle.py").string());
  EXPECT_EQ(result.status, 0) << result.err;
  return result.out;
}

}  // namespace coverage_testing

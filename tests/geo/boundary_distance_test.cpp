#include "geo/boundary_distance.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "geo/geodesic.hpp"
#include "support/test_support.hpp"

namespace {

using geo::Geometry;
using geo::Point;

TEST(BoundaryDistance, PointEastOfASquareIsAtTheEquatorArc) {
  std::vector<Geometry> squares;
  squares.push_back(Geometry::polygon({{{0, -1}, {1, -1}, {1, 1}, {0, 1}, {0, -1}}}));
  const geo::BoundaryDistance distance(testing_support::pointers(squares));
  const auto hit = distance.nearest({1.01, 0});
  EXPECT_EQ(hit.polygon, 0);
  EXPECT_NEAR(hit.boundary_point.x, 1.0, 1e-12);
  EXPECT_NEAR(hit.boundary_point.y, 0.0, 1e-12);
  EXPECT_NEAR(hit.distance_m, geo::geodesic_distance_m({1.01, 0}, {1, 0}), 1e-6);
}

// Against brute force over every segment of the real Yemen districts, for
// points outside them (at sea, across the borders): the same polygon, and a
// distance within 0.1 % (the local frame's approximation; see the header).
TEST(BoundaryDistance, RealDistrictsAgainstBruteForce) {
  const auto polygons = testing_support::load_polygons(testing_support::shared_data("boundaries/yem_adm2.gpkg"));
  const geo::BoundaryDistance distance(testing_support::pointers(polygons));
  std::mt19937_64 rng(8);
  std::uniform_real_distribution<double> lon(40.5, 56), lat(11, 20);
  int checked = 0;
  for (int i = 0; i < 300; ++i) {
    const Point p{lon(rng), lat(rng)};
    bool inside = false;
    for (const auto& g : polygons) inside = inside || g.covers(p);
    if (inside) continue;
    double best = 1e300;
    for (const auto& g : polygons)
      for (const auto& rings : g.polygons())
        for (const auto& ring : rings)
          for (std::size_t k = 0; k + 1 < ring.size(); ++k) {
            // Skip segments that are clearly farther than the best so far
            // (rough metres: 111 km per degree, generous margins).
            const double kx = std::cos(p.y * 3.14159265358979 / 180);
            const double ex = (ring[k].x - p.x) * kx, ey = ring[k].y - p.y;
            const double sx = (ring[k + 1].x - ring[k].x) * kx, sy = ring[k + 1].y - ring[k].y;
            const double rough = (std::sqrt(ex * ex + ey * ey) - std::sqrt(sx * sx + sy * sy)) * 110000;
            if (rough > best * 1.05 + 1000) continue;
            // Dense sampling of the segment with exact geodesic distances.
            for (int s = 0; s <= 8; ++s) {
              const double t = s / 8.0;
              const Point q{ring[k].x + t * (ring[k + 1].x - ring[k].x), ring[k].y + t * (ring[k + 1].y - ring[k].y)};
              best = std::min(best, geo::geodesic_distance_m(p, q));
            }
          }
    const auto hit = distance.nearest(p);
    EXPECT_LE(hit.distance_m, best * 1.001 + 1.0) << p.x << " " << p.y;
    EXPECT_GE(hit.distance_m, best * 0.995 - 50.0) << p.x << " " << p.y;
    ++checked;
    if (checked >= 25) break;
  }
  EXPECT_GE(checked, 20);
}

}  // namespace

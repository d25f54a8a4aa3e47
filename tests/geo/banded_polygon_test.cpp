#include "geo/banded_polygon.hpp"

#include <gtest/gtest.h>

#include <random>

namespace {

using geo::BandedPolygon;
using geo::Point;
using geo::PolygonRings;

PolygonRings square(double x0, double y0, double x1, double y1) {
  return {{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}};
}

TEST(BandedPolygon, InteriorExteriorAndHole) {
  PolygonRings rings = square(0, 0, 10, 10);
  rings.push_back({{4, 4}, {4, 6}, {6, 6}, {6, 4}, {4, 4}});  // hole
  const BandedPolygon p({rings});
  EXPECT_TRUE(p.contains({1, 1}));
  EXPECT_TRUE(p.contains({9.5, 5}));
  EXPECT_FALSE(p.contains({5, 5}));   // in the hole
  EXPECT_FALSE(p.contains({11, 5}));  // outside
  EXPECT_FALSE(p.contains({-1, 5}));
}

// Semi-open: the symbolic shift is towards +x, then +y.  On the square
// [0,10]^2 the left and bottom edges are in, the right and top edges out.
TEST(BandedPolygon, SemiOpenEdgesOfASquare) {
  const BandedPolygon p({square(0, 0, 10, 10)});
  EXPECT_TRUE(p.contains({0, 5}));    // left edge
  EXPECT_TRUE(p.contains({5, 0}));    // bottom edge
  EXPECT_FALSE(p.contains({10, 5}));  // right edge
  EXPECT_FALSE(p.contains({5, 10}));  // top edge
  EXPECT_TRUE(p.contains({0, 0}));    // lower-left corner
  EXPECT_FALSE(p.contains({10, 0}));
  EXPECT_FALSE(p.contains({0, 10}));
  EXPECT_FALSE(p.contains({10, 10}));
  for (const Point q : {Point{0, 5}, Point{10, 5}, Point{5, 10}, Point{10, 10}}) EXPECT_TRUE(p.on_boundary(q));
  EXPECT_FALSE(p.on_boundary({5, 5}));
}

// Tiling property: squares of a 4x4 grid plus a triangle fan share edges and
// vertices; every point on any edge or vertex strictly inside the tiling's
// outline is contained by exactly one tile.
TEST(BandedPolygon, EveryInteriorBorderPointInExactlyOneTile) {
  std::vector<BandedPolygon> tiles;
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) {
      if (i == 1 && j == 1) continue;  // replaced by four triangles below
      tiles.emplace_back(std::vector<PolygonRings>{square(i, j, i + 1, j + 1)});
    }
  const Point c{1.5, 1.5};
  const Point corners[] = {{1, 1}, {2, 1}, {2, 2}, {1, 2}, {1, 1}};
  for (int k = 0; k < 4; ++k)
    tiles.emplace_back(std::vector<PolygonRings>{{{corners[k], corners[k + 1], c, corners[k]}}});
  std::vector<Point> probes;
  for (int a = 1; a < 16; ++a)
    for (int b = 1; b < 16; ++b) probes.push_back({a * 0.25, b * 0.25});  // grid edges, vertices, diagonals
  for (double t = 1.0; t <= 2.0; t += 0.125) probes.push_back({t, t}), probes.push_back({t, 3.0 - t});
  for (const Point q : probes) {
    int count = 0;
    for (const auto& tile : tiles) count += tile.contains(q) ? 1 : 0;
    EXPECT_EQ(count, 1) << q.x << "," << q.y;
  }
}

// Against a slow obvious test (crossing number with exact rationals is what
// orientation() gives; here a plain parity count on random off-edge points).
TEST(BandedPolygon, RandomStarPolygonAgainstBruteForce) {
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> r(0.2, 1.0);
  geo::Ring ring;
  const int n = 400;
  for (int i = 0; i < n; ++i) {
    const double a = 2 * 3.14159265358979 * i / n;
    const double rad = r(rng);
    ring.push_back({rad * std::cos(a), rad * std::sin(a)});
  }
  ring.push_back(ring.front());
  const BandedPolygon p({{ring}});
  std::uniform_real_distribution<double> u(-1.1, 1.1);
  for (int k = 0; k < 20000; ++k) {
    const Point q{u(rng), u(rng)};
    bool inside = false;
    for (int i = 0; i < n; ++i) {
      const Point a = ring[i], b = ring[i + 1];
      if ((a.y > q.y) != (b.y > q.y)) {
        const double x = a.x + (q.y - a.y) * (b.x - a.x) / (b.y - a.y);
        if (q.x < x) inside = !inside;
      }
    }
    EXPECT_EQ(p.contains(q), inside) << q.x << "," << q.y;
  }
}

}  // namespace

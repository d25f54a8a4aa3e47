#include "geo/point_locator.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "geo/banded_polygon.hpp"
#include "support/test_support.hpp"

namespace {

using geo::Geometry;
using geo::Point;

// A Voronoi tiling: polygons that share edges and vertices exactly.
std::vector<Geometry> voronoi_tiles(int seeds, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 10);
  std::vector<Geometry> points;
  for (int i = 0; i < seeds; ++i) points.push_back(Geometry::point({u(rng), u(rng)}));
  Geometry cloud = Geometry::union_all(testing_support::pointers(points));
  // GEOS extends the outer cells beyond the clip box; cut them to the square.
  const Geometry square = Geometry::polygon({{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}});
  std::vector<Geometry> tiles;
  for (const Geometry& cell : cloud.voronoi_cells({0, 0, 10, 10}).parts()) tiles.push_back(cell.intersection(square));
  return tiles;
}

// The rule in point_locator.hpp, evaluated the slow obvious way.
std::int32_t brute_force(const std::vector<geo::BandedPolygon>& polygons, Point p) {
  for (std::size_t i = 0; i < polygons.size(); ++i)
    if (polygons[i].contains(p)) return static_cast<std::int32_t>(i);
  for (std::size_t i = 0; i < polygons.size(); ++i)
    if (polygons[i].on_boundary(p)) return static_cast<std::int32_t>(i);
  return -1;
}

class LocatorOnVoronoi : public ::testing::TestWithParam<unsigned> {};

TEST_P(LocatorOnVoronoi, GridAndGeosEqualBruteForce) {
  const std::vector<Geometry> tiles = voronoi_tiles(60, GetParam());
  ASSERT_EQ(tiles.size(), 60u);
  std::vector<geo::BandedPolygon> banded;
  for (const auto& t : tiles) banded.emplace_back(t.polygons());
  const auto grid = geo::make_grid_locator(testing_support::pointers(tiles));
  const auto geos = geo::make_geos_locator(testing_support::pointers(tiles));

  std::vector<Point> probes;
  std::mt19937_64 rng(GetParam() * 31 + 1);
  std::uniform_real_distribution<double> u(-0.5, 10.5);
  for (int i = 0; i < 20000; ++i) probes.push_back({u(rng), u(rng)});
  for (const auto& t : tiles)
    for (const auto& rings : t.polygons())
      for (const Point v : rings[0]) probes.push_back(v);  // every vertex, shared or on the frame
  // Points on the frame edges and on axis-parallel lines through vertices.
  for (int i = 0; i <= 100; ++i) {
    probes.push_back({i * 0.1, 0});
    probes.push_back({0, i * 0.1});
    probes.push_back({10, i * 0.1});
    probes.push_back({i * 0.1, 10});
  }

  int inside_union = 0;
  std::vector<int> counts(tiles.size(), 0);
  for (const Point p : probes) {
    const std::int32_t expected = brute_force(banded, p);
    ASSERT_EQ(grid->locate(p), expected) << p.x << "," << p.y;
    ASSERT_EQ(geos->locate(p), expected) << p.x << "," << p.y;
    if (expected >= 0) ++counts[static_cast<std::size_t>(expected)];
    // Closed containment in the square [0,10]^2 is the union of the tiles.
    if (p.x >= 0 && p.x <= 10 && p.y >= 0 && p.y <= 10) ++inside_union;
  }
  int total = 0;
  for (int c : counts) total += c;
  EXPECT_EQ(total, inside_union);  // per-tile counts add up to the points in the union
}

INSTANTIATE_TEST_SUITE_P(Seeds, LocatorOnVoronoi, ::testing::Values(1u, 2u, 3u));

// Shared vertices of the tiling: the vertex where several tiles meet goes to
// exactly one of them, and it is the one the (+x, +y) shift lands in.
TEST(PointLocator, SharedVertexGoesToTileReachedByShift) {
  std::vector<Geometry> quads;
  quads.push_back(Geometry::polygon({{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}}));  // lower-left
  quads.push_back(Geometry::polygon({{{1, 0}, {2, 0}, {2, 1}, {1, 1}, {1, 0}}}));  // lower-right
  quads.push_back(Geometry::polygon({{{0, 1}, {1, 1}, {1, 2}, {0, 2}, {0, 1}}}));  // upper-left
  quads.push_back(Geometry::polygon({{{1, 1}, {2, 1}, {2, 2}, {1, 2}, {1, 1}}}));  // upper-right
  const auto grid = geo::make_grid_locator(testing_support::pointers(quads));
  EXPECT_EQ(grid->locate({1, 1}), 3);    // shift goes up-right
  EXPECT_EQ(grid->locate({1, 0.5}), 1);  // vertical shared edge: the tile to the right
  EXPECT_EQ(grid->locate({0.5, 1}), 2);  // horizontal shared edge: the tile above
  EXPECT_EQ(grid->locate({2, 2}), 3);    // outer corner: on the boundary of tile 3 only
  EXPECT_EQ(grid->locate({2, 1}), 1);    // outer edge vertex of tiles 1 and 3: lowest index
  EXPECT_EQ(grid->locate({2.5, 1}), -1);
}

TEST(PointLocator, OverlapsGoToTheFirstPolygon) {
  std::vector<Geometry> overlapping;
  overlapping.push_back(Geometry::polygon({{{0, 0}, {2, 0}, {2, 2}, {0, 2}, {0, 0}}}));
  overlapping.push_back(Geometry::polygon({{{1, 1}, {3, 1}, {3, 3}, {1, 3}, {1, 1}}}));
  const auto grid = geo::make_grid_locator(testing_support::pointers(overlapping));
  const auto geos = geo::make_geos_locator(testing_support::pointers(overlapping));
  EXPECT_EQ(grid->locate({1.5, 1.5}), 0);
  EXPECT_EQ(geos->locate({1.5, 1.5}), 0);
  EXPECT_EQ(grid->locate({2.5, 2.5}), 1);
}

// Polygons with every vertex on a small integer lattice, probed at every
// quarter point: points on edges and vertices, on lines through vertices, and
// lines through the cells' reference points are the common case here, not the
// rare one.  Rings may cross themselves and each other, holes and a ring that
// runs over its own edges twice are included: the rule is a parity count
// (geo::BandedPolygon), so the brute force applies to all of them.
std::vector<Geometry> lattice_polygons(unsigned seed, int count) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> coordinate(0, 12), corners(3, 8);
  std::vector<Geometry> polygons;
  for (int i = 0; i < count; ++i) {
    geo::Ring ring;
    for (int k = corners(rng); k > 0; --k) ring.push_back({double(coordinate(rng)), double(coordinate(rng))});
    ring.push_back(ring.front());
    polygons.push_back(Geometry::polygon({ring}));
  }
  polygons.push_back(Geometry::polygon({{{0, 0}, {12, 0}, {12, 12}, {0, 12}, {0, 0}},
                                        {{3, 3}, {9, 3}, {6, 9}, {3, 3}}}));  // a hole
  // Twice round, outside the square above: it contains nothing, its edges
  // are its boundary.
  polygons.push_back(Geometry::polygon({{{-1, 1}, {-0.5, 1}, {-0.5, 3}, {-1, 3}, {-1, 1}, {-0.5, 1}, {-0.5, 3}, {-1, 3}, {-1, 1}}}));
  // A small square tiling: shared edges and vertices.
  for (int x = 4; x < 8; x += 2)
    for (int y = 6; y < 10; y += 2)
      polygons.push_back(Geometry::polygon({{{double(x), double(y)}, {x + 2.0, double(y)}, {x + 2.0, y + 2.0},
                                             {double(x), y + 2.0}, {double(x), double(y)}}}));
  return polygons;
}

void expect_brute_force_on_quarter_points(const std::vector<Geometry>& polygons, unsigned seed) {
  std::vector<geo::BandedPolygon> banded;
  for (const auto& g : polygons) banded.emplace_back(g.polygons());
  const auto grid = geo::make_grid_locator(testing_support::pointers(polygons));
  std::vector<Point> probes;
  for (int i = -4; i <= 52; ++i)
    for (int j = -4; j <= 52; ++j) probes.push_back({i / 4.0, j / 4.0});
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(-1, 13);
  for (int i = 0; i < 20000; ++i) probes.push_back({u(rng), u(rng)});
  std::shuffle(probes.begin(), probes.end(), rng);
  std::vector<std::int32_t> batched(probes.size());
  grid->locate_all(probes, batched);
  std::vector<int> answers(polygons.size() + 1, 0);
  for (std::size_t i = 0; i < probes.size(); ++i) {
    const Point p = probes[i];
    const std::int32_t expected = brute_force(banded, p);
    ASSERT_EQ(grid->locate(p), expected) << p.x << "," << p.y;
    ASSERT_EQ(batched[i], expected) << p.x << "," << p.y;
    ++answers[static_cast<std::size_t>(expected + 1)];
  }
  // The probes reach outside, several polygons and the border rule.
  EXPECT_GT(answers[0], 0);
  EXPECT_GT(std::count_if(answers.begin() + 1, answers.end(), [](int n) { return n > 0; }), 5);
}

class LocatorOnLattice : public ::testing::TestWithParam<unsigned> {};

TEST_P(LocatorOnLattice, GridEqualsBruteForceAtEveryQuarterPoint) {
  expect_brute_force_on_quarter_points(lattice_polygons(GetParam(), 30), GetParam());
}

INSTANTIATE_TEST_SUITE_P(Seeds, LocatorOnLattice, ::testing::Values(1u, 2u, 3u, 4u, 5u));

// More polygons over one cell than its crossing count can hold (64): those
// cells test each candidate polygon instead, with the same answers.
TEST(PointLocator, CellsWithManyCandidatesEqualBruteForce) {
  expect_brute_force_on_quarter_points(lattice_polygons(7, 90), 7);
}

TEST(PointLocator, EmptySetLocatesNothing) {
  const auto grid = geo::make_grid_locator({});
  EXPECT_EQ(grid->locate({0, 0}), -1);
}

}  // namespace

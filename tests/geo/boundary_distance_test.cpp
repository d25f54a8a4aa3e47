#include "geo/boundary_distance.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <random>
#include <string>

#include "geo/envelope.hpp"
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

// The definition in the header, run literally: every segment of every ring,
// the smallest squared distance in the query's local frame, ties to the lowest
// polygon index and then to the first segment in input order.
geo::BoundaryDistance::Nearest brute_nearest(const std::vector<Geometry>& polygons, Point p) {
  const double kx = geo::BoundaryDistance::frame_scale(p.y);
  geo::BoundaryDistance::Nearest out;
  double best = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < polygons.size(); ++i)
    for (const auto& rings : polygons[i].polygons())
      for (const auto& ring : rings)
        for (std::size_t k = 0; k + 1 < ring.size(); ++k) {
          double d2 = 0;
          const Point q = geo::BoundaryDistance::closest_on_segment(p, ring[k], ring[k + 1], kx, d2);
          if (d2 < best || (d2 == best && static_cast<std::int32_t>(i) < out.polygon)) {
            best = d2;
            out.polygon = static_cast<std::int32_t>(i);
            out.boundary_point = q;
          }
        }
  out.distance_m = geo::geodesic_distance_m(p, out.boundary_point);
  return out;
}

// Random points outside every district, up to ~2 degrees beyond the extent:
// the index must give exactly the brute-force answer (same polygon, same
// boundary point, same distance to the last bit).
void expect_same_as_brute_force(const std::string& file, std::uint64_t seed, int wanted) {
  const auto polygons = testing_support::load_polygons(testing_support::shared_data(file));
  ASSERT_FALSE(polygons.empty()) << file;
  const geo::BoundaryDistance distance(testing_support::pointers(polygons));
  geo::Envelope extent;
  for (const auto& g : polygons) extent.expand(g.envelope());
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> lon(extent.min_x - 2, extent.max_x + 2), lat(extent.min_y - 2, extent.max_y + 2);
  int checked = 0;
  for (int attempt = 0; attempt < 20 * wanted && checked < wanted; ++attempt) {
    const Point p{lon(rng), lat(rng)};
    bool inside = false;
    for (const auto& g : polygons) inside = inside || (g.envelope().contains(p) && g.covers(p));
    if (inside) continue;
    const auto want = brute_nearest(polygons, p);
    const auto got = distance.nearest(p);
    ++checked;
    ASSERT_EQ(got.polygon, want.polygon) << file << " point " << p.x << " " << p.y;
    ASSERT_EQ(got.boundary_point, want.boundary_point) << file << " point " << p.x << " " << p.y;
    ASSERT_EQ(got.distance_m, want.distance_m) << file << " point " << p.x << " " << p.y;
  }
  EXPECT_EQ(checked, wanted) << file;
}

TEST(BoundaryDistance, YemenDistrictsExactlyAsBruteForce) { expect_same_as_brute_force("boundaries/yem_adm2.gpkg", 11, 400); }

TEST(BoundaryDistance, JordanDistrictsExactlyAsBruteForce) { expect_same_as_brute_force("boundaries/jor_adm2.gpkg", 12, 400); }

// A point exactly halfway between two squares: the lower polygon index wins,
// whichever square comes first.
TEST(BoundaryDistance, ExactTieGoesToTheLowerPolygonIndex) {
  auto square = [](bool east) {
    return east ? Geometry::polygon({{{1, -1}, {2, -1}, {2, 1}, {1, 1}, {1, -1}}})
                : Geometry::polygon({{{-2, -1}, {-1, -1}, {-1, 1}, {-2, 1}, {-2, -1}}});
  };
  for (const bool east_first : {true, false}) {
    std::vector<Geometry> squares;
    squares.push_back(square(east_first));
    squares.push_back(square(!east_first));
    const geo::BoundaryDistance distance(testing_support::pointers(squares));
    const auto hit = distance.nearest({0, 0.5});
    EXPECT_EQ(hit.polygon, 0);
    EXPECT_EQ(hit.boundary_point, (Point{east_first ? 1.0 : -1.0, 0.5}));
    EXPECT_EQ(hit.distance_m, geo::geodesic_distance_m({0, 0.5}, {1, 0.5}));
  }
}

// Many polygons (several tree levels) and points on vertices, on edges and
// exactly halfway between squares (binary fractions, so the ties are exact):
// still exactly brute force.
TEST(BoundaryDistance, GridOfSmallSquaresExactlyAsBruteForce) {
  // Polygon indices in shuffled order, so that the lower index of a tie is
  // as often the one the search meets second.
  std::vector<int> cells(40 * 30);
  std::iota(cells.begin(), cells.end(), 0);
  std::shuffle(cells.begin(), cells.end(), std::mt19937_64(3));
  std::vector<Geometry> squares;
  for (const int cell : cells) {
    const double x = (cell % 40) * 0.25, y = (cell / 40) * 0.25;
    squares.push_back(Geometry::polygon({{{x, y}, {x + 0.125, y}, {x + 0.125, y + 0.125}, {x, y + 0.125}, {x, y}}}));
  }
  const geo::BoundaryDistance distance(testing_support::pointers(squares));
  std::mt19937_64 rng(5);
  std::uniform_int_distribution<int> step(-20, 180);
  for (int k = 0; k < 3000; ++k) {
    const Point p{step(rng) * 0.0625, step(rng) * 0.046875};
    const auto want = brute_nearest(squares, p);
    const auto got = distance.nearest(p);
    ASSERT_EQ(got.polygon, want.polygon) << p.x << " " << p.y;
    ASSERT_EQ(got.boundary_point, want.boundary_point) << p.x << " " << p.y;
    ASSERT_EQ(got.distance_m, want.distance_m) << p.x << " " << p.y;
  }
}

// Many points per cell, so that most searches start from their cell's
// segment (found at another point of the cell, often not the answer): still
// exactly brute force, exact ties included, on a coarse grid (8 cells along
// the longer side) and on a fine one.
TEST(BoundaryDistance, SearchesStartedFromACellExactlyAsBruteForce) {
  std::vector<int> cells(40 * 30);
  std::iota(cells.begin(), cells.end(), 0);
  std::shuffle(cells.begin(), cells.end(), std::mt19937_64(4));
  std::vector<Geometry> squares;
  for (const int cell : cells) {
    const double x = (cell % 40) * 0.25, y = (cell / 40) * 0.25;
    squares.push_back(Geometry::polygon({{{x, y}, {x + 0.125, y}, {x + 0.125, y + 0.125}, {x, y + 0.125}, {x, y}}}));
  }
  for (const int grid : {8, 512}) {
    const geo::BoundaryDistance distance(testing_support::pointers(squares), grid);
    std::mt19937_64 rng(6);
    std::uniform_int_distribution<int> step(-60, 220), offset(-2, 2);
    int started = 0, asked = 0;
    for (int k = 0; k < 200; ++k) {
      // A dozen points around one spot, within a cell or two (binary
      // fractions: exact ties).
      const int sx = step(rng), sy = step(rng);
      const double spread = grid == 8 ? 0.0625 : 1.0 / 1024;
      for (int m = 0; m < 12; ++m) {
        const Point p{sx * 0.0625 + offset(rng) * spread, sy * 0.046875 + offset(rng) * spread};
        started += distance.starts_from_cell(p);
        ++asked;
        const auto want = brute_nearest(squares, p);
        const auto got = distance.nearest(p);
        ASSERT_EQ(got.polygon, want.polygon) << "grid " << grid << ": " << p.x << " " << p.y;
        ASSERT_EQ(got.boundary_point, want.boundary_point) << "grid " << grid << ": " << p.x << " " << p.y;
        ASSERT_EQ(got.distance_m, want.distance_m) << "grid " << grid << ": " << p.x << " " << p.y;
      }
    }
    EXPECT_GT(started, asked / 2) << "grid " << grid;
  }
}

// The same on Yemen's districts, groups of points within a few hundred
// metres of each other outside every district (at sea, across the borders),
// and a few far beyond the grid, which are searched from the root.
TEST(BoundaryDistance, YemenSearchesStartedFromACellExactlyAsBruteForce) {
  const auto polygons = testing_support::load_polygons(testing_support::shared_data("boundaries/yem_adm2.gpkg"));
  const geo::BoundaryDistance distance(testing_support::pointers(polygons));
  geo::Envelope extent;
  for (const auto& g : polygons) extent.expand(g.envelope());
  std::mt19937_64 rng(13);
  std::uniform_real_distribution<double> lon(extent.min_x - 2, extent.max_x + 2), lat(extent.min_y - 2, extent.max_y + 2);
  std::uniform_real_distribution<double> near(-0.004, 0.004);
  int started = 0, asked = 0;
  auto check = [&](Point p) {
    for (const auto& g : polygons)
      if (g.envelope().contains(p) && g.covers(p)) return;
    started += distance.starts_from_cell(p);
    ++asked;
    const auto want = brute_nearest(polygons, p);
    const auto got = distance.nearest(p);
    ASSERT_EQ(got.polygon, want.polygon) << p.x << " " << p.y;
    ASSERT_EQ(got.boundary_point, want.boundary_point) << p.x << " " << p.y;
    ASSERT_EQ(got.distance_m, want.distance_m) << p.x << " " << p.y;
  };
  for (int k = 0; k < 40; ++k) {
    const Point centre{lon(rng), lat(rng)};
    for (int m = 0; m < 8; ++m) check({centre.x + near(rng), centre.y + near(rng)});
  }
  for (const Point far : {Point{0, 0}, Point{-70, -40}, Point{120, 60}}) {
    check(far);
    check(far);
    EXPECT_FALSE(distance.starts_from_cell(far));
  }
  EXPECT_GT(asked, 150);
  EXPECT_GT(started, asked / 2);
}

// The grid of a unit square with 8 cells along the longer side is known by
// hand: it covers [-0.5, 1.5]^2 widened to whole cells of 0.25 degrees, 9 x 9
// cells from (-0.5, -0.5).  sort_by_cell must be the stable sort by that
// cell, row by row, points off the grid last; for few points (a comparison
// sort) and for many (a counting sort) alike.
TEST(BoundaryDistance, SortByCellIsAStableSortByTheCellRowByRow) {
  std::vector<Geometry> square;
  square.push_back(Geometry::polygon({{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}}));
  const geo::BoundaryDistance distance(testing_support::pointers(square), 8);
  std::mt19937_64 rng(21);
  std::uniform_int_distribution<int> cell(-2, 10);
  std::uniform_real_distribution<double> within(0.01, 0.24);
  std::vector<Point> points;
  std::vector<std::uint32_t> key;  // the oracle's cell, 81 off the grid
  for (int i = 0; i < 3000; ++i) {
    const int cx = cell(rng), cy = cell(rng);
    points.push_back({-0.5 + cx * 0.25 + within(rng), -0.5 + cy * 0.25 + within(rng)});
    const bool on_grid = cx >= 0 && cx < 9 && cy >= 0 && cy < 9;
    key.push_back(on_grid ? static_cast<std::uint32_t>(cy * 9 + cx) : 81u);
  }
  for (const std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{3}, std::size_t{4}, std::size_t{40}, points.size()}) {
    // n random positions in `points`, in a random order.
    std::vector<std::uint32_t> indices(points.size());
    std::iota(indices.begin(), indices.end(), 0u);
    std::shuffle(indices.begin(), indices.end(), rng);
    indices.resize(n);
    std::vector<std::uint32_t> want = indices;
    std::stable_sort(want.begin(), want.end(), [&](std::uint32_t l, std::uint32_t r) { return key[l] < key[r]; });
    distance.sort_by_cell(points, indices);
    EXPECT_EQ(indices, want) << n << " points";
  }
}

TEST(BoundaryDistance, EmptySetHasNoNearestPolygon) {
  const geo::BoundaryDistance distance({});
  EXPECT_EQ(distance.nearest({1, 1}).polygon, -1);
}

}  // namespace

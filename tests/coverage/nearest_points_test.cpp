// geo::NearestPoints against slow obvious oracles:
//  - brute force: Karney's geodesic inverse from every query to every site;
//  - pyproj.Geod (Debian's python3-pyproj), run now, over every site;
// on generated points inside the real Yemen districts, plus edge cases
// (ties, NaN, empty sets, the antimeridian, the poles).

#include "geo/nearest_points.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <sstream>

#include "geo/geodesic.hpp"
#include "random_points.hpp"

namespace {

using geo::NearestPoints;
using geo::Point;

NearestPoints::Nearest brute_nearest(const std::vector<Point>& sites, Point q, double max_m = INFINITY) {
  NearestPoints::Nearest best;
  for (std::size_t i = 0; i < sites.size(); ++i) {
    if (!std::isfinite(sites[i].x)) continue;
    const double d = geo::geodesic_distance_m(q, sites[i]);
    if (d <= max_m && (best.index < 0 || d < best.distance_m)) best = {static_cast<std::int32_t>(i), d};
  }
  return best;
}

// Sites clustered around a few "towns", as real facilities are.
std::vector<Point> clustered(const std::vector<Point>& centres, std::size_t count, double spread_deg, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> jitter(0, spread_deg);
  std::vector<Point> out;
  for (std::size_t i = 0; i < count; ++i) {
    const Point c = centres[i % centres.size()];
    out.push_back({c.x + jitter(rng), c.y + jitter(rng)});
  }
  return out;
}

TEST(NearestPoints, ExactNearestOnYemenAgainstBruteForce) {
  const auto& districts = coverage_testing::yemen_districts();
  const auto uniform_sites = coverage_testing::points_inside(districts, 1500, 11);
  const auto towns = coverage_testing::points_inside(districts, 40, 12);
  const auto clustered_sites = clustered(towns, 1500, 0.05, 13);
  const auto queries = coverage_testing::points_inside(districts, 2000, 14);
  for (const auto* sites : {&uniform_sites, &clustered_sites}) {
    const NearestPoints index(*sites);
    std::vector<NearestPoints::Nearest> got(queries.size());
    index.nearest_all(queries, got, INFINITY, 2);
    for (std::size_t i = 0; i < queries.size(); ++i) {
      const auto want = brute_nearest(*sites, queries[i]);
      ASSERT_EQ(got[i].index, want.index) << "query " << i;
      EXPECT_EQ(got[i].distance_m, want.distance_m);
    }
  }
}

// Independent oracle: pyproj computes every query-site distance itself and
// picks the minimum.
TEST(NearestPoints, AgreesWithPyprojOverEverySite) {
  const auto& districts = coverage_testing::yemen_districts();
  const auto sites = coverage_testing::points_inside(districts, 800, 21);
  const auto queries = coverage_testing::points_inside(districts, 400, 22);
  const NearestPoints index(sites);
  std::ostringstream script;
  script.precision(17);
  script << "import numpy as np\nfrom pyproj import Geod\ng = Geod(ellps='WGS84')\nsx = np.array([";
  for (const Point& s : sites) script << s.x << ",";
  script << "])\nsy = np.array([";
  for (const Point& s : sites) script << s.y << ",";
  script << "])\nfor qx, qy in [";
  for (const Point& q : queries) script << "(" << q.x << "," << q.y << "),";
  script << "]:\n"
            "    _, _, d = g.inv(np.full(sx.shape, qx), np.full(sy.shape, qy), sx, sy)\n"
            "    i = int(np.argmin(d))\n"
            "    print(i, repr(float(d[i])))\n";
  std::istringstream lines(coverage_testing::run_python(script.str()));
  for (const Point& q : queries) {
    int want_index = -1;
    double want_m = 0;
    ASSERT_TRUE(lines >> want_index >> want_m);
    const auto got = index.nearest(q);
    EXPECT_EQ(got.index, want_index);
    EXPECT_NEAR(got.distance_m, want_m, 0.01);
  }
}

TEST(NearestPoints, RadiusQueriesAgainstBruteForce) {
  const auto& districts = coverage_testing::yemen_districts();
  const auto sites = coverage_testing::points_inside(districts, 3000, 31);
  const auto queries = coverage_testing::points_inside(districts, 600, 32);
  const NearestPoints index(sites);
  std::vector<std::int32_t> got;
  for (double radius : {500.0, 5000.0, 15000.0, 60000.0}) {
    for (const Point& q : queries) {
      std::vector<std::int32_t> want;
      for (std::size_t i = 0; i < sites.size(); ++i)
        if (geo::geodesic_distance_m(q, sites[i]) <= radius) want.push_back(static_cast<std::int32_t>(i));
      index.within(q, radius, got);
      ASSERT_EQ(got, want) << "radius " << radius;
      EXPECT_EQ(index.any_within(q, radius), !want.empty());
      const auto limited = index.nearest(q, radius);
      EXPECT_EQ(limited.index, brute_nearest(sites, q, radius).index);
    }
  }
}

// Sites exactly at the radius are inside (closed), a hair beyond are not.
TEST(NearestPoints, RadiusIsClosed) {
  const Point centre{44.2, 15.35};
  std::vector<Point> sites;
  for (double az : {0.0, 90.0, 211.0}) sites.push_back(geo::geodesic_direct(centre, az, 5000));
  const NearestPoints index(sites);
  for (std::size_t i = 0; i < sites.size(); ++i) {
    const double d = geo::geodesic_distance_m(centre, sites[i]);
    EXPECT_TRUE(index.any_within(centre, d) || index.nearest(centre).distance_m < d);
  }
  const double nearest = index.nearest(centre).distance_m;
  EXPECT_TRUE(index.any_within(centre, nearest));
  EXPECT_FALSE(index.any_within(centre, std::nextafter(nearest, 0.0)));
}

TEST(NearestPoints, TiesGoToTheLowestIndex) {
  const Point a{44.0, 15.0};
  // Two copies of the same site, and a mirror pair at exactly equal distance
  // (symmetric about the meridian of the query).
  const std::vector<Point> sites{{44.5, 15.0}, {44.05, 15.2}, {43.95, 15.2}, {44.05, 15.2}};
  const NearestPoints index(sites);
  const double d1 = geo::geodesic_distance_m(a, sites[1]), d2 = geo::geodesic_distance_m(a, sites[2]);
  EXPECT_NEAR(d1, d2, 1e-8);
  // 3 duplicates 1 and never wins; 1 and 2 are tied to the last bit or not.
  EXPECT_EQ(index.nearest(a).index, d2 < d1 ? 2 : 1);
}

TEST(NearestPoints, EmptyAndNotFiniteInputs) {
  const NearestPoints none(std::vector<Point>{});
  EXPECT_EQ(none.nearest({44, 15}).index, -1);
  EXPECT_FALSE(none.any_within({44, 15}, 1e7));
  const NearestPoints some(std::vector<Point>{{NAN, NAN}, {44, 15}});
  EXPECT_EQ(some.size(), 2u);
  EXPECT_EQ(some.nearest({45, 16}).index, 1);
  EXPECT_EQ(some.nearest({NAN, 16}).index, -1);
  EXPECT_TRUE(std::isnan(some.nearest({NAN, 16}).distance_m));
  EXPECT_EQ(some.nearest({45, 16}, 1000).index, -1);  // beyond the limit
}

// The sphere of unit vectors has no seam: nearest across the antimeridian,
// at the poles and on the far side of the earth.
TEST(NearestPoints, WholeEarth) {
  std::mt19937_64 rng(41);
  std::uniform_real_distribution<double> lon(-180, 180), z(-1, 1);
  std::vector<Point> sites, queries{{179.999, -17}, {-179.999, -17}, {0, 90}, {0, -90}, {12, 89.9}};
  for (int i = 0; i < 2000; ++i) sites.push_back({lon(rng), std::asin(z(rng)) * 180 / M_PI});
  sites.push_back({-179.95, -17.0});
  for (int i = 0; i < 300; ++i) queries.push_back({lon(rng), std::asin(z(rng)) * 180 / M_PI});
  const NearestPoints index(sites);
  for (const Point& q : queries) {
    const auto want = brute_nearest(sites, q);
    const auto got = index.nearest(q);
    EXPECT_EQ(got.index, want.index) << q.x << " " << q.y;
    EXPECT_EQ(got.distance_m, want.distance_m);
  }
  EXPECT_EQ(index.nearest({179.999, -17}).index, 2000);
}

// The bounds the index relies on: m_min * angle <= geodesic <= m_max * angle.
TEST(NearestPoints, DistanceBoundsHold) {
  std::mt19937_64 rng(51);
  std::uniform_real_distribution<double> lon(-180, 180), z(-1, 1), step(-3, 3);
  for (int i = 0; i < 20000; ++i) {
    const Point a{lon(rng), std::asin(z(rng)) * 180 / M_PI};
    const Point b = i % 2 ? Point{a.x + step(rng), std::clamp(a.y + step(rng), -90.0, 90.0)}
                          : Point{lon(rng), std::asin(z(rng)) * 180 / M_PI};
    const double ax = std::cos(a.y * M_PI / 180) * std::cos(a.x * M_PI / 180), ay = std::cos(a.y * M_PI / 180) * std::sin(a.x * M_PI / 180),
                 az = std::sin(a.y * M_PI / 180);
    const double bx = std::cos(b.y * M_PI / 180) * std::cos(b.x * M_PI / 180), by = std::cos(b.y * M_PI / 180) * std::sin(b.x * M_PI / 180),
                 bz = std::sin(b.y * M_PI / 180);
    const double angle = std::atan2(std::hypot(ay * bz - az * by, az * bx - ax * bz, ax * by - ay * bx), ax * bx + ay * by + az * bz);
    const double d = geo::geodesic_distance_m(a, b);
    const double slack = 1e-6 + geo::kGeodesicDistanceErrorM;
    EXPECT_GE(d, NearestPoints::min_metres_per_radian() * angle * (1 - 1e-12) - slack);
    EXPECT_LE(d, NearestPoints::max_metres_per_radian() * angle * (1 + 1e-12) + slack);
  }
}

TEST(NearestPoints, ThreadCountDoesNotChangeResults) {
  const auto& districts = coverage_testing::yemen_districts();
  const auto sites = coverage_testing::points_inside(districts, 500, 61);
  const auto queries = coverage_testing::points_inside(districts, 20000, 62);
  const NearestPoints index(sites);
  std::vector<NearestPoints::Nearest> one(queries.size()), two(queries.size());
  index.nearest_all(queries, one, INFINITY, 1);
  index.nearest_all(queries, two, INFINITY, 2);
  for (std::size_t i = 0; i < queries.size(); ++i) {
    ASSERT_EQ(one[i].index, two[i].index);
    ASSERT_EQ(one[i].distance_m, two[i].distance_m);
  }
}

}  // namespace

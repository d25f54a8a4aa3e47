#include "geo/geodesic.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <sstream>

#include "geo/geometry.hpp"
#include "support/test_support.hpp"

namespace {

using geo::Point;

TEST(Geodesic, EquatorArcIsRadiusTimesAngle) {
  // Along the equator the geodesic is the equator: a * dlambda.
  const double a = 6378137.0;
  const double pi = 3.14159265358979323846;
  EXPECT_NEAR(geo::geodesic_distance_m({0, 0}, {1, 0}), a * pi / 180, 1e-6);
  EXPECT_NEAR(geo::geodesic_distance_m({10, 0}, {10.5, 0}), a * pi / 360, 1e-6);
}

TEST(Geodesic, DirectInvertsInverse) {
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> lon(40, 56), lat(10, 20), dist(1, 500000), az(-180, 180);
  for (int i = 0; i < 1000; ++i) {
    const Point o{lon(rng), lat(rng)};
    const double d = dist(rng);
    const Point t = geo::geodesic_direct(o, az(rng), d);
    EXPECT_NEAR(geo::geodesic_distance_m(o, t), d, geo::kGeodesicDistanceErrorM);
    EXPECT_NEAR(geo::geodesic_inverse(o, t).distance_m, d, 1e-6);
  }
}

// geodesic_distance_m's Vincenty path against Karney's algorithm (PROJ's
// geod_inverse, through geodesic_inverse) over the whole globe: lines from
// millimetres to the 5-degree limit, on and near the equator, near the
// poles, across the antimeridian.
TEST(Geodesic, FastDistanceStaysWithinItsErrorOfKarney) {
  std::mt19937_64 rng(17);
  std::uniform_real_distribution<double> lon(-180, 180), lat(-89.5, 89.5), unit(-1, 1), exponent(-9, 0);
  double worst = 0;
  for (int i = 0; i < 300000; ++i) {
    Point a{lon(rng), lat(rng)};
    const double span = 5 * std::pow(10.0, exponent(rng));  // degrees, 5e-9 .. 5
    Point b{a.x + span * unit(rng), std::clamp(a.y + span * unit(rng), -89.5, 89.5)};
    if (i % 5 == 0) a.y = 0;                 // from the equator
    if (i % 7 == 0) b.y = a.y;               // along a parallel
    if (i % 11 == 0) b.x = a.x;              // along a meridian
    if (i % 13 == 0) a.x = 179.999, b.x = -179.999 + span * std::fabs(unit(rng));  // across the antimeridian
    const double fast = geo::geodesic_distance_m(a, b), karney = geo::geodesic_inverse(a, b).distance_m;
    worst = std::max(worst, std::fabs(fast - karney));
    ASSERT_NEAR(fast, karney, geo::kGeodesicDistanceErrorM) << a.x << " " << a.y << " -> " << b.x << " " << b.y;
  }
  EXPECT_GT(worst, 0.0);  // the fast path was taken: it is not bit-identical to Karney
}

// Independent oracle: pyproj.Geod (Debian's python3-pyproj), run now.
TEST(Geodesic, AgreesWithPyproj) {
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> lon(35, 60), lat(5, 35);
  std::vector<std::pair<Point, Point>> pairs;
  std::ostringstream script;
  script << "from pyproj import Geod\ng = Geod(ellps='WGS84')\n";
  script.precision(17);
  for (int i = 0; i < 200; ++i) {
    const Point a{lon(rng), lat(rng)};
    // Half the pairs at nearest-facility range (Vincenty path), half far apart.
    pairs.push_back({a, i % 2 ? Point{a.x + (lon(rng) - 47.5) / 50, a.y + (lat(rng) - 20) / 60} : Point{lon(rng), lat(rng)}});
    script << "print(repr(g.inv(" << pairs.back().first.x << "," << pairs.back().first.y << ","
           << pairs.back().second.x << "," << pairs.back().second.y << ")[2]))\n";
  }
  const auto dir = testing_support::scratch_dir();
  testing_support::write_text(dir / "oracle.py", script.str());
  const auto result = testing_support::run_command("/usr/bin/python3 " + (dir / "oracle.py").string());
  ASSERT_EQ(result.status, 0) << result.err;
  std::istringstream lines(result.out);
  for (const auto& [a, b] : pairs) {
    double expected = 0;
    ASSERT_TRUE(lines >> expected);
    EXPECT_NEAR(geo::geodesic_distance_m(a, b), expected, geo::kGeodesicDistanceErrorM);
    EXPECT_NEAR(geo::geodesic_inverse(a, b).distance_m, expected, 1e-6);
  }
}

}  // namespace

namespace {

// Against pyproj's geodesic polygon area (Debian's python3-pyproj), with
// rings wound both ways.
TEST(Geodesic, AreaAgreesWithPyprojAndIgnoresWinding) {
  const geo::Geometry ccw = geo::Geometry::polygon({{{44, 15}, {45, 15}, {45, 16}, {44, 16}, {44, 15}},
                                                    {{44.2, 15.2}, {44.2, 15.4}, {44.4, 15.4}, {44.4, 15.2}, {44.2, 15.2}}});
  const geo::Geometry cw = geo::Geometry::polygon({{{44, 15}, {44, 16}, {45, 16}, {45, 15}, {44, 15}},
                                                   {{44.2, 15.2}, {44.4, 15.2}, {44.4, 15.4}, {44.2, 15.4}, {44.2, 15.2}}});
  const auto dir = testing_support::scratch_dir();
  testing_support::write_text(dir / "area.py",
                              "from pyproj import Geod\n"
                              "g = Geod(ellps='WGS84')\n"
                              "a, _ = g.polygon_area_perimeter([44, 45, 45, 44], [15, 15, 16, 16])\n"
                              "h, _ = g.polygon_area_perimeter([44.2, 44.4, 44.4, 44.2], [15.2, 15.2, 15.4, 15.4])\n"
                              "print(repr(abs(a) - abs(h)))\n");
  const auto result = testing_support::run_command("/usr/bin/python3 " + (dir / "area.py").string());
  ASSERT_EQ(result.status, 0) << result.err;
  const double expected = std::stod(result.out);
  EXPECT_NEAR(geo::geodesic_area_m2(ccw), expected, 1e-3);
  EXPECT_NEAR(geo::geodesic_area_m2(cw), expected, 1e-3);
  EXPECT_GT(expected, 1.1e10);  // about 107 km x 111 km, less the hole
}

}  // namespace

// geo::CrsTransform and geo::geodesic_disc: local metric projections and
// discs measured on the ellipsoid, against the geodesic routines and pyproj.

#include "geo/crs_transform.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <sstream>

#include "geo/error.hpp"
#include "geo/geodesic.hpp"
#include "geo/geodesic_disc.hpp"
#include "random_points.hpp"

namespace {

using geo::Point;

// In an azimuthal equidistant projection the distance from the centre is
// the geodesic distance.
TEST(CrsTransform, AzimuthalEquidistantKeepsDistancesFromTheCentre) {
  const Point centre{44.02, 13.58};  // Taiz
  const geo::CrsTransform aeqd = geo::azimuthal_equidistant(centre);
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> az(-180, 180), dist(1, 200000);
  for (int i = 0; i < 500; ++i) {
    const double d = dist(rng);
    const Point p = geo::geodesic_direct(centre, az(rng), d);
    const Point xy = aeqd.forward(p);
    EXPECT_NEAR(std::hypot(xy.x, xy.y), d, 1e-6);
    const Point back = aeqd.inverse(xy);
    EXPECT_NEAR(back.x, p.x, 1e-10);
    EXPECT_NEAR(back.y, p.y, 1e-10);
  }
  EXPECT_NEAR(aeqd.forward(centre).x, 0, 1e-9);
}

// Against pyproj's own transformation to UTM zone 38N.
TEST(CrsTransform, AgreesWithPyprojUtm) {
  const auto points = coverage_testing::points_inside(coverage_testing::yemen_districts(), 50, 3);
  const geo::CrsTransform utm("EPSG:4326", "EPSG:32638");
  EXPECT_FALSE(utm.is_identity());
  std::ostringstream script;
  script.precision(17);
  script << "from pyproj import Transformer\nt = Transformer.from_crs('EPSG:4326', 'EPSG:32638', always_xy=True)\n";
  for (const Point& p : points) script << "print(*map(repr, t.transform(" << p.x << ", " << p.y << ")))\n";
  std::istringstream lines(coverage_testing::run_python(script.str()));
  for (const Point& p : points) {
    double x = 0, y = 0;
    ASSERT_TRUE(lines >> x >> y);
    const Point got = utm.forward(p);
    EXPECT_NEAR(got.x, x, 1e-6);
    EXPECT_NEAR(got.y, y, 1e-6);
  }
}

TEST(CrsTransform, GeometriesAndIdentity) {
  const geo::CrsTransform same("EPSG:4326", "EPSG:4326");
  EXPECT_TRUE(same.is_identity());
  const geo::CrsTransform aeqd = geo::azimuthal_equidistant({45, 15});
  const geo::Geometry square = geo::Geometry::polygon({{{45, 15}, {45.1, 15}, {45.1, 15.1}, {45, 15.1}, {45, 15}}});
  const geo::Geometry projected = aeqd.forward(square);
  const geo::Geometry back = aeqd.inverse(projected);
  EXPECT_NEAR(back.envelope().max_x, 45.1, 1e-9);
  // Planar area in the projection is close to the ellipsoidal area.
  EXPECT_NEAR(projected.planar_area() / geo::geodesic_area_m2(square), 1, 1e-4);
  EXPECT_THROW(geo::CrsTransform("EPSG:4326", "not a crs"), geo::Error);
  EXPECT_EQ(geo::crs_display_name("EPSG:32638"), "WGS 84 / UTM zone 38N (EPSG:32638)");
}

TEST(GeodesicDisc, VerticesLieOnTheCircleAndAreaIsPiRSquared) {
  const Point centre{44.2, 15.35};
  for (double radius : {500.0, 5000.0, 15000.0}) {
    const geo::Geometry disc = geo::geodesic_disc(centre, radius, 128);
    ASSERT_TRUE(disc.is_valid());
    const auto rings = disc.polygons();
    ASSERT_EQ(rings.size(), 1u);
    ASSERT_EQ(rings[0][0].size(), 129u);
    for (const Point& v : rings[0][0]) EXPECT_NEAR(geo::geodesic_distance_m(centre, v), radius, 1e-6);
    // Inscribed 128-gon: area = n/2 r^2 sin(2 pi / n), on the ellipsoid to
    // about (r / R)^2 of it.
    const double polygon_area = 64 * radius * radius * std::sin(2 * M_PI / 128);
    EXPECT_NEAR(geo::geodesic_area_m2(disc) / polygon_area, 1, 2e-4) << radius;
    EXPECT_TRUE(disc.covers(centre));
  }
  // Counter-clockwise: positive shoelace sum.
  const auto ring = geo::geodesic_disc(centre, 1000).polygons()[0][0];
  double twice_area = 0;
  for (std::size_t i = 0; i + 1 < ring.size(); ++i) twice_area += ring[i].x * ring[i + 1].y - ring[i + 1].x * ring[i].y;
  EXPECT_GT(twice_area, 0);
  EXPECT_THROW(geo::geodesic_disc({0, 89.99}, 5000), geo::Error);
  EXPECT_THROW(geo::geodesic_disc(centre, 0), geo::Error);
}

}  // namespace

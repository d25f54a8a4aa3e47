// Uncovered areas on the real Yemen districts against an independent
// computation: GDAL (ogr2ogr) projects the district and the facilities to an
// azimuthal equidistant projection centred on the district, and SpatiaLite
// (GDAL's SQLite dialect) buffers the facilities there (ST_Buffer), subtracts
// their union from the district (ST_Difference) and measures what is left
// (ST_Area).  The two must agree within 0.5 %.

#include "engine/coverage/uncovered_areas.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <random>

#include "engine/boundaries.hpp"
#include "geo/geodesic.hpp"
#include "geo/vector_writer.hpp"
#include "random_points.hpp"
#include "support/test_support.hpp"

namespace {

using geo::Point;

engine::AdminLevel yemen_level() {
  engine::AdminLevelSpec spec;
  spec.name = "districts";
  spec.level = 2;
  spec.source.source = testing_support::shared_data("boundaries/yem_adm2.gpkg");
  return engine::load_admin_level(spec);
}

// SpatiaLite's uncovered area (km2) of `district` for facilities with radii.
double spatialite_uncovered_km2(const geo::Geometry& district, const std::vector<Point>& sites,
                                const std::vector<double>& radii, const std::filesystem::path& dir) {
  geo::LayerData d;
  d.name = "dist";
  d.geometry = geo::GeometryKind::Polygon;
  d.rows.push_back({});
  d.shapes.push_back(district.clone());
  geo::LayerData f;
  f.name = "fac";
  f.geometry = geo::GeometryKind::Point;
  f.fields = {{"r", geo::FieldType::Real}};
  for (std::size_t i = 0; i < sites.size(); ++i) {
    f.rows.push_back({radii[i]});
    f.points.push_back(sites[i]);
  }
  geo::WriteOptions precise;
  precise.precision = 12;
  geo::write_geojson((dir / "dist.geojson").string(), d, precise);
  geo::write_geojson((dir / "fac.geojson").string(), f, precise);
  const geo::Envelope e = district.envelope();
  char aeqd[200];
  std::snprintf(aeqd, sizeof aeqd, "+proj=aeqd +lat_0=%.9f +lon_0=%.9f +datum=WGS84 +units=m +no_defs", (e.min_y + e.max_y) / 2,
                (e.min_x + e.max_x) / 2);
  const std::string gpkg = (dir / "projected.gpkg").string();
  std::filesystem::remove(gpkg);
  for (const char* layer : {"dist", "fac"}) {
    const auto r = testing_support::run_command("ogr2ogr -f GPKG " + std::string(std::string(layer) == "fac" ? "-update " : "") +
                                                "-t_srs '" + aeqd + "' -nln " + layer + " " + gpkg + " " +
                                                (dir / (std::string(layer) + ".geojson")).string());
    EXPECT_EQ(r.status, 0) << r.err;
  }
  const std::string sql =
      "SELECT ST_Area(d.geom) AS whole, "
      "ST_Area(ST_Difference(d.geom, (SELECT ST_Union(ST_Buffer(f.geom, f.r, 64)) FROM fac f "
      "WHERE ST_Distance(f.geom, d.geom) <= f.r))) AS rest FROM dist d";
  const auto r = testing_support::run_command("ogrinfo -ro -q " + gpkg + " -dialect SQLite -sql \"" + sql + "\"");
  EXPECT_EQ(r.status, 0) << r.err;
  double whole = NAN, rest = NAN;
  const auto at = [&](const char* key) { return r.out.find(key); };
  if (at("whole (Real) = ") != std::string::npos) whole = std::stod(r.out.substr(at("whole (Real) = ") + 15));
  if (at("rest (Real) = ") != std::string::npos) rest = std::stod(r.out.substr(at("rest (Real) = ") + 14));
  // No disc reaches the district: the union is NULL and so is the difference.
  if (std::isnan(rest) && r.out.find("rest (String) = (null)") != std::string::npos) rest = whole;
  return rest / 1e6;
}

TEST(UncoveredAreas, AgreeWithSpatiaLiteOnYemenDistricts) {
  const engine::AdminLevel level = yemen_level();
  const auto sites = coverage_testing::points_inside(coverage_testing::yemen_districts(), 600, 71);
  std::vector<double> radii;
  for (std::size_t i = 0; i < sites.size(); ++i) radii.push_back(i % 3 == 0 ? 15000 : (i % 3 == 1 ? 5000 : 0));
  const auto result = engine::coverage::uncovered_areas(level, sites, radii, 256, 2);
  ASSERT_EQ(result.area_km2.size(), level.units.size());

  // Partly covered districts (the interesting ones), plus one untouched.
  std::vector<std::size_t> chosen;
  std::size_t untouched = level.units.size();
  for (std::size_t u = 0; u < level.units.size(); ++u) {
    const double share = result.area_km2[u] / level.units[u].area_km2;
    if (share > 0.05 && share < 0.95 && chosen.size() < 10 && u % 3 == 0) chosen.push_back(u);
    if (share > 0.9999 && untouched == level.units.size()) untouched = u;
  }
  ASSERT_GE(chosen.size(), 8u);
  if (untouched < level.units.size()) chosen.push_back(untouched);
  const auto dir = testing_support::scratch_dir();
  for (std::size_t u : chosen) {
    const double want = spatialite_uncovered_km2(level.units[u].shape, sites, radii, dir);
    EXPECT_NEAR(result.area_km2[u] / want, 1, 0.005) << level.units[u].code << ": " << result.area_km2[u] << " vs " << want;
    // The uncovered part lies inside the district.
    EXPECT_LE(result.area_km2[u], level.units[u].area_km2 * (1 + 1e-9));
  }
}

// Hand-checkable: one disc entirely inside a big district removes pi r^2
// (less the inscribed polygon's shortfall); a disc covering a small square
// leaves nothing.
TEST(UncoveredAreas, DiscInsideAndSquareCovered) {
  engine::AdminLevel level;
  level.spec.name = "districts";
  auto square = [](double x0, double y0, double size) {
    return geo::Geometry::polygon({{{x0, y0}, {x0 + size, y0}, {x0 + size, y0 + size}, {x0, y0 + size}, {x0, y0}}});
  };
  for (const auto& [x0, size] : {std::pair{44.0, 1.0}, std::pair{46.0, 0.01}}) {
    engine::AdminUnit unit;
    unit.code = std::to_string(level.units.size());
    unit.shape = square(x0, 15.0, size);
    unit.area_km2 = geo::geodesic_area_m2(unit.shape) / 1e6;
    level.units.push_back(std::move(unit));
  }
  const std::vector<Point> sites{{44.5, 15.5}, {46.005, 15.005}};
  const std::vector<double> radii{5000, 5000};
  const auto result = engine::coverage::uncovered_areas(level, sites, radii, 512, 1);
  const double disc_km2 = M_PI * 25;
  EXPECT_NEAR(level.units[0].area_km2 - result.area_km2[0], disc_km2, disc_km2 * 1e-3);
  EXPECT_EQ(result.area_km2[1], 0);
  EXPECT_TRUE(result.shape[1].is_empty());
}

}  // namespace

// Population coverage from GeoTIFFs written here with GDAL, where the answer
// is known exactly: districts whose edges follow cell edges, one facility on
// a cell centre whose radius reaches exactly the centres of the cells around
// it, known people per cell.  In WGS84 and in UTM; and the bad rasters.

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogr_spatialref.h>

#include <cmath>
#include <numeric>

#include "engine/coverage/coverage_index.hpp"
#include "engine/coverage/population.hpp"
#include "engine/coverage/population_raster.hpp"
#include "engine/error.hpp"
#include "geo/crs_transform.hpp"
#include "geo/geodesic.hpp"
#include "support/test_support.hpp"

namespace {

using geo::Point;
namespace cov = engine::coverage;

constexpr int kCols = 20, kRows = 10;

// people(c, r): whole numbers, different for every cell; -1 = nodata.
double people(int c, int r) { return (c == 3 && r == 4) ? -1 : 1 + c + 100 * r; }

struct Grid {
  double x0, y0, cell;  // top-left corner and cell size, in the raster's CRS
  const char* crs;      // nullptr = none
};

std::string write_raster(const std::filesystem::path& path, const Grid& g, double (*value)(int, int) = people) {
  GDALAllRegister();
  GDALDataset* ds = GetGDALDriverManager()->GetDriverByName("GTiff")->Create(path.c_str(), kCols, kRows, 1, GDT_Float64, nullptr);
  double transform[6] = {g.x0, g.cell, 0, g.y0, 0, -g.cell};
  ds->SetGeoTransform(transform);
  if (g.crs) {
    OGRSpatialReference srs;
    srs.SetFromUserInput(g.crs);
    ds->SetSpatialRef(&srs);
  }
  ds->GetRasterBand(1)->SetNoDataValue(-1);
  std::vector<double> values(kCols * kRows);
  for (int r = 0; r < kRows; ++r)
    for (int c = 0; c < kCols; ++c) values[static_cast<std::size_t>(r * kCols + c)] = value(c, r);
  EXPECT_EQ(ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, kCols, kRows, values.data(), kCols, kRows, GDT_Float64, 0, 0), CE_None);
  GDALClose(ds);
  return path.string();
}

// Two districts: the west half (columns 0-9) and the east half (10-19) of
// the grid, as polygons in WGS84 (edges densified so they follow the cell
// edges in any CRS).
engine::AdminLevel halves(const Grid& g, const geo::CrsTransform& to_wgs84) {
  engine::AdminLevel level;
  level.spec.name = "districts";
  for (int half = 0; half < 2; ++half) {
    const double x0 = g.x0 + half * 10 * g.cell, x1 = x0 + 10 * g.cell, y1 = g.y0, y0 = g.y0 - kRows * g.cell;
    geo::Ring ring;
    for (int i = 0; i < 40; ++i) ring.push_back({x0 + (x1 - x0) * i / 40, y0});
    for (int i = 0; i < 40; ++i) ring.push_back({x1, y0 + (y1 - y0) * i / 40});
    for (int i = 0; i < 40; ++i) ring.push_back({x1 - (x1 - x0) * i / 40, y1});
    for (int i = 0; i < 40; ++i) ring.push_back({x0, y1 - (y1 - y0) * i / 40});
    ring.push_back(ring.front());
    to_wgs84.forward(ring);
    engine::AdminUnit unit;
    unit.code = half == 0 ? "WEST" : "EAST";
    unit.shape = geo::Geometry::polygon({ring});
    unit.area_km2 = geo::geodesic_area_m2(unit.shape) / 1e6;
    level.units.push_back(std::move(unit));
  }
  return level;
}

double sum_people(int c0, int c1) {  // columns [c0, c1), all rows, nodata left out
  double s = 0;
  for (int r = 0; r < kRows; ++r)
    for (int c = c0; c < c1; ++c) s += std::max(0.0, people(c, r));
  return s;
}

void check_population(const Grid& g, const std::string& crs_for_transform) {
  const auto dir = testing_support::scratch_dir();
  cov::PopulationOptions options;
  options.raster = write_raster(dir / "people.tif", g);
  const geo::CrsTransform to_wgs84(crs_for_transform, "EPSG:4326");
  const engine::AdminLevel level = halves(g, to_wgs84);
  // A facility on the centre of cell (5, 5) whose radius reaches the centres
  // of the 3 x 3 cells around it but no farther.
  auto centre = [&](int c, int r) { return to_wgs84.forward(Point{g.x0 + (c + 0.5) * g.cell, g.y0 - (r + 0.5) * g.cell}); };
  const Point facility = centre(5, 5);
  double reach = 0, beyond = INFINITY;
  for (int r = 2; r <= 8; ++r)
    for (int c = 2; c <= 8; ++c) {
      const double d = geo::geodesic_distance_m(facility, centre(c, r));
      if (std::abs(c - 5) <= 1 && std::abs(r - 5) <= 1) reach = std::max(reach, d);
      else beyond = std::min(beyond, d);
    }
  ASSERT_LT(reach * 1.05, beyond);  // a clean gap between the two rings
  const std::vector<Point> sites{facility};
  const std::vector<double> radii{reach * 1.01};
  const cov::CoverageIndex coverage(sites, radii);
  const engine::AdminIndex units(level);
  geo::Envelope area;
  for (const auto& u : level.units) area.expand(u.shape.envelope());
  auto source = cov::open_population_raster(options, area);
  engine::SilentProgress quiet;
  const cov::PopulationCoverage got = cov::population_from_source(*source, units, coverage, 1000, 2, quiet);

  double covered = 0;
  for (int r = 4; r <= 6; ++r)
    for (int c = 4; c <= 6; ++c) covered += std::max(0.0, people(c, r));
  EXPECT_EQ(got.total[0], sum_people(0, 10));
  EXPECT_EQ(got.total[1], sum_people(10, 20));
  EXPECT_EQ(got.covered[0], covered);
  EXPECT_EQ(got.covered[1], 0);
  EXPECT_EQ(got.outside, 0);
  // Uncovered people pooled for site selection, none lost.
  double pooled = 0;
  for (const auto& d : got.uncovered_demand) pooled += d.weight;
  EXPECT_DOUBLE_EQ(pooled, sum_people(0, 20) - covered);
}

TEST(PopulationCoverage, Wgs84RasterKnownExactly) { check_population({44.0, 15.1, 0.01, "EPSG:4326"}, "EPSG:4326"); }

TEST(PopulationCoverage, UtmRasterKnownExactly) { check_population({400000, 1700000, 1000, "EPSG:32638"}, "EPSG:32638"); }

TEST(PopulationCoverage, FieldSpreadEvenlyOverTheUnit) {
  engine::AdminLevel level;
  level.spec.name = "districts";
  level.spec.population = "pop";
  engine::AdminUnit a, b;
  a.area_km2 = 100, a.population = 5000;
  b.area_km2 = 50;  // no population
  level.units.push_back(std::move(a));
  level.units.push_back(std::move(b));
  const std::vector<double> uncovered{25, 50};
  const auto got = cov::population_from_field(level, uncovered);
  EXPECT_EQ(got.total[0], 5000);
  EXPECT_EQ(got.covered[0], 3750);
  EXPECT_TRUE(std::isnan(got.total[1]));
  EXPECT_NE(got.source.find("field 'pop'"), std::string::npos);
}

engine::Error open_error(const cov::PopulationOptions& options) {
  geo::Envelope area;
  area.expand(geo::Point{44.0, 15.0});
  area.expand(geo::Point{44.2, 15.1});
  try {
    auto source = cov::open_population_raster(options, area);
    engine::AdminLevel level;
    level.spec.name = "districts";
    engine::AdminUnit unit;
    unit.shape = geo::Geometry::polygon({{{44, 15}, {44.2, 15}, {44.2, 15.1}, {44, 15.1}, {44, 15}}});
    level.units.push_back(std::move(unit));
    const engine::AdminIndex units(level);
    engine::SilentProgress quiet;
    cov::population_from_source(*source, units, cov::CoverageIndex{}, 1000, 1, quiet);
  } catch (const engine::Error& e) {
    return e;
  }
  ADD_FAILURE() << "no error";
  return engine::Error("none");
}

TEST(PopulationCoverage, BadRastersAreClearErrors) {
  const auto dir = testing_support::scratch_dir();
  cov::PopulationOptions options;
  options.raster = write_raster(dir / "no_crs.tif", {44.0, 15.1, 0.01, nullptr});
  const engine::Error no_crs = open_error(options);
  EXPECT_NE(no_crs.problem().find("declares no CRS"), std::string::npos);
  EXPECT_EQ(no_crs.where().file, options.raster);
  EXPECT_EQ(no_crs.where().field, "coverage.population.crs");
  // The same raster with its CRS given in the project works.
  options.crs = "EPSG:4326";
  geo::Envelope area;
  area.expand(geo::Point{44.0, 15.0});
  area.expand(geo::Point{44.2, 15.1});
  EXPECT_NO_THROW(cov::open_population_raster(options, area));

  options.crs = "";
  options.raster = write_raster(dir / "empty.tif", {44.0, 15.1, 0.01, "EPSG:4326"}, [](int, int) { return -1.0; });
  const engine::Error empty = open_error(options);
  EXPECT_NE(empty.problem().find("only nodata"), std::string::npos) << empty.what();
  EXPECT_EQ(empty.where().file, options.raster);

  options.raster = write_raster(dir / "elsewhere.tif", {10.0, 50.0, 0.01, "EPSG:4326"});
  EXPECT_NE(open_error(options).problem().find("does not overlap"), std::string::npos);
}

}  // namespace

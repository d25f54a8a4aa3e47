#include "engine/boundaries.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "cod_level.hpp"
#include "engine/error.hpp"
#include "geo/geodesic.hpp"
#include "support/test_support.hpp"

namespace {

using testing_support::cod_level;
using testing_support::error_of;
using testing_support::shared_data;

TEST(Boundaries, YemenLevelsLinkByLocationAndByField) {
  engine::SilentProgress progress;
  auto gov = cod_level("governorates", 1, shared_data("boundaries/yem_adm1.gpkg"));
  auto dist = cod_level("districts", 2, shared_data("boundaries/yem_adm2.gpkg"));
  const engine::Boundaries by_location = engine::load_boundaries({gov, dist}, progress);
  dist.parent = "ADM1_PCODE";
  const engine::Boundaries by_field = engine::load_boundaries({gov, dist}, progress);
  ASSERT_EQ(by_location.levels[1].units.size(), 335u);
  ASSERT_EQ(by_location.levels[0].units.size(), 22u);
  // Independent check: the district layer's own ADM1_PCODE column.
  for (std::size_t i = 0; i < 335; ++i) {
    const auto& d = by_field.levels[1].units[i];
    const auto& expected = by_field.levels[0].units[static_cast<std::size_t>(d.parent)].code;
    EXPECT_EQ(by_location.levels[0].units[static_cast<std::size_t>(by_location.levels[1].units[i].parent)].code, expected)
        << d.code;
    EXPECT_EQ(d.code.substr(0, 4), expected) << d.code;  // Yemen district codes start with their governorate's
  }
  EXPECT_TRUE(by_field.levels[1].warnings.empty());
}

TEST(Boundaries, AreasAreEllipsoidalAndAddUp) {
  engine::SilentProgress progress;
  const auto b = engine::load_boundaries(
      {cod_level("governorates", 1, shared_data("boundaries/yem_adm1.gpkg")),
       cod_level("districts", 2, shared_data("boundaries/yem_adm2.gpkg"))},
      progress);
  std::map<std::int32_t, double> sum;
  double total = 0;
  for (const auto& d : b.levels[1].units) {
    sum[d.parent] += d.area_km2;
    total += d.area_km2;
  }
  // Yemen is about 455,000-528,000 km2 depending on the source; the COD outline gives ~455,000.
  EXPECT_GT(total, 440000);
  EXPECT_LT(total, 540000);
  for (const auto& [g, area] : sum)
    EXPECT_NEAR(area, b.levels[0].units[static_cast<std::size_t>(g)].area_km2,
                0.01 * b.levels[0].units[static_cast<std::size_t>(g)].area_km2);
}

// Without areas (`localmap count`), a level loads the same units, shapes and
// attributes; only the areas are NaN.
TEST(Boundaries, AreasLeftUnmeasuredChangeNothingElse) {
  auto spec = cod_level("districts", 2, shared_data("boundaries/yem_adm2.gpkg"));
  const engine::AdminLevel measured = engine::load_admin_level(spec);
  spec.areas = false;
  const engine::AdminLevel bare = engine::load_admin_level(spec);
  ASSERT_EQ(bare.units.size(), measured.units.size());
  EXPECT_EQ(bare.attributes, measured.attributes);
  EXPECT_EQ(bare.repaired, measured.repaired);
  for (std::size_t i = 0; i < bare.units.size(); ++i) {
    const engine::AdminUnit &a = bare.units[i], &m = measured.units[i];
    EXPECT_EQ(a.code, m.code);
    EXPECT_EQ(a.name_en, m.name_en);
    EXPECT_EQ(a.repaired, m.repaired);
    EXPECT_EQ(a.shape.polygons(), m.shape.polygons()) << a.code;  // every vertex, in order
    EXPECT_TRUE(std::isnan(a.area_km2)) << a.code;
    EXPECT_GT(m.area_km2, 0) << m.code;
  }
}

TEST(Boundaries, DissolvedGovernoratesFromDistrictFields) {
  engine::SilentProgress progress;
  auto gov = cod_level("governorates", 1, "");
  gov.from = "districts";
  const auto b = engine::load_boundaries({gov, cod_level("districts", 2, shared_data("boundaries/yem_adm2.gpkg"))}, progress);
  ASSERT_EQ(b.levels[0].units.size(), 22u);
  std::set<std::string> codes;
  for (const auto& g : b.levels[0].units) {
    codes.insert(g.code);
    EXPECT_TRUE(g.shape.is_polygonal());
    EXPECT_FALSE(g.name_en.empty());
  }
  for (const auto& d : b.levels[1].units)
    EXPECT_EQ(b.levels[0].units[static_cast<std::size_t>(d.parent)].code, d.code.substr(0, 4));
}

TEST(Boundaries, InvalidPolygonsAreRepairedAndCounted) {
  const auto dir = testing_support::scratch_dir();
  testing_support::write_text(dir / "p.csv",
                              "ADM2_PCODE,WKT\nA1,\"POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))\"\n"
                              "A2,\"POLYGON ((2 0, 3 1, 3 0, 2 1, 2 0))\"\n");  // bow-tie
  ASSERT_EQ(testing_support::run_command("ogr2ogr -f GPKG " + (dir / "p.gpkg").string() + " " + (dir / "p.csv").string() +
                                         " -nln p -nlt POLYGON -a_srs EPSG:4326")
                .status,
            0);
  const auto l = engine::load_admin_level(cod_level("districts", 2, (dir / "p.gpkg").string()));
  EXPECT_EQ(l.repaired, 1);
  EXPECT_TRUE(l.units[1].repaired);
  EXPECT_TRUE(l.units[1].shape.is_valid());
  EXPECT_NEAR(l.units[1].shape.planar_area(), 0.5, 1e-12);  // two triangles of 1/4
}

// Units are checked, repaired and measured on all cores after the layer is
// read; warnings and errors must still come out in record order, as one
// pass record by record gives them: repairs listed by record, the first
// failing record named, whether it fails in the checks (a polygon that
// collapses) or in the reading (an empty P-code).
TEST(Boundaries, ChecksOnAllCoresKeepRecordOrder) {
  const auto dir = testing_support::scratch_dir();
  auto layer = [&](const std::string& name, int collapsed, int empty_code) {
    std::string csv = "ADM2_PCODE,WKT\n";
    for (int i = 1; i <= 200; ++i) {
      const double x = i % 20, y = 10 + i / 20;
      char wkt[200];
      if (i == collapsed) std::snprintf(wkt, sizeof wkt, "POLYGON ((%g %g, %g %g, %g %g, %g %g))", x, y, x + 0.5, y, x + 0.25, y, x, y);
      else if (i % 40 == 7)  // a bow-tie
        std::snprintf(wkt, sizeof wkt, "POLYGON ((%g %g, %g %g, %g %g, %g %g, %g %g))", x, y, x + 0.5, y + 0.5, x + 0.5, y, x, y + 0.5, x, y);
      else std::snprintf(wkt, sizeof wkt, "POLYGON ((%g %g, %g %g, %g %g, %g %g))", x, y, x + 0.5, y, x + 0.5, y + 0.5, x, y);
      csv += (i == empty_code ? std::string() : "U" + std::to_string(i)) + ",\"" + wkt + "\"\n";
    }
    testing_support::write_text(dir / (name + ".csv"), csv);
    const auto gpkg = dir / (name + ".gpkg");
    EXPECT_EQ(testing_support::run_command("ogr2ogr -f GPKG " + gpkg.string() + " " + (dir / (name + ".csv")).string() +
                                           " -nln " + name + " -nlt POLYGON -a_srs EPSG:4326").status, 0);
    return cod_level("districts", 2, gpkg.string());
  };
  const auto good = engine::load_admin_level(layer("good", 0, 0));
  ASSERT_EQ(good.units.size(), 200u);
  EXPECT_EQ(good.repaired, 5);
  std::vector<std::string> repairs;
  for (const std::string& w : good.warnings)
    if (w.find("repaired invalid polygon") != std::string::npos) repairs.push_back(w.substr(0, w.find(" (")));
  EXPECT_EQ(repairs, (std::vector<std::string>{"record 7", "record 47", "record 87", "record 127", "record 167"}));
  for (const engine::AdminUnit& u : good.units) {
    EXPECT_EQ(u.repaired, u.record % 40 == 7) << u.record;
    EXPECT_TRUE(u.shape.is_valid()) << u.record;
    EXPECT_EQ(u.area_km2, geo::geodesic_area_m2(u.shape) / 1e6) << u.record;
    EXPECT_GT(u.area_km2, 100) << u.record;
  }

  std::string message = error_of([&] { engine::load_admin_level(layer("collapse_first", 120, 180)); });
  EXPECT_NE(message.find("record 120"), std::string::npos) << message;
  EXPECT_NE(message.find("collapses to nothing"), std::string::npos) << message;
  message = error_of([&] { engine::load_admin_level(layer("empty_code_first", 190, 180)); });
  EXPECT_NE(message.find("record 180"), std::string::npos) << message;
  EXPECT_NE(message.find("empty P-code"), std::string::npos) << message;
  message = error_of([&] { engine::load_admin_level(layer("collapse_only", 15, 0)); });
  EXPECT_NE(message.find("record 15"), std::string::npos) << message;
  EXPECT_NE(message.find("collapses to nothing"), std::string::npos) << message;
}

TEST(Boundaries, BadInputIsNamed) {
  const auto dir = testing_support::scratch_dir();
  testing_support::write_text(dir / "dup.csv",
                              "ADM2_PCODE,WKT\nA1,\"POLYGON ((0 0, 1 0, 1 1, 0 0))\"\nA1,\"POLYGON ((2 0, 3 0, 3 1, 2 0))\"\n");
  ASSERT_EQ(testing_support::run_command("ogr2ogr -f GPKG " + (dir / "dup.gpkg").string() + " " + (dir / "dup.csv").string() +
                                         " -nln dup -nlt POLYGON -a_srs EPSG:4326").status, 0);
  std::string message = error_of([&] { engine::load_admin_level(cod_level("districts", 2, (dir / "dup.gpkg").string())); });
  EXPECT_NE(message.find("duplicate P-code 'A1' (also record 1)"), std::string::npos) << message;
  EXPECT_NE(message.find("record 2"), std::string::npos) << message;
  EXPECT_NE(message.find("ADM2_PCODE"), std::string::npos) << message;

  auto wrong_field = cod_level("districts", 2, shared_data("boundaries/yem_adm2.gpkg"));
  wrong_field.code = "PCODE";
  message = error_of([&] { engine::load_admin_level(wrong_field); });
  EXPECT_NE(message.find("no field 'PCODE'"), std::string::npos) << message;
  EXPECT_NE(message.find("ADM2_PCODE"), std::string::npos) << message;  // lists the real fields

  testing_support::write_text(dir / "pts.csv", "ADM2_PCODE,WKT\nA1,POINT (1 1)\n");
  ASSERT_EQ(testing_support::run_command("ogr2ogr -f GPKG " + (dir / "pts.gpkg").string() + " " + (dir / "pts.csv").string() +
                                         " -nln pts -nlt POINT -a_srs EPSG:4326").status, 0);
  message = error_of([&] { engine::load_admin_level(cod_level("districts", 2, (dir / "pts.gpkg").string())); });
  EXPECT_NE(message.find("holds points, not polygons"), std::string::npos) << message;

  // Projected coordinates without a CRS.
  testing_support::write_text(dir / "utm.csv", "ADM2_PCODE,WKT\nA1,\"POLYGON ((400000 1600000, 401000 1600000, 401000 1601000, 400000 1600000))\"\n");
  ASSERT_EQ(testing_support::run_command("ogr2ogr -f GPKG " + (dir / "utm.gpkg").string() + " " + (dir / "utm.csv").string() +
                                         " -nln utm -nlt POLYGON").status, 0);
  message = error_of([&] { engine::load_admin_level(cod_level("districts", 2, (dir / "utm.gpkg").string())); });
  EXPECT_NE(message.find("not longitude/latitude"), std::string::npos) << message;
  EXPECT_NE(message.find("crs"), std::string::npos) << message;
}

}  // namespace

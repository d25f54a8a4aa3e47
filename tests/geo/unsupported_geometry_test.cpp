// Geometry types GEOS cannot take (TIN, polyhedral surface, triangle) are
// refused by the reader with the type and the place (file, layer, record),
// while curves keep working (they are made straight).  The files are written
// here with GDAL's C++ API, so the test needs no database and no tools.

#include <gdal_priv.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "geo/error.hpp"
#include "geo/geometry.hpp"
#include "geo/vector_reader.hpp"
#include "support/test_support.hpp"

namespace {

namespace fs = std::filesystem;

// A GeoPackage with one layer `layer` of the given WKT geometries, each
// record with a `code` field.
fs::path write_gpkg(const std::string& layer, const std::vector<std::string>& wkts) {
  GDALAllRegister();
  const fs::path path = testing_support::scratch_dir() / (layer + ".gpkg");
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
  EXPECT_NE(driver, nullptr);
  GDALDataset* ds = driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
  EXPECT_NE(ds, nullptr);
  OGRSpatialReference wgs84;
  wgs84.importFromEPSG(4326);
  CPLPushErrorHandler(CPLQuietErrorHandler);  // "Registering non-standard gpkg_geom_TIN extension"
  OGRLayer* l = ds->CreateLayer(layer.c_str(), &wgs84, wkbUnknown, nullptr);
  OGRFieldDefn code("code", OFTString);
  l->CreateField(&code);
  for (std::size_t i = 0; i < wkts.size(); ++i) {
    OGRFeature feature(l->GetLayerDefn());
    feature.SetField("code", ("ZZ" + std::to_string(i + 1)).c_str());
    OGRGeometry* g = nullptr;
    EXPECT_EQ(OGRGeometryFactory::createFromWkt(wkts[i].c_str(), &wgs84, &g), OGRERR_NONE) << wkts[i];
    feature.SetGeometryDirectly(g);
    EXPECT_EQ(l->CreateFeature(&feature), OGRERR_NONE) << wkts[i];
  }
  CPLPopErrorHandler();
  GDALClose(ds);
  return path;
}

// Reads every geometry; the message of the geo::Error thrown, or "".
std::string read_all(const fs::path& path, int* read = nullptr) {
  geo::VectorReader reader(path.string());
  int n = 0;
  try {
    reader.for_each([&](const geo::FeatureView& f) {
      (void)f.geometry();
      ++n;
      return true;
    });
  } catch (const geo::Error& e) {
    if (read) *read = n;
    return e.what();
  }
  if (read) *read = n;
  return "";
}

const std::string kSquare = "POLYGON ((44 15,45 15,45 16,44 16,44 15))";

TEST(UnsupportedGeometry, TinIsRefusedWithTypeFileLayerAndRecord) {
  const fs::path path = write_gpkg("tin", {kSquare, "TIN Z (((44 15 0,44 16 0,45 16 0,44 15 0)))"});
  int read = 0;
  const std::string e = read_all(path, &read);
  EXPECT_EQ(read, 1);  // the polygon before it was fine
  EXPECT_NE(e.find("geometry type TIN is not supported"), std::string::npos) << e;
  EXPECT_NE(e.find(path.string()), std::string::npos) << e;
  EXPECT_NE(e.find("layer 'tin'"), std::string::npos) << e;
  EXPECT_NE(e.find("record 2"), std::string::npos) << e;
  EXPECT_EQ(e.find("GEOS"), std::string::npos) << e;
  EXPECT_NE(e.find("hint: "), std::string::npos) << e;
}

TEST(UnsupportedGeometry, PolyhedralSurfaceAndTriangleAreNamed) {
  EXPECT_NE(read_all(write_gpkg("surface", {"POLYHEDRALSURFACE Z (((44 15 0,44 16 0,45 16 0,44 15 0)))"}))
                .find("geometry type PolyhedralSurface is not supported"),
            std::string::npos);
  EXPECT_NE(read_all(write_gpkg("triangle", {"TRIANGLE ((44 15,44 16,45 16,44 15))"}))
                .find("geometry type Triangle is not supported"),
            std::string::npos);
}

TEST(UnsupportedGeometry, TinInsideACollectionIsFoundToo) {
  const std::string e = read_all(write_gpkg(
      "collection", {"GEOMETRYCOLLECTION (POINT (44 15),TIN (((44 15,44 16,45 16,44 15))))"}));
  EXPECT_NE(e.find("geometry type TIN is not supported (in a Geometry Collection)"), std::string::npos) << e;
  EXPECT_NE(e.find("record 1"), std::string::npos) << e;
}

TEST(UnsupportedGeometry, CurvesAreStillRead) {
  const fs::path path = write_gpkg(
      "curves", {"CURVEPOLYGON (CIRCULARSTRING (44 15,45 16,46 15,45 14,44 15))",
                 "MULTISURFACE (CURVEPOLYGON (COMPOUNDCURVE (CIRCULARSTRING (44 15,45 16,46 15),(46 15,44 15))))"});
  geo::VectorReader reader(path.string());
  int polygons = 0;
  reader.for_each([&](const geo::FeatureView& f) {
    const geo::Geometry g = f.geometry();
    EXPECT_TRUE(g.is_polygonal()) << g.type_name();
    // A circle through (44 15) and (46 15): its box reaches about 45 +/- 1.
    EXPECT_NEAR(g.envelope().min_x, 44, 1e-6);
    EXPECT_NEAR(g.envelope().max_x, 46, 1e-6);
    ++polygons;
    return true;
  });
  EXPECT_EQ(polygons, 2);
}

// Without the reader: WKB of a TIN handed to Geometry directly still names
// the type rather than GEOS's "Unknown WKB type 16".
TEST(UnsupportedGeometry, FromWkbNamesTheType) {
  OGRGeometry* g = nullptr;
  ASSERT_EQ(OGRGeometryFactory::createFromWkt("TIN Z (((44 15 0,44 16 0,45 16 0,44 15 0)))", nullptr, &g), OGRERR_NONE);
  std::vector<unsigned char> wkb(static_cast<std::size_t>(g->WkbSize()));
  g->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
  OGRGeometryFactory::destroyGeometry(g);
  try {
    (void)geo::Geometry::from_wkb(wkb);
    ADD_FAILURE() << "a TIN was accepted";
  } catch (const geo::Error& e) {
    EXPECT_NE(std::string(e.what()).find("geometry type TIN is not supported"), std::string::npos) << e.what();
  }
}

}  // namespace

// geo::RasterReader on GeoTIFFs written here with GDAL: block-by-block
// reading sees every cell of a window exactly once with its value, nodata
// comes out as NaN, and the geotransform maps cells to CRS coordinates.

#include "geo/raster_reader.hpp"

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogr_spatialref.h>

#include <cmath>
#include <vector>

#include "geo/error.hpp"
#include "support/test_support.hpp"

namespace {

// A cols x rows Float32 GeoTIFF with 16x16 tiles; cell (c, r) holds c + 1000 r,
// except cells where (c + r) % 7 == 0, which hold the nodata value -99999.
std::string write_tiff(const std::string& path, int cols, int rows, const char* crs) {
  GDALAllRegister();
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
  char** options = nullptr;
  options = CSLSetNameValue(options, "TILED", "YES");
  options = CSLSetNameValue(options, "BLOCKXSIZE", "16");
  options = CSLSetNameValue(options, "BLOCKYSIZE", "16");
  GDALDataset* ds = driver->Create(path.c_str(), cols, rows, 1, GDT_Float32, options);
  CSLDestroy(options);
  double transform[6] = {500000, 100, 0, 1700000, 0, -100};
  ds->SetGeoTransform(transform);
  if (crs) {
    OGRSpatialReference srs;
    srs.SetFromUserInput(crs);
    ds->SetSpatialRef(&srs);
  }
  GDALRasterBand* band = ds->GetRasterBand(1);
  band->SetNoDataValue(-99999);
  std::vector<float> values(static_cast<std::size_t>(cols) * rows);
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) values[static_cast<std::size_t>(r) * cols + c] = (c + r) % 7 == 0 ? -99999.f : c + 1000.f * r;
  EXPECT_EQ(band->RasterIO(GF_Write, 0, 0, cols, rows, values.data(), cols, rows, GDT_Float32, 0, 0), CE_None);
  GDALClose(ds);
  return path;
}

TEST(RasterReader, BlocksCoverTheWindowOnceWithTheirValues) {
  const auto dir = testing_support::scratch_dir();
  const geo::RasterReader raster(write_tiff((dir / "grid.tif").string(), 50, 37, "EPSG:32638"));
  EXPECT_EQ(raster.width(), 50);
  EXPECT_EQ(raster.height(), 37);
  EXPECT_EQ(raster.driver(), "GTiff");
  EXPECT_NE(raster.crs_wkt().find("UTM zone 38N"), std::string::npos);
  ASSERT_TRUE(raster.nodata());
  EXPECT_EQ(*raster.nodata(), -99999);
  for (const geo::RasterWindow window : {raster.full_window(), geo::RasterWindow{5, 7, 30, 20}}) {
    std::vector<int> seen(static_cast<std::size_t>(50 * 37), 0);
    raster.for_each_block(window, [&](const geo::RasterBlock& b) {
      EXPECT_LE(b.window.cols, 16);
      for (int r = 0; r < b.window.rows; ++r)
        for (int c = 0; c < b.window.cols; ++c) {
          const int col = b.window.col + c, row = b.window.row + r;
          ++seen[static_cast<std::size_t>(row) * 50 + col];
          const double v = b.values[static_cast<std::size_t>(r) * b.window.cols + c];
          if ((col + row) % 7 == 0) EXPECT_TRUE(std::isnan(v));
          else EXPECT_EQ(v, col + 1000.0 * row);
        }
    });
    for (int row = 0; row < 37; ++row)
      for (int col = 0; col < 50; ++col) {
        const bool inside = col >= window.col && col < window.col + window.cols && row >= window.row &&
                            row < window.row + window.rows;
        EXPECT_EQ(seen[static_cast<std::size_t>(row) * 50 + col], inside ? 1 : 0);
      }
  }
}

TEST(RasterReader, GeotransformAndWindows) {
  const auto dir = testing_support::scratch_dir();
  const geo::RasterReader raster(write_tiff((dir / "grid.tif").string(), 50, 37, "EPSG:32638"));
  EXPECT_TRUE(raster.has_geotransform());
  const geo::Point corner = raster.pixel_to_crs(2, 3);
  EXPECT_EQ(corner.x, 500200);
  EXPECT_EQ(corner.y, 1699700);
  // Columns 10..19, rows 5..8 by extent; the window grows by one cell each way.
  geo::Envelope e;
  e.expand(geo::Point{501000, 1699100});
  e.expand(geo::Point{502000, 1699500});
  const geo::RasterWindow w = raster.window_covering(e);
  EXPECT_EQ(w.col, 9);
  EXPECT_EQ(w.row, 4);
  EXPECT_EQ(w.cols, 12);
  EXPECT_EQ(w.rows, 6);
  geo::Envelope outside;
  outside.expand(geo::Point{0, 0});
  outside.expand(geo::Point{10, 10});
  EXPECT_TRUE(raster.window_covering(outside).empty());
}

TEST(RasterReader, NoCrsAndBadFiles) {
  const auto dir = testing_support::scratch_dir();
  const geo::RasterReader raster(write_tiff((dir / "bare.tif").string(), 8, 8, nullptr));
  EXPECT_EQ(raster.crs_wkt(), "");
  testing_support::write_text(dir / "not.tif", "this is not a raster");
  try {
    geo::RasterReader bad((dir / "not.tif").string());
    FAIL() << "opened a text file as a raster";
  } catch (const geo::Error& e) {
    EXPECT_EQ(e.where().file, (dir / "not.tif").string());
  }
  EXPECT_THROW(geo::RasterReader((dir / "bare.tif").string(), 2), geo::Error);
}

}  // namespace

// GeoPackage and FlatGeobuf point layers read through GDAL's Arrow stream
// (geo::VectorReader::read_columns) against the same files read feature by
// feature: the layers, or the errors, must be the same.  Generated files hold
// 32- and 64-bit integers, reals and text with nulls, empty text and Arabic;
// points, null and empty geometries, multipoints of one and two points, lines
// and 3D points (2D points only in a Shapefile).  Layers the stream cannot
// give exactly (another CRS, a date or boolean field, text that is not UTF-8)
// must be read feature by feature, and so must FlatGeobuf with integer
// fields (this test found GDAL 3.6.2's FlatGeobuf stream giving a value for a
// null integer) and Shapefiles (GDAL 3.6 has no fast stream for them: its
// generic one reads feature by feature too).

#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <random>

#include "same_layer.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;

namespace {

struct Case {
  std::string driver;                   // "GPKG", "FlatGeobuf" or "ESRI Shapefile"
  bool integers = true;                 // with the two integer fields
  int epsg = 4326;
  OGRFieldType extra = OFTMaxType;      // one more field of this type (OFTMaxType: none)
  OGRFieldSubType extra_subtype = OFSTNone;
  bool bad_text = false;                // one text value not UTF-8
};

// Writes `rows` random records; returns the file.
fs::path write_layer(const fs::path& dir, const std::string& name, const Case& c, int rows, std::mt19937& rng) {
  const bool shapefile = c.driver == "ESRI Shapefile";
  const fs::path path = dir / (name + (c.driver == "GPKG" ? ".gpkg" : shapefile ? ".shp" : ".fgb"));
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(c.driver.c_str());
  std::unique_ptr<GDALDataset> ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  OGRSpatialReference srs;
  srs.importFromEPSG(c.epsg);
  srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  const char* const utf8[] = {"ENCODING=UTF-8", nullptr};  // a Shapefile's .cpg, for the Arabic
  OGRLayer* layer = ds->CreateLayer("points", &srs, shapefile ? wkbPoint : wkbUnknown,
                                    shapefile ? const_cast<char**>(utf8) : nullptr);
  OGRFieldDefn id("id", OFTInteger), big("big", OFTInteger64), value("value", OFTReal), text("name", OFTString);
  for (OGRFieldDefn* f : {&id, &big, &value, &text})
    if (c.integers || f->GetType() == OFTReal || f->GetType() == OFTString) layer->CreateField(f);
  if (c.extra != OFTMaxType) {
    OGRFieldDefn extra("extra", c.extra);
    extra.SetSubType(c.extra_subtype);
    layer->CreateField(&extra);
  }
  const char* const names[] = {"Taiz", "", "\xD8\xAA\xD8\xB9\xD8\xB2", "a, \"b\"", "Al Mukalla"};
  std::uniform_real_distribution<double> lon(42.0, 54.0), lat(12.0, 19.0);
  const double scale = c.epsg == 4326 ? 1.0 : 1e4;
  ds->StartTransaction();  // one transaction, not one per record
  for (int r = 0; r < rows; ++r) {
    OGRFeature feature(layer->GetLayerDefn());
    if (c.integers && rng() % 6) feature.SetField("id", static_cast<int>(rng() % 100000) - 50000);
    if (c.integers && rng() % 6) feature.SetField("big", static_cast<GIntBig>(rng()) << 20);
    if (rng() % 6) feature.SetField("value", lon(rng) * 1e3);
    if (rng() % 6) feature.SetField("name", names[rng() % 5]);
    if (c.bad_text && r == rows / 2) feature.SetField("name", "bad \xC3 text");
    if (c.extra == OFTDate) feature.SetField("extra", 2024, 1 + int(rng() % 12), 1 + int(rng() % 28));
    if (c.extra == OFTInteger) feature.SetField("extra", int(rng() % 2));
    const double x = lon(rng) * scale, y = lat(rng) * scale;
    std::unique_ptr<OGRGeometry> g;
    unsigned kind = rng() % 12;
    if (shapefile && kind >= 2 && kind <= 5) kind = 11;  // a 2D point Shapefile: points, null, empty
    switch (kind) {
      case 0: break;                                   // null
      case 1: g = std::make_unique<OGRPoint>(); break;  // empty
      case 2: {
        auto m = std::make_unique<OGRMultiPoint>();
        m->addGeometry(std::make_unique<OGRPoint>(x, y).get());
        g = std::move(m);
        break;
      }
      case 3: {
        auto m = std::make_unique<OGRMultiPoint>();
        m->addGeometry(std::make_unique<OGRPoint>(x, y).get());
        m->addGeometry(std::make_unique<OGRPoint>(x + 1, y).get());
        g = std::move(m);
        break;
      }
      case 4: {
        auto l = std::make_unique<OGRLineString>();
        l->addPoint(x, y);
        l->addPoint(x + 1, y + 1);
        g = std::move(l);
        break;
      }
      case 5: g = std::make_unique<OGRPoint>(x, y, 100.0); break;
      default: g = std::make_unique<OGRPoint>(x, y);
    }
    if (g) feature.SetGeometry(g.get());
    EXPECT_EQ(layer->CreateFeature(&feature), OGRERR_NONE);
  }
  ds->CommitTransaction();
  return path;
}

// Loads `path` both ways and compares; returns whether the stream read it.
bool expect_same(const fs::path& path) {
  const auto arrow = testing_support::expect_same_loads(path.string(), {.arrow_stream = true}, {.arrow_stream = false});
  return arrow.layer && arrow.layer->read_by_arrow_stream;
}

TEST(ArrowLoad, GeneratedLayersReadAsFeatureByFeature) {
  GDALAllRegister();
  const fs::path dir = testing_support::scratch_dir();
  std::mt19937 rng(5);
  int streamed = 0, trials = 0;
  for (int t = 0; t < 16; ++t, ++trials) {
    // One of 140,000 records: batches of 65,536 end in the middle.
    const int rows = t == 0 ? 140000 : 1 + static_cast<int>(rng() % 400);
    streamed += expect_same(write_layer(dir, "gpkg" + std::to_string(t), {.driver = "GPKG"}, rows, rng));
  }
  for (int t = 0; t < 4; ++t, ++trials) {
    const int rows = t == 0 ? 70000 : 1 + static_cast<int>(rng() % 400);
    streamed += expect_same(write_layer(dir, "fgb" + std::to_string(t), {.driver = "FlatGeobuf", .integers = false}, rows, rng));
  }
  EXPECT_EQ(streamed, trials) << "every plain layer takes the Arrow stream";
}

TEST(ArrowLoad, LayersTheStreamCannotGiveExactlyAreReadFeatureByFeature) {
  GDALAllRegister();
  const fs::path dir = testing_support::scratch_dir();
  std::mt19937 rng(6);
  const std::vector<Case> cases = {{.driver = "GPKG", .epsg = 32638},
                                   {.driver = "GPKG", .extra = OFTDate},
                                   {.driver = "GPKG", .extra = OFTInteger, .extra_subtype = OFSTBoolean},
                                   {.driver = "FlatGeobuf"},       // integer fields
                                   {.driver = "ESRI Shapefile"}};  // GDAL 3.6 has no fast stream for it
  for (std::size_t i = 0; i < cases.size(); ++i)
    EXPECT_FALSE(expect_same(write_layer(dir, "declined" + std::to_string(i), cases[i], 3000, rng))) << i;
  // Text that is not UTF-8: the same error, naming the record and the field.
  const auto bad = write_layer(dir, "bad_text", {.driver = "GPKG", .bad_text = true}, 40, rng);
  const auto arrow = testing_support::load_layer(bad.string(), engine::LoadOptions{.arrow_stream = true});
  EXPECT_NE(arrow.error.find("not valid UTF-8"), std::string::npos) << arrow.error;
  EXPECT_NE(arrow.error.find("name"), std::string::npos) << arrow.error;
  expect_same(bad);
}

}  // namespace

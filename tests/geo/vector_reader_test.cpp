#include "geo/vector_reader.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "support/test_support.hpp"

namespace fs = std::filesystem;
using testing_support::run_command;
using testing_support::write_text;

namespace {

struct Row {
  std::vector<std::string> text;
  std::optional<geo::Point> point;
};

std::vector<Row> read_all(const std::string& source, geo::ReadOptions options = {}) {
  geo::VectorReader reader(source, options);
  std::vector<Row> rows;
  reader.for_each([&](const geo::FeatureView& f) {
    Row r;
    for (std::size_t i = 0; i < reader.fields().size(); ++i) r.text.push_back(f.text(static_cast<int>(i)));
    r.point = f.point();
    rows.push_back(r);
    return true;
  });
  return rows;
}

using testing_support::error_of;

TEST(VectorReader, GeoPackageOfRealDistricts) {
  geo::VectorReader reader(testing_support::shared_data("boundaries/yem_adm2.gpkg"));
  EXPECT_EQ(reader.layer_name(), "yem_adm2");
  EXPECT_EQ(reader.declared_geometry(), geo::GeometryKind::Polygon);
  EXPECT_GE(reader.field_index("ADM2_PCODE"), 0);
  EXPECT_EQ(reader.field_index("adm2_pcode"), reader.field_index("ADM2_PCODE"));  // case-insensitive fallback
  int n = 0;
  reader.for_each([&](const geo::FeatureView& f) {
    ++n;
    EXPECT_TRUE(f.geometry().is_polygonal());
    return true;
  });
  EXPECT_EQ(n, 335);
}

TEST(VectorReader, ProjectedSourceComesOutAsLonLat) {
  const fs::path dir = testing_support::scratch_dir();
  write_text(dir / "pts.csv", "id,WKT\n1,POINT (44.2066 15.3547)\n2,POINT (45.0367 12.7794)\n");
  // Reproject to UTM 38N with ogr2ogr, then read back through our reader.
  const auto r = run_command("ogr2ogr -f GPKG " + (dir / "utm.gpkg").string() + " " + (dir / "pts.csv").string() +
                             " -s_srs EPSG:4326 -t_srs EPSG:32638 -nln pts");
  ASSERT_EQ(r.status, 0) << r.err;
  geo::VectorReader reader((dir / "utm.gpkg").string());
  EXPECT_NE(reader.crs_name().find("32638"), std::string::npos) << reader.crs_name();
  std::vector<geo::Point> points;
  reader.for_each([&](const geo::FeatureView& f) {
    points.push_back(*f.point());
    return true;
  });
  ASSERT_EQ(points.size(), 2u);
  EXPECT_NEAR(points[0].x, 44.2066, 1e-7);  // x is longitude: traditional GIS order
  EXPECT_NEAR(points[0].y, 15.3547, 1e-7);
  EXPECT_NEAR(points[1].x, 45.0367, 1e-7);
}

TEST(VectorReader, ShapefileDecodedByItsCpg) {
  const fs::path dir = testing_support::scratch_dir();
  // Write a shapefile whose DBF holds raw ISO-8859-6 bytes, then label it.
  write_text(dir / "src.csv", "name,WKT\nAden,POINT (45 12.8)\n");
  auto r = run_command("ogr2ogr -f 'ESRI Shapefile' " + (dir / "iso.shp").string() + " " + (dir / "src.csv").string() +
                       " -lco ENCODING= -sql \"SELECT CAST(X'D9CFE6' AS TEXT) AS name_ar, name, geometry FROM src\" -dialect SQLite");
  ASSERT_EQ(r.status, 0) << r.err;
  write_text(dir / "iso.cpg", "88596");
  auto rows = read_all((dir / "iso.shp").string());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].text[0], "عدن");

  // The same bytes declared as Windows-1256 decode differently: the override wins.
  geo::ReadOptions override_options;
  override_options.encoding = "1256";
  rows = read_all((dir / "iso.shp").string(), override_options);
  EXPECT_NE(rows[0].text[0], "عدن");

  // Bytes undefined in the declared encoding are an error naming record and field.
  write_text(dir / "iso.cpg", "UTF-8");
  const std::string message = error_of([&] { read_all((dir / "iso.shp").string()); });
  EXPECT_NE(message.find("record 1"), std::string::npos) << message;
  EXPECT_NE(message.find("field 'name_ar'"), std::string::npos) << message;
  EXPECT_NE(message.find("not valid UTF-8"), std::string::npos) << message;
}

TEST(VectorReader, ShapefileWindows1256) {
  const fs::path dir = testing_support::scratch_dir();
  write_text(dir / "src.csv", "name,WKT\nAden,POINT (45 12.8)\n");
  auto r = run_command("ogr2ogr -f 'ESRI Shapefile' " + (dir / "win.shp").string() + " " + (dir / "src.csv").string() +
                       " -lco ENCODING= -sql \"SELECT CAST(X'DACFE4' AS TEXT) AS name_ar, geometry FROM src\" -dialect SQLite");
  ASSERT_EQ(r.status, 0) << r.err;
  write_text(dir / "win.cpg", "1256");
  EXPECT_EQ(read_all((dir / "win.shp").string())[0].text[0], "عدن");
}

TEST(VectorReader, CsvIsReadAsText) {
  const fs::path dir = testing_support::scratch_dir();
  write_text(dir / "a.csv", "\xEF\xBB\xBFid,lon,lat,name\r\n1,44.1,15.2,\"Sana'a, old city\"\r\n2,abc,15.2,x\r\n");
  geo::VectorReader reader((dir / "a.csv").string());
  ASSERT_EQ(reader.fields().size(), 4u);
  EXPECT_EQ(reader.fields()[0].name, "id");  // BOM stripped
  EXPECT_EQ(reader.fields()[1].type, geo::FieldType::String);
  EXPECT_TRUE(reader.crs_assumed());
  const auto rows = read_all((dir / "a.csv").string());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].text[3], "Sana'a, old city");
  EXPECT_EQ(rows[1].text[1], "abc");
}

TEST(VectorReader, CsvInWindows1256NeedsTheOverride) {
  const fs::path dir = testing_support::scratch_dir();
  write_text(dir / "w.csv", "id,name\n1,\xDA\xCF\xE4\n");
  const std::string message = error_of([&] { read_all((dir / "w.csv").string()); });
  EXPECT_NE(message.find("not valid UTF-8"), std::string::npos) << message;
  EXPECT_NE(message.find("encoding"), std::string::npos) << message;
  geo::ReadOptions options;
  options.encoding = "windows-1256";
  EXPECT_EQ(read_all((dir / "w.csv").string(), options)[0].text[1], "عدن");
}

TEST(VectorReader, OtherFormatsThroughGdal) {
  const fs::path dir = testing_support::scratch_dir();
  write_text(dir / "src.csv", "name,WKT\nAden,POINT (45.0367 12.7794)\nTaiz,POINT (44.0209 13.5795)\n");
  for (const auto& [driver, file] : std::vector<std::pair<std::string, std::string>>{
           {"GeoJSON", "p.geojson"}, {"KML", "p.kml"}, {"FlatGeobuf", "p.fgb"}, {"GPKG", "p.gpkg"}}) {
    const auto r = run_command("ogr2ogr -f " + driver + " " + (dir / file).string() + " " + (dir / "src.csv").string() +
                               " -a_srs EPSG:4326 -nln p");
    ASSERT_EQ(r.status, 0) << r.err;
    geo::VectorReader reader((dir / file).string());
    std::vector<geo::Point> points;
    reader.for_each([&](const geo::FeatureView& f) {
      points.push_back(f.point().value());
      return true;
    });
    ASSERT_EQ(points.size(), 2u) << driver;
    EXPECT_NEAR(points[1].x, 44.0209, 1e-7) << driver;
    EXPECT_NEAR(points[1].y, 13.5795, 1e-7) << driver;
  }
  // Spreadsheets: attributes only, coordinates as numbers.
  write_text(dir / "t.csv", "name,lon,lat\nAden,45.0367,12.7794\n");
  for (const std::string format : {"XLSX", "ODS"}) {
    const std::string file = (dir / ("t." + format)).string();
    const auto r = run_command("ogr2ogr -f " + format + " " + file + " " + (dir / "t.csv").string() +
                               " -oo AUTODETECT_TYPE=YES -nln sheet");
    ASSERT_EQ(r.status, 0) << r.err;
    geo::VectorReader sheet(file);
    EXPECT_EQ(sheet.declared_geometry(), geo::GeometryKind::None) << format;
    ASSERT_GE(sheet.field_index("lon"), 0) << format;
    sheet.for_each([&](const geo::FeatureView& f) {
      EXPECT_EQ(f.text(sheet.field_index("name")), "Aden") << format;
      EXPECT_DOUBLE_EQ(std::get<double>(f.value(sheet.field_index("lon"))), 45.0367) << format;
      return true;
    });
  }
}

TEST(VectorReader, ClearErrors) {
  const fs::path dir = testing_support::scratch_dir();
  EXPECT_NE(error_of([&] { geo::VectorReader r((dir / "missing.gpkg").string()); }).find("file not found"),
            std::string::npos);
  geo::ReadOptions options;
  options.layer = "nope";
  const std::string unknown =
      error_of([&] { geo::VectorReader r(testing_support::shared_data("boundaries/yem_adm2.gpkg"), options); });
  EXPECT_NE(unknown.find("unknown layer 'nope'"), std::string::npos) << unknown;
  EXPECT_NE(unknown.find("yem_adm2"), std::string::npos) << unknown;  // lists the real layers
  write_text(dir / "junk.gpkg", "this is not a geopackage");
  EXPECT_NE(error_of([&] { geo::VectorReader r((dir / "junk.gpkg").string()); }).find("cannot open"),
            std::string::npos);
  options = {};
  options.crs = "EPSG:999999";
  EXPECT_NE(error_of([&] { geo::VectorReader r(testing_support::shared_data("boundaries/yem_adm2.gpkg"), options); })
                .find("unknown CRS"),
            std::string::npos);
}

TEST(VectorReader, MultiLayerSourceNeedsALayerName) {
  const fs::path dir = testing_support::scratch_dir();
  write_text(dir / "a.csv", "name,WKT\nA,POINT (1 1)\n");
  ASSERT_EQ(run_command("ogr2ogr -f GPKG " + (dir / "m.gpkg").string() + " " + (dir / "a.csv").string() + " -nln one").status, 0);
  ASSERT_EQ(run_command("ogr2ogr -update -f GPKG " + (dir / "m.gpkg").string() + " " + (dir / "a.csv").string() + " -nln two").status, 0);
  const std::string message = error_of([&] { geo::VectorReader r((dir / "m.gpkg").string()); });
  EXPECT_NE(message.find("2 layers"), std::string::npos) << message;
  EXPECT_NE(message.find("one, two"), std::string::npos) << message;
}

TEST(VectorReader, PasswordsAreMasked) {
  EXPECT_EQ(geo::mask_credentials("PG:host=db user=u password=secret dbname=x"), "PG:host=db user=u password=*** dbname=x");
  EXPECT_EQ(geo::mask_credentials("PG:password='a b' dbname=x"), "PG:password=*** dbname=x");
  EXPECT_EQ(geo::mask_credentials("postgresql://u:secret@host/db"), "postgresql://u:***@host/db");
}

TEST(VectorReader, DescribeCountsInvalidGeometries) {
  const fs::path dir = testing_support::scratch_dir();
  write_text(dir / "p.csv",
             "id,WKT\n1,\"POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))\"\n2,\"POLYGON ((0 0, 1 1, 1 0, 0 1, 0 0))\"\n");
  ASSERT_EQ(run_command("ogr2ogr -f GPKG " + (dir / "p.gpkg").string() + " " + (dir / "p.csv").string() +
                        " -nln p -nlt POLYGON -a_srs EPSG:4326").status, 0);
  const auto d = geo::describe_source((dir / "p.gpkg").string());
  ASSERT_EQ(d.layers.size(), 1u);
  EXPECT_EQ(d.layers[0].feature_count, 2);
  EXPECT_EQ(d.layers[0].invalid_geometries, 1);
  EXPECT_NE(d.layers[0].invalid_examples[0].find("record 2"), std::string::npos);
}

}  // namespace

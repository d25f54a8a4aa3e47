#include "engine/point_layer.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/error.hpp"
#include "support/test_support.hpp"

namespace {

using testing_support::write_text;

engine::PointLayerSpec spec_for(const std::string& path) {
  engine::PointLayerSpec s;
  s.name = "issues";
  s.role = "issues";
  s.source.source = path;
  return s;
}

using testing_support::error_of;

TEST(PointLayer, EveryRecordIsKeptWithItsReason) {
  const auto dir = testing_support::scratch_dir();
  write_text(dir / "i.csv",
             "id,lon,lat\n1,44.2,15.3\n2,44.2,15.3\n3,,\n4,44.2,13.5N\n5,44.2,95\n6,nan,15\n7,500000,1600000\n8, 44.5 , 15.1 \n");
  const engine::PointLayer layer = engine::load_point_layer(spec_for((dir / "i.csv").string()));
  ASSERT_EQ(layer.size(), 8u);
  // Identical coordinates are two records, never merged.
  EXPECT_EQ(layer.points[0], layer.points[1]);
  EXPECT_EQ(layer.rejection[0], "");
  EXPECT_EQ(layer.rejection[2], "no coordinates");
  EXPECT_EQ(layer.rejection[3], "latitude '13.5N' is not a number");
  EXPECT_EQ(layer.rejection[4], "latitude 95 is outside [-90, 90]");
  EXPECT_EQ(layer.rejection[5], "longitude 'nan' is not a number");
  EXPECT_NE(layer.rejection[6].find("projected metres"), std::string::npos) << layer.rejection[6];
  EXPECT_EQ(layer.rejection[7], "");
  EXPECT_DOUBLE_EQ(layer.points[7].x, 44.5);
  EXPECT_TRUE(std::isnan(layer.points[2].x));
  EXPECT_EQ(layer.records[7], 8);
}

// Coordinate columns are kept as attributes only when the layer exports
// them; whichever reader reads the file (plain CSV, or GDAL's driver for a
// semicolon-separated one), the other fields keep their values.
TEST(PointLayer, CoordinateColumnsAreKeptOnlyWhenExported) {
  const auto dir = testing_support::scratch_dir();
  write_text(dir / "c.csv", "id,lon,lat,note\n1,44.2,15.3,a\n2,44.3,15.4,\n");
  write_text(dir / "s.csv", "id;lon;lat;note\n1;44.2;15.3;a\n2;44.3;15.4;\n");
  auto names = [](const engine::PointLayer& layer) {
    std::string all;
    for (const auto& f : layer.fields) all += (all.empty() ? "" : ",") + f.name;
    return all;
  };
  for (const char* file : {"c.csv", "s.csv"}) {
    engine::PointLayerSpec spec = spec_for((dir / file).string());
    auto layer = engine::load_point_layer(spec);
    EXPECT_EQ(layer.read_without_gdal, std::string(file) == "c.csv");
    EXPECT_EQ(names(layer), "id,note") << file;
    ASSERT_EQ(layer.values.width(), 2u) << file;
    EXPECT_EQ(layer.text(0, 1), "a");
    EXPECT_EQ(layer.text(1, 0), "2");
    EXPECT_DOUBLE_EQ(layer.points[1].x, 44.3);
    EXPECT_EQ(layer.location_fields, (std::vector<std::string>{"lon", "lat"}));
    spec.export_fields = {"lat"};
    layer = engine::load_point_layer(spec);
    EXPECT_EQ(names(layer), "id,lat,note") << file;
    EXPECT_EQ(layer.text(1, 1), "15.4");
    spec.export_fields.clear();
    spec.export_all_fields = true;
    layer = engine::load_point_layer(spec);
    EXPECT_EQ(names(layer), "id,lon,lat,note") << file;
    EXPECT_EQ(layer.text(0, 1), "44.2");
  }
}

TEST(PointLayer, HxlTaggedCsvSkipsTheTagRow) {
  const auto dir = testing_support::scratch_dir();
  write_text(dir / "p.csv",
             "Partner,Northing (deg),Easting (deg)\n#org+name,#geo+lat,#geo+lon\nA,15.1,44.1\nB,15.2,44.2\n");
  const engine::PointLayer layer = engine::load_point_layer(spec_for((dir / "p.csv").string()));
  EXPECT_TRUE(layer.hxl_tags);
  ASSERT_EQ(layer.size(), 2u);  // the tag row is not a record
  EXPECT_DOUBLE_EQ(layer.points[1].x, 44.2);
  EXPECT_DOUBLE_EQ(layer.points[1].y, 15.2);
  EXPECT_EQ(layer.records[0], 1);
}

TEST(PointLayer, KoboGeopointAndAcledPrecision) {
  const auto dir = testing_support::scratch_dir();
  write_text(dir / "k.csv", "start,gps,issue\n2024-01-01,15.35 44.20 2250 5,drugs\n2024-01-02,,arms\n");
  auto layer = engine::load_point_layer(spec_for((dir / "k.csv").string()));
  EXPECT_DOUBLE_EQ(layer.points[0].x, 44.20);
  EXPECT_EQ(layer.rejection[1], "no coordinates");
  write_text(dir / "a.csv", "event_id_cnty,latitude,longitude,geo_precision\nYEM1,15.3,44.2,1\nYEM2,15.3,44.2,2\n");
  layer = engine::load_point_layer(spec_for((dir / "a.csv").string()));
  EXPECT_EQ(layer.notes[0], "");
  EXPECT_EQ(layer.notes[1], "approximate location (geo_precision 2)");
}

TEST(PointLayer, ProjectedGeoPackageIsReprojected) {
  const auto dir = testing_support::scratch_dir();
  write_text(dir / "s.csv", "id,WKT\n1,POINT (44.2066 15.3547)\n");
  ASSERT_EQ(testing_support::run_command("ogr2ogr -f GPKG " + (dir / "u.gpkg").string() + " " + (dir / "s.csv").string() +
                                         " -s_srs EPSG:4326 -t_srs EPSG:32638 -nln u").status, 0);
  const auto layer = engine::load_point_layer(spec_for((dir / "u.gpkg").string()));
  EXPECT_EQ(layer.located_by, "geometry");
  EXPECT_NEAR(layer.points[0].x, 44.2066, 1e-7);
}

TEST(PointLayer, LayerLevelProblemsStopWithAClearMessage) {
  const auto dir = testing_support::scratch_dir();
  write_text(dir / "nocoords.csv", "id,place\n1,Aden\n");
  std::string m = error_of([&] { engine::load_point_layer(spec_for((dir / "nocoords.csv").string())); });
  EXPECT_NE(m.find("no coordinate columns"), std::string::npos) << m;
  EXPECT_NE(m.find("nocoords.csv"), std::string::npos) << m;
  EXPECT_NE(m.find("id, place"), std::string::npos) << m;  // lists the columns

  write_text(dir / "empty.csv", "id,lon,lat\n");
  m = error_of([&] { engine::load_point_layer(spec_for((dir / "empty.csv").string())); });
  EXPECT_NE(m.find("is empty"), std::string::npos) << m;

  m = error_of([&] { engine::load_point_layer(spec_for(testing_support::shared_data("boundaries/yem_adm1.gpkg"))); });
  EXPECT_NE(m.find("holds polygons, but a point layer is expected"), std::string::npos) << m;

  auto s = spec_for((dir / "nocoords.csv").string());
  s.fields.category = "kind";
  m = error_of([&] { engine::load_point_layer(s); });
  EXPECT_NE(m.find("no field 'kind' (layers.issues.fields.category)"), std::string::npos) << m;

  s = spec_for((dir / "nocoords.csv").string());
  s.source.coordinates.x = "lon";
  s.source.coordinates.y = "lat";
  m = error_of([&] { engine::load_point_layer(s); });
  EXPECT_NE(m.find("the x (longitude) column 'lon' does not exist"), std::string::npos) << m;

  // A quote left open is the first problem named, though the check now runs
  // only when something goes wrong or GDAL reads the file: the first rows
  // are plain, the open quote is on line 4, and the file also lacks
  // coordinate columns, or the field a role names (an error raised before
  // the file is read).
  write_text(dir / "open_quote.csv", "id,place\n1,Aden\n2,Taiz\n3,\"Lahj\n4,Marib\n");
  for (const bool missing_field : {false, true}) {
    s = spec_for((dir / "open_quote.csv").string());
    if (missing_field) s.fields.category = "kind";
    m = error_of([&] { engine::load_point_layer(s); });
    EXPECT_NE(m.find("line 4: a double quote opened here is never closed"), std::string::npos) << m;
  }
  // Also when GDAL cannot read the first record (not UTF-8), which the plain
  // path reads first to find the coordinate columns.
  write_text(dir / "bad_first.csv", "id,lon,lat\n1,44.1,\xC3\n2,44.2,15.2\n3,\"open,15.3\n");
  m = error_of([&] { engine::load_point_layer(spec_for((dir / "bad_first.csv").string())); });
  EXPECT_NE(m.find("line 4: a double quote opened here is never closed"), std::string::npos) << m;
}

}  // namespace

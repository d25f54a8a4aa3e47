#include "geo/vector_writer.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "geo/vector_reader.hpp"
#include "support/rfc7946.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;

namespace {

geo::LayerData polygons_with_clockwise_rings() {
  geo::LayerData layer;
  layer.name = "areas";
  layer.geometry = geo::GeometryKind::Polygon;
  layer.fields = {{"code", geo::FieldType::String}, {"n", geo::FieldType::Integer}, {"share", geo::FieldType::Real}};
  // Exterior clockwise and hole counter-clockwise: the opposite of RFC 7946.
  layer.shapes.push_back(geo::Geometry::polygon(
      {{{44.0, 15.0}, {44.0, 15.5}, {44.5, 15.5}, {44.5, 15.0}, {44.0, 15.0}},
       {{44.1, 15.1}, {44.2, 15.1}, {44.2, 15.2}, {44.1, 15.2}, {44.1, 15.1}}}));
  layer.rows.push_back({std::string("YE1101"), std::int64_t{3}, 0.1});
  layer.shapes.push_back(geo::Geometry::polygon(
      {{{45.123456789, 13.0}, {45.123456789, 13.987654321}, {46.0, 13.0}, {45.123456789, 13.0}}}));
  layer.rows.push_back({std::string("عدن \"x\", y"), std::monostate{}, 2.5});
  return layer;
}

TEST(VectorWriter, GeoJsonFollowsRfc7946) {
  const fs::path dir = testing_support::scratch_dir();
  const auto layer = polygons_with_clockwise_rings();
  geo::write_geojson((dir / "a.geojson").string(), layer);
  const auto problems = testing_support::rfc7946_problems((dir / "a.geojson").string(), 7);
  EXPECT_TRUE(problems.empty()) << problems.front();
  const std::string text = testing_support::read_text(dir / "a.geojson");
  EXPECT_NE(text.find("45.1234568"), std::string::npos);   // rounded to 7 decimals
  EXPECT_EQ(text.find("45.12345678"), std::string::npos);
  EXPECT_NE(text.find("عدن"), std::string::npos);          // UTF-8, not escaped away
  // Attributes survive a read back.
  geo::VectorReader reader((dir / "a.geojson").string());
  int n = 0;
  reader.for_each([&](const geo::FeatureView& f) {
    if (n == 0) { EXPECT_EQ(f.text(reader.field_index("code")), "YE1101"); }
    if (n == 1) { EXPECT_TRUE(f.is_null(reader.field_index("n"))); }
    ++n;
    return true;
  });
  EXPECT_EQ(n, 2);
}

TEST(VectorWriter, GeoJsonPrecisionIsConfigurable) {
  const fs::path dir = testing_support::scratch_dir();
  geo::WriteOptions options;
  options.precision = 3;
  geo::write_geojson((dir / "a.geojson").string(), polygons_with_clockwise_rings(), options);
  EXPECT_TRUE(testing_support::rfc7946_problems((dir / "a.geojson").string(), 3).empty());
}

TEST(VectorWriter, GeoPackageIsDeterministicAndComplete) {
  const fs::path dir = testing_support::scratch_dir();
  const auto layer = polygons_with_clockwise_rings();
  geo::LayerData points;
  points.name = "points";
  points.geometry = geo::GeometryKind::Point;
  points.fields = {{"id", geo::FieldType::Integer}};
  points.rows = {{std::int64_t{1}}, {std::int64_t{2}}};
  points.points = {{44.5, 15.5}, {std::nan(""), 0}};  // second has no geometry
  geo::write_geopackage((dir / "a.gpkg").string(), {&layer, &points});
  geo::write_geopackage((dir / "b.gpkg").string(), {&layer, &points});
  EXPECT_EQ(testing_support::read_text(dir / "a.gpkg"), testing_support::read_text(dir / "b.gpkg"));
  const auto d = geo::describe_source((dir / "a.gpkg").string());
  ASSERT_EQ(d.layers.size(), 2u);
  EXPECT_EQ(d.layers[0].feature_count, 2);
  EXPECT_EQ(d.layers[1].feature_count, 2);
  EXPECT_EQ(d.layers[1].null_geometries, 1);
  EXPECT_NE(d.layers[0].crs.find("4326"), std::string::npos);
}

TEST(VectorWriter, CsvQuotesAndRoundTrips) {
  const fs::path dir = testing_support::scratch_dir();
  geo::LayerData layer;
  layer.name = "t";
  layer.geometry = geo::GeometryKind::Point;
  layer.fields = {{"name", geo::FieldType::String}, {"v", geo::FieldType::Real}};
  layer.rows = {{std::string("a, \"quoted\"\nline"), 0.1}, {std::string("عدن"), std::monostate{}}};
  layer.points = {{44.123456789, 15.0}, {45, 12.5}};
  geo::write_csv((dir / "t.csv").string(), layer);
  geo::VectorReader reader((dir / "t.csv").string());
  std::vector<std::string> names, lons;
  reader.for_each([&](const geo::FeatureView& f) {
    names.push_back(f.text(0));
    lons.push_back(f.text(reader.field_index("lon")));
    EXPECT_EQ(f.text(1), names.size() == 1 ? "0.1" : "");
    return true;
  });
  EXPECT_EQ(names, (std::vector<std::string>{"a, \"quoted\"\nline", "عدن"}));
  EXPECT_EQ(lons, (std::vector<std::string>{"44.1234568", "45"}));
}

TEST(VectorWriter, UnknownExtensionIsAClearError) {
  EXPECT_THROW(geo::output_format_for("x.shpx"), std::runtime_error);
  EXPECT_EQ(geo::output_format_for("x.GeoJSON"), geo::OutputFormat::GeoJSON);
}

}  // namespace

#include "geo/coordinate_columns.hpp"

#include <gtest/gtest.h>

namespace {

using Kind = geo::CoordinateColumns::Kind;

TEST(CoordinateColumns, CommonNames) {
  for (const auto& [x, y] : std::vector<std::pair<std::string, std::string>>{
           {"lon", "lat"}, {"Longitude", "Latitude"}, {"LNG", "LAT"}, {"x", "y"}, {"long", "lat"}, {"Longitude (E)", "Latitude (N)"}}) {
    const auto c = geo::find_coordinate_columns({"id", x, "name", y}, {}, {});
    EXPECT_EQ(c.kind, Kind::XY) << x;
    EXPECT_EQ(c.x, 1) << x;
    EXPECT_EQ(c.y, 3) << y;
  }
}

TEST(CoordinateColumns, KoboSplitAndCombinedGeopoint) {
  const auto split = geo::find_coordinate_columns(
      {"start", "gps", "_gps_latitude", "_gps_longitude", "_gps_altitude", "_gps_precision"}, {}, {});
  EXPECT_EQ(split.kind, Kind::XY);
  EXPECT_EQ(split.x, 3);
  EXPECT_EQ(split.y, 2);
  const auto combined = geo::find_coordinate_columns({"start", "gps", "issue"}, {}, {});
  EXPECT_EQ(combined.kind, Kind::GeoPoint);
  const auto p = geo::parse_point(combined, {"2024-01-01", "15.3547 44.2066 2250.5 4.8", "drugs"});
  ASSERT_TRUE(p.point.has_value()) << p.problem;
  EXPECT_DOUBLE_EQ(p.point->x, 44.2066);
  EXPECT_DOUBLE_EQ(p.point->y, 15.3547);
}

TEST(CoordinateColumns, HxlTagsWinOverHeaderNames) {
  const std::vector<std::string> names{"Place", "Northing", "Easting", "Governorate code"};
  const std::vector<std::string> tags{"#loc+name", "#geo +lat", "#geo+lon", "#adm1+code"};
  EXPECT_TRUE(geo::is_hxl_tag_row(tags));
  EXPECT_FALSE(geo::is_hxl_tag_row({"Aden", "12.8", "45.0", "YE24"}));
  EXPECT_FALSE(geo::is_hxl_tag_row({"", ""}));
  const auto c = geo::find_coordinate_columns(names, tags, {});
  EXPECT_EQ(c.kind, Kind::XY);
  EXPECT_EQ(c.x, 2);
  EXPECT_EQ(c.y, 1);
}

TEST(CoordinateColumns, AcledPrecisionColumn) {
  const auto c = geo::find_coordinate_columns({"event_id_cnty", "latitude", "longitude", "geo_precision"}, {}, {});
  EXPECT_EQ(c.kind, Kind::XY);
  EXPECT_EQ(c.precision, 3);
}

TEST(CoordinateColumns, WktColumnAndHints) {
  const auto wkt = geo::find_coordinate_columns({"id", "WKT"}, {}, {});
  EXPECT_EQ(wkt.kind, Kind::Wkt);
  auto p = geo::parse_point(wkt, {"1", "POINT (44.5 13.25)"});
  ASSERT_TRUE(p.point);
  EXPECT_DOUBLE_EQ(p.point->x, 44.5);
  p = geo::parse_point(wkt, {"1", "LINESTRING (0 0, 1 1)"});
  EXPECT_FALSE(p.point);
  EXPECT_NE(p.problem.find("LineString"), std::string::npos);
  p = geo::parse_point(wkt, {"1", "POINT (44.5"});
  EXPECT_FALSE(p.point);
  EXPECT_NE(p.problem.find("does not parse"), std::string::npos);

  geo::CoordinateHints hints;
  hints.x = "E";
  hints.y = "N";
  const auto hinted = geo::find_coordinate_columns({"lon", "lat", "E", "N"}, {}, hints);
  EXPECT_EQ(hinted.x, 2);
  EXPECT_EQ(hinted.y, 3);
  hints.x = "missing";
  EXPECT_THROW(geo::find_coordinate_columns({"lon", "lat"}, {}, hints), std::runtime_error);
}

TEST(CoordinateColumns, NumbersAreParsedStrictly) {
  EXPECT_EQ(geo::parse_number(" 44.25 ").value(), 44.25);
  EXPECT_EQ(geo::parse_number("-1e2").value(), -100);
  EXPECT_EQ(geo::parse_number("+12.5").value(), 12.5);
  for (const char* bad : {"", "  ", "44,25", "12.5N", "nan", "NaN", "inf", "-Infinity", "1e999", "abc", "0x10"})
    EXPECT_FALSE(geo::parse_number(bad).has_value()) << bad;
}

TEST(CoordinateColumns, ProblemsNameTheColumn) {
  const auto c = geo::find_coordinate_columns({"lon", "lat"}, {}, {});
  auto p = geo::parse_point(c, {"44.2", "north"});
  EXPECT_FALSE(p.point);
  EXPECT_EQ(p.problem, "latitude 'north' is not a number");
  p = geo::parse_point(c, {"", ""});
  EXPECT_EQ(p.problem, "no coordinates");
}

}  // namespace

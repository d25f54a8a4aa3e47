// COPY text encoding of values and geometries (no server needed; the writer
// tests check the same bytes against PostGIS itself).

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>

#include "geo/detail/pg_copy_text.hpp"
#include "geo/geometry.hpp"

using geo::detail::append_copy_value;
using geo::detail::append_ewkb;
using geo::detail::append_point_ewkb;
using geo::detail::WkbPromotion;

namespace {

std::string copy_text(const geo::Value& v) {
  std::string out;
  append_copy_value(out, v);
  return out;
}

}  // namespace

TEST(PgCopyText, EscapesTheCharactersCopyTreatsSpecially) {
  EXPECT_EQ(copy_text(std::string("a\tb\nc\rd\\e")), "a\\tb\\nc\\rd\\\\e");
  EXPECT_EQ(copy_text(std::string("عدن 'quoted' \"x\"")), "عدن 'quoted' \"x\"");
  EXPECT_EQ(copy_text(std::string("\\N")), "\\\\N");  // the text \N, not null
  EXPECT_EQ(copy_text(geo::Value{}), "\\N");
}

TEST(PgCopyText, NumbersReadBackExactlyAndNonFiniteIsNull) {
  EXPECT_EQ(copy_text(std::int64_t{-9223372036854775807LL}), "-9223372036854775807");
  EXPECT_EQ(copy_text(0.1), "0.1");
  EXPECT_EQ(copy_text(std::numeric_limits<double>::quiet_NaN()), "\\N");
  EXPECT_EQ(copy_text(std::numeric_limits<double>::infinity()), "\\N");
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<std::uint64_t> bits;
  for (int i = 0; i < 10000; ++i) {
    std::uint64_t b = bits(rng);
    double d;
    std::memcpy(&d, &b, sizeof d);
    if (!std::isfinite(d)) continue;
    const std::string text = copy_text(d);
    EXPECT_EQ(std::strtod(text.c_str(), nullptr), d) << text;
  }
}

TEST(PgCopyText, PointEwkbIsWhatPostgisWrites) {
  std::string out;
  append_point_ewkb(out, 1, 2, 4326);
  // SELECT 'SRID=4326;POINT(1 2)'::geometry
  EXPECT_EQ(out, "0101000020E6100000000000000000F03F0000000000000040");
}

TEST(PgCopyText, PolygonsArePromotedToOnePartMultiPolygons) {
  const geo::Geometry square = geo::Geometry::polygon({{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}});
  const std::vector<unsigned char> wkb = square.to_wkb();
  std::string out;
  EXPECT_EQ(append_ewkb(out, wkb, 4326, WkbPromotion::Multi), 6u);
  // MultiPolygon with SRID 4326, one part, then the polygon's own WKB.
  EXPECT_EQ(out.substr(0, 26), "0106000020E610000001000000");
  EXPECT_EQ(out.substr(26, 10), "0103000000");
  EXPECT_EQ(out.size(), (9 + 4 + wkb.size()) * 2);

  std::string kept;
  EXPECT_EQ(append_ewkb(kept, wkb, 4326, WkbPromotion::None), 3u);
  EXPECT_EQ(kept.substr(0, 18), "0103000020E6100000");

  std::string multi;
  std::vector<geo::Geometry> parts;
  parts.push_back(square.clone());
  parts.push_back(square.clone());
  const geo::Geometry two = geo::Geometry::multi_polygon(std::move(parts));
  EXPECT_EQ(append_ewkb(multi, two.to_wkb(), 4326, WkbPromotion::Multi), 6u);  // already multi: unchanged
}

TEST(PgCopyText, RefusesWkbItCannotCarry) {
  std::string out;
  const std::vector<unsigned char> big_endian = {0, 0, 0, 0, 1};
  EXPECT_THROW(append_ewkb(out, big_endian, 4326, WkbPromotion::None), std::invalid_argument);
  const std::vector<unsigned char> tin = {1, 16, 0, 0, 0};  // ISO TIN
  EXPECT_THROW(append_ewkb(out, tin, 4326, WkbPromotion::None), std::invalid_argument);
  const std::vector<unsigned char> point_z = {1, 0xE9, 0x03, 0, 0};  // ISO Point Z (1001)
  EXPECT_THROW(append_ewkb(out, point_z, 4326, WkbPromotion::None), std::invalid_argument);
}

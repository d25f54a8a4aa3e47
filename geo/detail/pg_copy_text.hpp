#pragma once
// geo-internal: values and geometries in the text format of PostgreSQL's
// COPY ... FROM STDIN, so whole layers travel in one round trip.
//
// Reals are written in their shortest form that reads back to the same double;
// geometries as hex EWKB (exact coordinates, with the SRID inside).

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "geo/field.hpp"

namespace geo::detail {

// Text with COPY's backslash escapes (backslash, newline, carriage return, tab).
void append_copy_text(std::string& out, std::string_view text);
// A value: \N for null and for non-finite reals.
void append_copy_value(std::string& out, const Value& value);

// Hex EWKB of a 2D point.
void append_point_ewkb(std::string& out, double x, double y, std::uint32_t srid);

// What to do with the top-level type of a WKB geometry.
enum class WkbPromotion {
  None,   // keep the type
  Multi,  // Point/LineString/Polygon become a one-part MultiPoint/MultiLineString/MultiPolygon
};
// Hex EWKB of 2D little-endian WKB (as GEOS writes it) with `srid` added.
// Returns the top-level WKB type code written (1..7); throws
// std::invalid_argument for WKB it does not understand.
std::uint32_t append_ewkb(std::string& out, std::span<const unsigned char> wkb, std::uint32_t srid,
                          WkbPromotion promotion);

}  // namespace geo::detail

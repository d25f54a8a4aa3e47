#include "geo/detail/pg_copy_text.hpp"

#include <charconv>
#include <cmath>
#include <cstring>
#include <stdexcept>

namespace geo::detail {
namespace {

constexpr std::uint32_t kEwkbSridFlag = 0x20000000;

void append_hex(std::string& out, const unsigned char* bytes, std::size_t n) {
  static const char digits[] = "0123456789ABCDEF";
  for (std::size_t i = 0; i < n; ++i) {
    out += digits[bytes[i] >> 4];
    out += digits[bytes[i] & 0x0F];
  }
}

// Little-endian, as WKB byte order 1 demands (EWKB is read per its own flag).
void append_u32(std::string& out, std::uint32_t v) {
  const unsigned char bytes[4] = {static_cast<unsigned char>(v), static_cast<unsigned char>(v >> 8),
                                  static_cast<unsigned char>(v >> 16), static_cast<unsigned char>(v >> 24)};
  append_hex(out, bytes, 4);
}

void append_f64(std::string& out, double v) {
  std::uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  unsigned char bytes[8];
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<unsigned char>(bits >> (8 * i));
  append_hex(out, bytes, 8);
}

std::uint32_t read_u32(std::span<const unsigned char> wkb, std::size_t at) {
  return static_cast<std::uint32_t>(wkb[at]) | static_cast<std::uint32_t>(wkb[at + 1]) << 8 |
         static_cast<std::uint32_t>(wkb[at + 2]) << 16 | static_cast<std::uint32_t>(wkb[at + 3]) << 24;
}

}  // namespace

void append_copy_text(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
}

void append_copy_value(std::string& out, const Value& value) {
  if (const auto* n = std::get_if<std::int64_t>(&value)) {
    out += std::to_string(*n);
  } else if (const auto* d = std::get_if<double>(&value)) {
    if (!std::isfinite(*d)) {
      out += "\\N";
      return;
    }
    char buffer[32];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, *d).ptr;  // shortest exact form
    out.append(buffer, end);
  } else if (const auto* s = std::get_if<std::string>(&value)) {
    append_copy_text(out, *s);
  } else {
    out += "\\N";
  }
}

void append_point_ewkb(std::string& out, double x, double y, std::uint32_t srid) {
  out += "01";
  append_u32(out, 1 | kEwkbSridFlag);
  append_u32(out, srid);
  append_f64(out, x);
  append_f64(out, y);
}

std::uint32_t append_ewkb(std::string& out, std::span<const unsigned char> wkb, std::uint32_t srid,
                          WkbPromotion promotion) {
  if (wkb.size() < 5 || wkb[0] != 1) throw std::invalid_argument("not little-endian WKB");
  const std::uint32_t type = read_u32(wkb, 1);
  if (type < 1 || type > 7) throw std::invalid_argument("WKB type " + std::to_string(type) + " is not a 2D simple feature");
  const bool wrap = promotion == WkbPromotion::Multi && type <= 3;
  const std::uint32_t written = wrap ? type + 3 : type;
  out += "01";
  append_u32(out, written | kEwkbSridFlag);
  append_u32(out, srid);
  if (wrap) {
    append_u32(out, 1);             // one part ...
    append_hex(out, wkb.data(), wkb.size());  // ... which is the geometry itself, without SRID
  } else {
    append_hex(out, wkb.data() + 5, wkb.size() - 5);
  }
  return written;
}

}  // namespace geo::detail

#include "geo/line_parts.hpp"

#include <cstdint>
#include <cstring>

#include "geo/error.hpp"

namespace geo {
namespace {

// A cursor over WKB bytes honouring each geometry's own byte order flag.
class WkbCursor {
 public:
  explicit WkbCursor(const std::vector<unsigned char>& bytes) : bytes_(bytes) {}

  void read_order() { little_ = byte() == 1; }
  std::uint32_t u32() {
    unsigned char b[4];
    take(b, 4);
    if (!little_) std::swap(b[0], b[3]), std::swap(b[1], b[2]);
    std::uint32_t v;
    std::memcpy(&v, b, 4);
    return v;
  }
  double f64() {
    unsigned char b[8];
    take(b, 8);
    if (!little_)
      for (int i = 0; i < 4; ++i) std::swap(b[i], b[7 - i]);
    double v;
    std::memcpy(&v, b, 8);
    return v;
  }

 private:
  unsigned char byte() {
    unsigned char b;
    take(&b, 1);
    return b;
  }
  void take(unsigned char* out, std::size_t n) {
    if (at_ + n > bytes_.size()) throw Error("truncated WKB while reading line vertices");
    std::memcpy(out, bytes_.data() + at_, n);
    at_ += n;
  }
  const std::vector<unsigned char>& bytes_;
  std::size_t at_ = 0;
  bool little_ = true;
};

struct WkbType {
  std::uint32_t base;  // 2 = LineString, 5 = MultiLineString
  int dimensions;      // 2, 3 or 4 ordinates per vertex
};

WkbType read_type(WkbCursor& in) {
  in.read_order();
  std::uint32_t type = in.u32();
  int dimensions = 2;
  // EWKB flags (GEOS writes these for Z) and ISO 1000/2000/3000 offsets.
  if (type & 0x80000000u) ++dimensions;
  if (type & 0x40000000u) ++dimensions;
  type &= 0x0fffffffu;
  if (type >= 3000) dimensions = 4, type -= 3000;
  else if (type >= 2000) dimensions = 3, type -= 2000;
  else if (type >= 1000) dimensions = 3, type -= 1000;
  return {type, dimensions};
}

std::vector<Point> read_line_body(WkbCursor& in, int dimensions) {
  std::vector<Point> points(in.u32());
  for (Point& p : points) {
    p.x = in.f64();
    p.y = in.f64();
    for (int d = 2; d < dimensions; ++d) in.f64();
  }
  return points;
}

}  // namespace

std::vector<std::vector<Point>> line_parts(const Geometry& geometry) {
  std::vector<std::vector<Point>> parts;
  if (geometry.is_null() || geometry.is_empty()) return parts;
  const GeometryType type = geometry.type();
  if (type != GeometryType::LineString && type != GeometryType::MultiLineString) return parts;
  const std::vector<unsigned char> wkb = geometry.to_wkb();
  WkbCursor in(wkb);
  const WkbType outer = read_type(in);
  if (outer.base == 2) {
    parts.push_back(read_line_body(in, outer.dimensions));
  } else if (outer.base == 5) {
    const std::uint32_t n = in.u32();
    for (std::uint32_t i = 0; i < n; ++i) {
      const WkbType inner = read_type(in);
      parts.push_back(read_line_body(in, inner.dimensions));
    }
  }
  return parts;
}

}  // namespace geo

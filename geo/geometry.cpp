#include "geo/geometry.hpp"

#include <cstdarg>
#include <cstdint>
#include <cstdio>

#include "geo/detail/geos_context.hpp"
#include "geo/error.hpp"

namespace geo {
namespace detail {
namespace {

thread_local std::string last_geos_error;

void on_geos_message(const char* fmt, ...) {
  char buffer[1024];
  va_list args;
  va_start(args, fmt);
  std::vsnprintf(buffer, sizeof buffer, fmt, args);
  va_end(args);
  last_geos_error = buffer;
}

void on_geos_notice(const char*, ...) {}

struct ContextHolder {
  GEOSContextHandle_t handle = nullptr;
  ContextHolder() {
    handle = GEOS_init_r();
    GEOSContext_setErrorHandler_r(handle, on_geos_message);
    GEOSContext_setNoticeHandler_r(handle, on_geos_notice);
  }
  ~ContextHolder() { GEOS_finish_r(handle); }
};

}  // namespace

GEOSContextHandle_t geos() {
  thread_local ContextHolder holder;
  return holder.handle;
}

std::string take_geos_error() {
  std::string message;
  message.swap(last_geos_error);
  return message;
}

void throw_geos(const std::string& what) {
  std::string message = take_geos_error();
  throw Error("GEOS " + what + " failed" + (message.empty() ? std::string() : ": " + message));
}

}  // namespace detail

using detail::geos;
using detail::throw_geos;

namespace {

Geometry adopt_or_throw(GEOSGeometry* raw, const char* what) {
  if (raw == nullptr) throw_geos(what);
  return GeometryAccess::adopt(raw);
}

GEOSCoordSequence* make_sequence(const std::vector<Point>& points) {
  GEOSCoordSequence* seq = GEOSCoordSeq_create_r(geos(), static_cast<unsigned>(points.size()), 2);
  if (seq == nullptr) throw_geos("coordinate sequence");
  for (unsigned i = 0; i < points.size(); ++i) GEOSCoordSeq_setXY_r(geos(), seq, i, points[i].x, points[i].y);
  return seq;
}

Ring read_ring(const GEOSGeometry* ring) {
  const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(geos(), ring);
  unsigned size = 0;
  GEOSCoordSeq_getSize_r(geos(), seq, &size);
  Ring points(size);
  if (size > 0) GEOSCoordSeq_copyToBuffer_r(geos(), seq, reinterpret_cast<double*>(points.data()), 0, 0);
  return points;
}

PolygonRings read_polygon(const GEOSGeometry* polygon) {
  PolygonRings rings;
  if (GEOSisEmpty_r(geos(), polygon) == 1) return rings;
  rings.push_back(read_ring(GEOSGetExteriorRing_r(geos(), polygon)));
  const int holes = GEOSGetNumInteriorRings_r(geos(), polygon);
  for (int i = 0; i < holes; ++i) rings.push_back(read_ring(GEOSGetInteriorRingN_r(geos(), polygon, i)));
  return rings;
}

void collect_polygons(const GEOSGeometry* g, std::vector<GEOSGeometry*>& out) {
  const int type = GEOSGeomTypeId_r(geos(), g);
  if (type == GEOS_POLYGON) {
    if (GEOSisEmpty_r(geos(), g) != 1) out.push_back(GEOSGeom_clone_r(geos(), g));
    return;
  }
  if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
    const int n = GEOSGetNumGeometries_r(geos(), g);
    for (int i = 0; i < n; ++i) collect_polygons(GEOSGetGeometryN_r(geos(), g, i), out);
  }
}

}  // namespace

Geometry::Geometry(Geometry&& other) noexcept : raw_(other.raw_) { other.raw_ = nullptr; }

Geometry& Geometry::operator=(Geometry&& other) noexcept {
  if (this != &other) {
    if (raw_ != nullptr) GEOSGeom_destroy_r(geos(), raw_);
    raw_ = other.raw_;
    other.raw_ = nullptr;
  }
  return *this;
}

Geometry::~Geometry() {
  if (raw_ != nullptr) GEOSGeom_destroy_r(geos(), raw_);
}

namespace {

// ISO WKB codes of the surface types GEOS cannot read (modulo 1000: Z, M and
// ZM add 1000, 2000, 3000), named so the error says what the data holds
// instead of GEOS's "Unknown WKB type 16".
const char* unsupported_wkb_type(std::span<const unsigned char> wkb) {
  if (wkb.size() < 5 || wkb[0] > 1) return nullptr;
  std::uint32_t code = 0;
  for (int i = 0; i < 4; ++i) {
    const unsigned char byte = wkb[static_cast<std::size_t>(wkb[0] == 1 ? 1 + i : 4 - i)];
    code |= static_cast<std::uint32_t>(byte) << (8 * i);
  }
  switch ((code & 0x0fffffffu) % 1000) {  // the mask drops EWKB's Z/M/SRID flags
    case 15: return "PolyhedralSurface";
    case 16: return "TIN";
    case 17: return "Triangle";
    default: return nullptr;
  }
}

}  // namespace

Geometry Geometry::from_wkb(std::span<const unsigned char> wkb) {
  if (const char* type = unsupported_wkb_type(wkb))
    throw Error(std::string("geometry type ") + type + " is not supported; only points, lines and polygons are");
  GEOSWKBReader* reader = GEOSWKBReader_create_r(geos());
  GEOSGeometry* raw = GEOSWKBReader_read_r(geos(), reader, wkb.data(), wkb.size());
  GEOSWKBReader_destroy_r(geos(), reader);
  return adopt_or_throw(raw, "WKB reading");
}

Geometry Geometry::from_wkt(std::string_view wkt) {
  GEOSWKTReader* reader = GEOSWKTReader_create_r(geos());
  const std::string text(wkt);
  GEOSGeometry* raw = GEOSWKTReader_read_r(geos(), reader, text.c_str());
  GEOSWKTReader_destroy_r(geos(), reader);
  return adopt_or_throw(raw, "WKT reading");
}

Geometry Geometry::point(Point p) { return adopt_or_throw(GEOSGeom_createPointFromXY_r(geos(), p.x, p.y), "point"); }

Geometry Geometry::line_string(const std::vector<Point>& points) {
  return adopt_or_throw(GEOSGeom_createLineString_r(geos(), make_sequence(points)), "line string");
}

Geometry Geometry::polygon(const PolygonRings& rings) {
  if (rings.empty()) return adopt_or_throw(GEOSGeom_createEmptyPolygon_r(geos()), "empty polygon");
  GEOSGeometry* shell = GEOSGeom_createLinearRing_r(geos(), make_sequence(rings[0]));
  if (shell == nullptr) throw_geos("linear ring");
  std::vector<GEOSGeometry*> holes;
  for (std::size_t i = 1; i < rings.size(); ++i) {
    GEOSGeometry* hole = GEOSGeom_createLinearRing_r(geos(), make_sequence(rings[i]));
    if (hole == nullptr) throw_geos("linear ring");
    holes.push_back(hole);
  }
  return adopt_or_throw(
      GEOSGeom_createPolygon_r(geos(), shell, holes.data(), static_cast<unsigned>(holes.size())), "polygon");
}

Geometry Geometry::multi_polygon(std::vector<Geometry> polygons) {
  std::vector<GEOSGeometry*> raws;
  for (Geometry& g : polygons) raws.push_back(GeometryAccess::release(g));
  return adopt_or_throw(GEOSGeom_createCollection_r(geos(), GEOS_MULTIPOLYGON, raws.data(),
                                                    static_cast<unsigned>(raws.size())),
                        "multipolygon");
}

Geometry Geometry::union_all(const std::vector<const Geometry*>& parts) {
  std::vector<GEOSGeometry*> clones;
  for (const Geometry* part : parts) clones.push_back(GEOSGeom_clone_r(geos(), part->raw_));
  GEOSGeometry* collection = GEOSGeom_createCollection_r(geos(), GEOS_GEOMETRYCOLLECTION, clones.data(),
                                                         static_cast<unsigned>(clones.size()));
  Geometry all = adopt_or_throw(collection, "collection");
  return adopt_or_throw(GEOSUnaryUnion_r(geos(), all.raw_), "union");
}

bool Geometry::is_empty() const { return raw_ == nullptr || GEOSisEmpty_r(geos(), raw_) == 1; }

GeometryType Geometry::type() const {
  switch (GEOSGeomTypeId_r(geos(), raw_)) {
    case GEOS_POINT: return GeometryType::Point;
    case GEOS_LINESTRING: return GeometryType::LineString;
    case GEOS_POLYGON: return GeometryType::Polygon;
    case GEOS_MULTIPOINT: return GeometryType::MultiPoint;
    case GEOS_MULTILINESTRING: return GeometryType::MultiLineString;
    case GEOS_MULTIPOLYGON: return GeometryType::MultiPolygon;
    case GEOS_GEOMETRYCOLLECTION: return GeometryType::Collection;
    default: return GeometryType::Other;
  }
}

std::string Geometry::type_name() const {
  if (raw_ == nullptr) return "none";
  char* name = GEOSGeomType_r(geos(), raw_);
  std::string out = name ? name : "unknown";
  GEOSFree_r(geos(), name);
  return out;
}

bool Geometry::is_polygonal() const {
  return raw_ != nullptr && (type() == GeometryType::Polygon || type() == GeometryType::MultiPolygon);
}

bool Geometry::is_valid(std::string* reason) const {
  char* why = GEOSisValidReason_r(geos(), raw_);
  if (why == nullptr) throw_geos("validity check");
  const std::string text = why;
  GEOSFree_r(geos(), why);
  if (reason) *reason = text;
  return text == "Valid Geometry";
}

Geometry Geometry::clone() const {
  if (raw_ == nullptr) return Geometry();
  return adopt_or_throw(GEOSGeom_clone_r(geos(), raw_), "clone");
}

Geometry Geometry::make_valid_polygonal() const {
  Geometry valid = adopt_or_throw(GEOSMakeValid_r(geos(), raw_), "MakeValid");
  std::vector<GEOSGeometry*> polygons;
  collect_polygons(valid.raw_, polygons);
  if (polygons.size() == 1) return GeometryAccess::adopt(polygons[0]);
  return adopt_or_throw(GEOSGeom_createCollection_r(geos(), GEOS_MULTIPOLYGON, polygons.data(),
                                                    static_cast<unsigned>(polygons.size())),
                        "multipolygon");
}

Geometry Geometry::intersection(const Geometry& other) const {
  return adopt_or_throw(GEOSIntersection_r(geos(), raw_, other.raw_), "intersection");
}

Geometry Geometry::difference(const Geometry& other) const {
  return adopt_or_throw(GEOSDifference_r(geos(), raw_, other.raw_), "difference");
}

Geometry Geometry::union_with(const Geometry& other) const {
  return adopt_or_throw(GEOSUnion_r(geos(), raw_, other.raw_), "union");
}

Geometry Geometry::simplify_preserving_topology(double tolerance) const {
  return adopt_or_throw(GEOSTopologyPreserveSimplify_r(geos(), raw_, tolerance), "simplify");
}

Geometry Geometry::voronoi_cells(const Envelope& clip) const {
  Geometry frame = polygon({{{clip.min_x, clip.min_y},
                             {clip.max_x, clip.min_y},
                             {clip.max_x, clip.max_y},
                             {clip.min_x, clip.max_y},
                             {clip.min_x, clip.min_y}}});
  return adopt_or_throw(GEOSVoronoiDiagram_r(geos(), raw_, frame.raw_, 0.0, 0), "Voronoi diagram");
}

Envelope Geometry::envelope() const {
  Envelope e;
  if (is_empty()) return e;
  if (GEOSGeom_getXMin_r(geos(), raw_, &e.min_x) != 1 || GEOSGeom_getYMin_r(geos(), raw_, &e.min_y) != 1 ||
      GEOSGeom_getXMax_r(geos(), raw_, &e.max_x) != 1 || GEOSGeom_getYMax_r(geos(), raw_, &e.max_y) != 1)
    throw_geos("envelope");
  return e;
}

Point Geometry::point_on_surface() const {
  Geometry p = adopt_or_throw(GEOSPointOnSurface_r(geos(), raw_), "point on surface");
  return p.as_point();
}

Point Geometry::as_point() const {
  if (raw_ == nullptr || type() != GeometryType::Point || is_empty()) throw Error("expected a point geometry");
  Point p;
  GEOSGeomGetX_r(geos(), raw_, &p.x);
  GEOSGeomGetY_r(geos(), raw_, &p.y);
  return p;
}

double Geometry::planar_area() const {
  double area = 0;
  if (GEOSArea_r(geos(), raw_, &area) != 1) throw_geos("area");
  return area;
}

std::size_t Geometry::vertex_count() const {
  const int n = GEOSGetNumCoordinates_r(geos(), raw_);
  return n < 0 ? 0 : static_cast<std::size_t>(n);
}

bool Geometry::intersects(const Geometry& other) const {
  const char r = GEOSIntersects_r(geos(), raw_, other.raw_);
  if (r == 2) throw_geos("intersects");
  return r == 1;
}

bool Geometry::covers(Point p) const {
  Geometry probe = point(p);
  const char r = GEOSCovers_r(geos(), raw_, probe.raw_);
  if (r == 2) throw_geos("covers");
  return r == 1;
}

std::vector<PolygonRings> Geometry::polygons() const {
  std::vector<PolygonRings> out;
  if (raw_ == nullptr) return out;
  const int type = GEOSGeomTypeId_r(geos(), raw_);
  if (type == GEOS_POLYGON) {
    if (GEOSisEmpty_r(geos(), raw_) != 1) out.push_back(read_polygon(raw_));
  } else if (type == GEOS_MULTIPOLYGON) {
    const int n = GEOSGetNumGeometries_r(geos(), raw_);
    for (int i = 0; i < n; ++i) {
      const GEOSGeometry* part = GEOSGetGeometryN_r(geos(), raw_, i);
      if (GEOSisEmpty_r(geos(), part) != 1) out.push_back(read_polygon(part));
    }
  }
  return out;
}

std::vector<Geometry> Geometry::parts() const {
  std::vector<Geometry> out;
  if (raw_ == nullptr) return out;
  const int n = GEOSGetNumGeometries_r(geos(), raw_);
  for (int i = 0; i < n; ++i) out.push_back(adopt_or_throw(GEOSGeom_clone_r(geos(), GEOSGetGeometryN_r(geos(), raw_, i)), "clone"));
  return out;
}

std::vector<unsigned char> Geometry::to_wkb() const {
  GEOSWKBWriter* writer = GEOSWKBWriter_create_r(geos());
  GEOSWKBWriter_setByteOrder_r(geos(), writer, GEOS_WKB_NDR);
  std::size_t size = 0;
  unsigned char* data = GEOSWKBWriter_write_r(geos(), writer, raw_, &size);
  GEOSWKBWriter_destroy_r(geos(), writer);
  if (data == nullptr) throw_geos("WKB writing");
  std::vector<unsigned char> out(data, data + size);
  GEOSFree_r(geos(), data);
  return out;
}

std::string Geometry::to_wkt(int decimals) const {
  GEOSWKTWriter* writer = GEOSWKTWriter_create_r(geos());
  if (decimals >= 0) {
    GEOSWKTWriter_setRoundingPrecision_r(geos(), writer, decimals);
    GEOSWKTWriter_setTrim_r(geos(), writer, 1);
  }
  char* text = GEOSWKTWriter_write_r(geos(), writer, raw_);
  GEOSWKTWriter_destroy_r(geos(), writer);
  if (text == nullptr) throw_geos("WKT writing");
  std::string out = text;
  GEOSFree_r(geos(), text);
  return out;
}

std::string geos_version() { return GEOSversion(); }

}  // namespace geo

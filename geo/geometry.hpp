#pragma once
// An owning, movable handle on a GEOS geometry, with the few operations
// localmap needs.  Coordinates are whatever CRS the geometry was built in;
// localmap stores everything in WGS84 longitude/latitude (x = lon, y = lat).
//
// Thread-safety: every call uses a GEOS context private to the calling
// thread (GEOS reentrant "_r" API), so distinct Geometry objects may be used
// from different threads at once; one object must not be mutated from two
// threads.  Failures throw geo::Error with GEOS's message.

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "geo/envelope.hpp"
#include "geo/orientation.hpp"

struct GEOSGeom_t;  // GEOS's opaque geometry type; never exposed outside geo/.

namespace geo {

enum class GeometryType { Point, LineString, Polygon, MultiPoint, MultiLineString, MultiPolygon, Collection, Other };

using Ring = std::vector<Point>;                 // closed: first point == last point
using PolygonRings = std::vector<Ring>;          // [0] exterior, then holes

class Geometry {
 public:
  Geometry() = default;
  Geometry(Geometry&&) noexcept;
  Geometry& operator=(Geometry&&) noexcept;
  Geometry(const Geometry&) = delete;
  Geometry& operator=(const Geometry&) = delete;
  ~Geometry();

  static Geometry from_wkb(std::span<const unsigned char> wkb);
  static Geometry from_wkt(std::string_view wkt);
  static Geometry point(Point p);
  static Geometry line_string(const std::vector<Point>& points);
  static Geometry polygon(const PolygonRings& rings);
  static Geometry multi_polygon(std::vector<Geometry> polygons);
  // Union of all inputs (GEOS UnaryUnion); an empty list gives an empty collection.
  static Geometry union_all(const std::vector<const Geometry*>& parts);

  bool is_null() const { return raw_ == nullptr; }
  bool is_empty() const;
  GeometryType type() const;
  std::string type_name() const;
  // Whether the geometry is polygonal (Polygon or MultiPolygon).
  bool is_polygonal() const;
  bool is_valid(std::string* reason = nullptr) const;

  Geometry clone() const;
  // GEOS MakeValid, keeping only the polygonal parts (lower-dimension
  // debris such as collapsed slivers is dropped).
  Geometry make_valid_polygonal() const;
  Geometry intersection(const Geometry& other) const;
  Geometry difference(const Geometry& other) const;
  Geometry union_with(const Geometry& other) const;
  Geometry simplify_preserving_topology(double tolerance) const;
  // Voronoi cells of the vertices of this geometry, clipped to `clip`.
  Geometry voronoi_cells(const Envelope& clip) const;

  Envelope envelope() const;
  Point point_on_surface() const;
  Point as_point() const;  // throws unless type() == Point
  double planar_area() const;
  std::size_t vertex_count() const;
  bool intersects(const Geometry& other) const;
  // Closed containment: points on the boundary are covered.
  bool covers(Point p) const;

  // Parts of a (Multi)Polygon as rings of points; empty for other types.
  std::vector<PolygonRings> polygons() const;
  // Parts of a Geometry collection / multi geometry (clones).
  std::vector<Geometry> parts() const;

  std::vector<unsigned char> to_wkb() const;
  std::string to_wkt(int decimals = -1) const;

 private:
  explicit Geometry(GEOSGeom_t* raw) : raw_(raw) {}
  GEOSGeom_t* raw_ = nullptr;
  friend struct GeometryAccess;  // geo-internal bridge (geo/detail/geos_access.hpp)
};

// Versions of the GEOS library in use, for run reports.
std::string geos_version();

}  // namespace geo

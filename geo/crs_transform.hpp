#pragma once
// Transforming coordinates between two coordinate reference systems (PROJ,
// through GDAL's OGR spatial references), and local metric projections for
// measuring on the ground.
//
// Axis order is always the traditional GIS one, whatever the CRS definition
// says: x = longitude or easting, y = latitude or northing.
//
// Thread-safety: not thread-safe (PROJ keeps per-object state); use one
// CrsTransform per thread.  Distinct objects may be used concurrently.

#include <memory>
#include <span>
#include <string>

#include "geo/geometry.hpp"

namespace geo {

class CrsTransform {
 public:
  // `from` and `to` are anything GDAL/PROJ read: "EPSG:4326", WKT, PROJJSON,
  // or a PROJ string ("+proj=aeqd +lat_0=15 +lon_0=44 +datum=WGS84").
  // Throws geo::Error naming the definition when it is not a usable CRS.
  CrsTransform(const std::string& from, const std::string& to);
  ~CrsTransform();
  CrsTransform(CrsTransform&&) noexcept;
  CrsTransform& operator=(CrsTransform&&) noexcept;
  CrsTransform(const CrsTransform&) = delete;
  CrsTransform& operator=(const CrsTransform&) = delete;

  // Points that cannot be transformed (outside the projection's domain) come
  // back as NaN.
  Point forward(Point p) const;
  Point inverse(Point p) const;
  void forward(std::span<Point> points) const;
  void inverse(std::span<Point> points) const;

  // Points and polygonal geometries, vertex by vertex (edges stay straight
  // lines between the transformed vertices).  Throws geo::Error for other
  // geometry types or vertices that cannot be transformed.
  Geometry forward(const Geometry& g) const;
  Geometry inverse(const Geometry& g) const;

  // Whether both ends are the same CRS (the transform is the identity).
  bool is_identity() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// WGS84 longitude/latitude <-> an azimuthal equidistant projection centred
// on `centre`, in metres.  Distances and azimuths from the centre are exact
// on the ellipsoid (PROJ uses geodesics for the ellipsoidal aeqd); other
// distances within tens of kilometres of the centre are true to about
// (r / 6371 km)^2 / 6 of their length.
CrsTransform azimuthal_equidistant(Point centre);

// A short readable name for a CRS definition, e.g. "WGS 84 / UTM zone 38N
// (EPSG:32638)"; throws geo::Error when the definition is not a CRS.
std::string crs_display_name(const std::string& definition);

}  // namespace geo

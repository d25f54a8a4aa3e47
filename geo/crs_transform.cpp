#include "geo/crs_transform.hpp"

#include <ogr_spatialref.h>

#include <cmath>
#include <cstdio>
#include <vector>

#include "geo/detail/gdal_errors.hpp"
#include "geo/error.hpp"

namespace geo {
namespace {

std::unique_ptr<OGRSpatialReference> read_crs(const std::string& definition) {
  auto srs = std::make_unique<OGRSpatialReference>();
  detail::GdalErrorCapture quiet;  // the message below says it better
  if (definition.empty() || srs->SetFromUserInput(definition.c_str()) != OGRERR_NONE)
    throw Error("not a CRS PROJ understands: '" + definition.substr(0, 80) + "'", {},
                "give an EPSG code such as EPSG:4326 or EPSG:32638, or a PROJ/WKT definition");
  srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

std::string describe(const OGRSpatialReference& srs) {
  std::string name = srs.GetName() ? srs.GetName() : "unnamed CRS";
  const char* authority = srs.GetAuthorityName(nullptr);
  const char* code = srs.GetAuthorityCode(nullptr);
  if (authority && code) name += std::string(" (") + authority + ":" + code + ")";
  return name;
}

}  // namespace

struct CrsTransform::Impl {
  std::unique_ptr<OGRSpatialReference> from, to;
  std::unique_ptr<OGRCoordinateTransformation> forward, inverse;
  bool identity = false;

  void run(OGRCoordinateTransformation& t, std::span<Point> points) const {
    if (identity || points.empty()) return;
    std::vector<double> x(points.size()), y(points.size());
    std::vector<int> ok(points.size(), 0);
    for (std::size_t i = 0; i < points.size(); ++i) x[i] = points[i].x, y[i] = points[i].y;
    detail::GdalErrorCapture quiet;  // failures are reported per point, as NaN
    t.Transform(points.size(), x.data(), y.data(), nullptr, ok.data());
    for (std::size_t i = 0; i < points.size(); ++i) {
      const bool good = ok[i] && std::isfinite(x[i]) && std::isfinite(y[i]);
      points[i] = good ? Point{x[i], y[i]} : Point{std::nan(""), std::nan("")};
    }
  }

  Geometry run(OGRCoordinateTransformation& t, const Geometry& g) const {
    if (g.is_null()) return Geometry();
    auto check = [&](std::span<Point> points) {
      run(t, points);
      for (const Point& p : points)
        if (!std::isfinite(p.x))
          throw Error("a vertex cannot be transformed from " + describe(identity ? *from : *t.GetSourceCS()) + " to " +
                      describe(*t.GetTargetCS()));
    };
    if (g.type() == GeometryType::Point) {
      Point p = g.as_point();
      check({&p, 1});
      return Geometry::point(p);
    }
    if (!g.is_polygonal()) throw Error("only points and polygons can be transformed, not a " + g.type_name());
    std::vector<Geometry> parts;
    for (PolygonRings rings : g.polygons()) {
      for (Ring& ring : rings) check(ring);
      parts.push_back(Geometry::polygon(rings));
    }
    if (g.type() == GeometryType::Polygon && parts.size() == 1) return std::move(parts[0]);
    return Geometry::multi_polygon(std::move(parts));
  }
};

CrsTransform::CrsTransform(const std::string& from, const std::string& to) : impl_(std::make_unique<Impl>()) {
  impl_->from = read_crs(from);
  impl_->to = read_crs(to);
  const char* same[] = {"IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES", "CRITERION=EQUIVALENT", nullptr};
  impl_->identity = impl_->from->IsSame(impl_->to.get(), same);
  if (impl_->identity) return;
  detail::GdalErrorCapture errors;
  impl_->forward.reset(OGRCreateCoordinateTransformation(impl_->from.get(), impl_->to.get()));
  impl_->inverse.reset(OGRCreateCoordinateTransformation(impl_->to.get(), impl_->from.get()));
  if (!impl_->forward || !impl_->inverse)
    throw Error("cannot transform between " + describe(*impl_->from) + " and " + describe(*impl_->to) + ": " +
                    errors.last_error(),
                {}, "check both CRS definitions");
}

CrsTransform::~CrsTransform() = default;
CrsTransform::CrsTransform(CrsTransform&&) noexcept = default;
CrsTransform& CrsTransform::operator=(CrsTransform&&) noexcept = default;

Point CrsTransform::forward(Point p) const {
  forward(std::span<Point>(&p, 1));
  return p;
}
Point CrsTransform::inverse(Point p) const {
  inverse(std::span<Point>(&p, 1));
  return p;
}
void CrsTransform::forward(std::span<Point> points) const {
  if (!impl_->identity) impl_->run(*impl_->forward, points);
}
void CrsTransform::inverse(std::span<Point> points) const {
  if (!impl_->identity) impl_->run(*impl_->inverse, points);
}
Geometry CrsTransform::forward(const Geometry& g) const {
  return impl_->identity ? g.clone() : impl_->run(*impl_->forward, g);
}
Geometry CrsTransform::inverse(const Geometry& g) const {
  return impl_->identity ? g.clone() : impl_->run(*impl_->inverse, g);
}
bool CrsTransform::is_identity() const { return impl_->identity; }

CrsTransform azimuthal_equidistant(Point centre) {
  char definition[160];
  std::snprintf(definition, sizeof definition,
                "+proj=aeqd +lat_0=%.10f +lon_0=%.10f +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs +type=crs", centre.y,
                centre.x);
  return CrsTransform("EPSG:4326", definition);
}

std::string crs_display_name(const std::string& definition) { return describe(*read_crs(definition)); }

}  // namespace geo

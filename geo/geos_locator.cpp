// The GEOS baseline point locator: STRtree + prepared geometries.  Border
// ties (a point covered by several polygons) are settled with the semi-open
// rule so the answers equal the grid locator's (see point_locator.hpp).

#include <geos_c.h>

#include <algorithm>

#include "geo/banded_polygon.hpp"
#include "geo/detail/geos_context.hpp"
#include "geo/point_locator.hpp"

namespace geo {
namespace {

using detail::geos;

class GeosLocator final : public PointLocator {
 public:
  explicit GeosLocator(const std::vector<const Geometry*>& polygons) {
    tree_ = GEOSSTRtree_create_r(geos(), 10);
    ids_.resize(polygons.size());
    for (std::size_t i = 0; i < polygons.size(); ++i) {
      ids_[i] = i;
      const GEOSGeometry* raw = GeometryAccess::raw(*polygons[i]);
      prepared_.push_back(GEOSPrepare_r(geos(), raw));
      banded_.emplace_back(polygons[i]->polygons());
      GEOSSTRtree_insert_r(geos(), tree_, raw, &ids_[i]);
    }
  }

  ~GeosLocator() override {
    for (const GEOSPreparedGeometry* p : prepared_) GEOSPreparedGeom_destroy_r(geos(), p);
    GEOSSTRtree_destroy_r(geos(), tree_);
  }

  std::int32_t locate(Point p) const override {
    Geometry probe = Geometry::point(p);
    std::vector<std::size_t> hits;
    GEOSSTRtree_query_r(geos(), tree_, GeometryAccess::raw(probe), collect, &hits);
    std::sort(hits.begin(), hits.end());
    std::vector<std::size_t> covering;
    for (std::size_t i : hits)
      if (GEOSPreparedCovers_r(geos(), prepared_[i], GeometryAccess::raw(probe)) == 1) covering.push_back(i);
    if (covering.empty()) return -1;
    if (covering.size() > 1)
      for (std::size_t i : covering)
        if (banded_[i].contains(p)) return static_cast<std::int32_t>(i);
    return static_cast<std::int32_t>(covering.front());
  }

  std::string name() const override { return "geos-strtree-prepared"; }

 private:
  static void collect(void* item, void* userdata) {
    static_cast<std::vector<std::size_t>*>(userdata)->push_back(*static_cast<std::size_t*>(item));
  }

  GEOSSTRtree* tree_ = nullptr;
  std::vector<std::size_t> ids_;
  std::vector<const GEOSPreparedGeometry*> prepared_;
  std::vector<BandedPolygon> banded_;
};

}  // namespace

std::unique_ptr<PointLocator> make_geos_locator(const std::vector<const Geometry*>& polygons) {
  auto locator = std::make_unique<GeosLocator>(polygons);
  locator->locate(Point{0, 0});  // builds the STRtree now, on this thread
  return locator;
}

}  // namespace geo

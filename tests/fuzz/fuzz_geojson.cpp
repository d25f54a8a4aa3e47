// Fuzz target: GeoJSON through the GDAL read path and what localmap builds
// on it: geo::VectorReader (fields, values, text decoding, geometries in
// WGS84), the same file as a point layer (engine::load_point_layer) and as
// a boundary level (engine::load_admin_level: polygon checks, GEOS repair,
// geodesic areas) with its point-in-polygon index and nearest-unit search.
//
// Expected failures are geo::Error / engine::Error; anything else escaping,
// a crash or a sanitizer report is a bug.

#include <cmath>
#include <cstddef>
#include <cstdint>

#include "engine/boundaries.hpp"
#include "engine/error.hpp"
#include "engine/join.hpp"
#include "engine/point_layer.hpp"
#include "fuzz_support.hpp"
#include "geo/vector_reader.hpp"

namespace {

void read_everything(const std::string& path) {
  geo::VectorReader reader(path);
  (void)reader.crs_name();
  (void)reader.feature_count();
  const int n = static_cast<int>(reader.fields().size());
  reader.for_each([&](const geo::FeatureView& f) {
    for (int i = 0; i < n; ++i) {
      (void)f.value(i);
      (void)f.text(i);
    }
    if (f.has_geometry() && !f.geometry_transform_failed()) {
      (void)f.point();
      const geo::Geometry g = f.geometry();
      (void)g.envelope();
      (void)g.is_valid();
    }
    return true;
  });
}

void as_boundaries(const std::string& path) {
  engine::AdminLevelSpec spec;
  spec.name = "districts";
  spec.level = 2;
  spec.source.source = path;
  const engine::AdminLevel level = engine::load_admin_level(spec);
  const engine::AdminIndex index(level);
  for (std::size_t i = 0; i < level.units.size(); ++i) {
    const engine::AdminUnit& unit = level.units[i];
    fuzz::require(unit.shape.is_polygonal() && !unit.shape.is_empty(), "a unit is a non-empty polygon");
    fuzz::require(std::isfinite(unit.area_km2) && unit.area_km2 >= 0, "a unit has a finite area");
    const geo::Point inside = unit.shape.point_on_surface();
    const std::int32_t found = index.locate(inside);
    fuzz::require(found >= -1 && found < static_cast<std::int32_t>(level.units.size()), "locate gives a unit or none");
    const geo::Envelope e = unit.shape.envelope();
    (void)index.locate({e.min_x, e.min_y});
    (void)index.nearest({e.max_x + 0.01, e.max_y + 0.01});
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fuzz::MemFile file("layer.geojson", data, size);
  try {
    read_everything(file.path());
  } catch (const geo::Error&) {
  }
  try {
    engine::PointLayerSpec spec;
    spec.name = "fuzz";
    spec.role = "facilities";
    spec.source.source = file.path();
    (void)engine::load_point_layer(spec);
  } catch (const geo::Error&) {
  }
  try {
    as_boundaries(file.path());
  } catch (const geo::Error&) {
  }
  return 0;
}

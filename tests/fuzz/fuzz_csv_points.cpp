// Fuzz target: a CSV point layer through the path `localmap run` uses,
// engine::load_point_layer (GDAL's CSV driver, text decoding, coordinate
// column detection, HXL rows, number parsing, range checks).
//
// Expected failures are geo::Error / engine::Error (a file that cannot be a
// point layer).  Anything else escaping, a crash or a sanitizer report is a bug.

#include <cstddef>
#include <cstdint>

#include "engine/error.hpp"
#include "engine/point_layer.hpp"
#include "fuzz_support.hpp"

namespace {

engine::PointLayer load(const std::string& path, const std::string& crs) {
  engine::PointLayerSpec spec;
  spec.name = "fuzz";
  spec.role = "issues";
  spec.source.source = path;
  spec.source.crs = crs;
  return engine::load_point_layer(spec);
}

// Every record is accounted for: one location or one rejection reason.
void check(const engine::PointLayer& layer) {
  const std::size_t n = layer.size();
  fuzz::require(layer.points.size() == n && layer.rejection.size() == n && layer.records.size() == n && layer.notes.size() == n,
                "one point, rejection, record number and note per row");
  fuzz::require(layer.values.size() == n && layer.values.width() == layer.fields.size(), "one value per record and field");
  for (std::size_t i = 0; i < n; ++i) {
    const bool placed = layer.points[i].x == layer.points[i].x;  // not NaN
    fuzz::require(placed == layer.rejection[i].empty(), "a record is placed exactly when it has no rejection");
    for (std::size_t f = 0; f < layer.fields.size(); ++f) (void)layer.text(i, f);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fuzz::MemFile file("points.csv", data, size);
  try {
    const engine::PointLayer layer = load(file.path(), "");
    check(layer);
    // Projected metres given as degrees: the user's fix is `crs:`; the
    // columns then go through PROJ.
    for (std::size_t i = 0; i < layer.size(); ++i)
      if (layer.rejection[i].find("projected metres") != std::string::npos) {
        check(load(file.path(), "EPSG:32638"));
        break;
      }
  } catch (const geo::Error&) {
    // A file that cannot be a point layer: documented, reported to the user.
  }
  return 0;
}

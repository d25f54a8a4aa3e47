#pragma once
// Reading a layer's attributes and geometries through GDAL's Arrow stream
// (OGR_L_GetArrowStream, GDAL 3.6), batch by batch, straight into columns:
// for drivers with a fast stream (GeoPackage) about twice as fast as feature
// by feature.  Used by VectorReader::read_columns.

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "geo/columns.hpp"

class OGRLayer;

namespace geo::detail {

struct ArrowSink {
  // A text cell's value as kept (decoded and checked; may throw); `row` is 0-based.
  std::function<void(std::size_t row, int field, std::string_view bytes, Columns& into)> text;
  // A record's geometry as WKB; empty for a null geometry.
  std::function<void(std::size_t row, std::string_view wkb)> geometry;
};

// The layer's rows when its driver has a fast Arrow stream and the stream's
// columns are exactly `types` (int32 or int64 for Integer, float64 for Real,
// UTF-8 for String) and one WKB geometry; nullopt otherwise, having read
// nothing.  Throws geo::Error when the stream fails part-way.
std::optional<Columns> read_arrow_stream(OGRLayer& layer, const std::vector<FieldType>& types, const ArrowSink& sink);

}  // namespace geo::detail

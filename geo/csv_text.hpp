#pragma once
// A layer as CSV text, exactly what geo::write_csv writes (RFC 4180, UTF-8,
// point layers with `lon`,`lat` columns): for outputs that are written beside
// a layer of the same name, such as a point layer's table form.

#include <string>

#include "geo/vector_writer.hpp"

namespace geo {

std::string csv_text(const LayerData& layer, const WriteOptions& options = {});

}  // namespace geo

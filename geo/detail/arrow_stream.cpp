#include "geo/detail/arrow_stream.hpp"

#include <ogr_recordbatch.h>
#include <ogrsf_frmts.h>

#include <cstring>
#include <string>

#include "geo/detail/gdal_errors.hpp"
#include "geo/error.hpp"

namespace geo::detail {
namespace {

// Owns a stream, its schema or a batch, releasing them however we leave.
struct Stream : ArrowArrayStream {
  Stream() { release = nullptr; }
  ~Stream() { if (release) release(this); }
};
struct Schema : ArrowSchema {
  Schema() { release = nullptr; }
  ~Schema() { if (release) release(this); }
};
struct Batch : ArrowArray {
  Batch() { release = nullptr; }
  ~Batch() { if (release) release(this); }
};

bool format_fits(const char* format, FieldType type) {
  const std::string_view f(format);
  switch (type) {
    case FieldType::Integer: return f == "i" || f == "l";
    case FieldType::Real: return f == "g";
    case FieldType::String: return f == "u";
  }
  return false;
}

bool valid(const ArrowArray& a, std::int64_t j) {
  const auto* bits = static_cast<const std::uint8_t*>(a.buffers[0]);
  return a.null_count == 0 || bits == nullptr || (bits[j >> 3] >> (j & 7)) & 1;
}

template <class T>
T load(const void* buffer, std::int64_t j) {
  T v;
  std::memcpy(&v, static_cast<const char*>(buffer) + j * static_cast<std::int64_t>(sizeof(T)), sizeof(T));
  return v;
}

std::string_view bytes(const ArrowArray& a, std::int64_t j) {
  const auto begin = load<std::int32_t>(a.buffers[1], j), end = load<std::int32_t>(a.buffers[1], j + 1);
  return {static_cast<const char*>(a.buffers[2]) + begin, static_cast<std::size_t>(end - begin)};
}

}  // namespace

std::optional<Columns> read_arrow_stream(OGRLayer& layer, const std::vector<FieldType>& types, const ArrowSink& sink) {
  if (!layer.TestCapability(OLCFastGetArrowStream) || layer.GetLayerDefn()->GetGeomFieldCount() != 1) return std::nullopt;
  layer.ResetReading();
  const char* options[] = {"INCLUDE_FID=NO", nullptr};
  Stream stream;
  GdalErrorCapture quiet;  // a stream GDAL cannot give: read feature by feature, no message
  if (!layer.GetArrowStream(&stream, options)) return std::nullopt;
  Schema schema;
  if (stream.get_schema(&stream, &schema) != 0 || schema.n_children != static_cast<std::int64_t>(types.size()) + 1)
    return std::nullopt;
  for (std::size_t f = 0; f < types.size(); ++f)
    if (!format_fits(schema.children[f]->format, types[f])) return std::nullopt;
  const std::string_view geometry_format(schema.children[types.size()]->format);
  if (geometry_format != "z") return std::nullopt;

  Columns out(types);
  const std::size_t width = types.size();
  for (;;) {
    Batch batch;
    if (stream.get_next(&stream, &batch) != 0)
      throw Error(std::string("reading the Arrow stream failed: ") + (stream.get_last_error(&stream) ? stream.get_last_error(&stream) : "?"),
                  {.layer = layer.GetName()});
    if (batch.release == nullptr) break;  // the end
    const std::size_t first = out.size();
    out.reserve(static_cast<std::size_t>(batch.length));
    for (std::int64_t i = 0; i < batch.length; ++i) {
      for (std::size_t f = 0; f < width; ++f) {
        const ArrowArray& c = *batch.children[f];
        const std::int64_t j = batch.offset + c.offset + i;
        if (!valid(c, j)) {
          out.push(std::monostate{});
          continue;
        }
        switch (types[f]) {
          case FieldType::Integer:
            out.push(schema.children[f]->format[0] == 'i' ? std::int64_t{load<std::int32_t>(c.buffers[1], j)}
                                                          : load<std::int64_t>(c.buffers[1], j));
            break;
          case FieldType::Real: out.push(load<double>(c.buffers[1], j)); break;
          case FieldType::String: sink.text(first + static_cast<std::size_t>(i), static_cast<int>(f), bytes(c, j), out); break;
        }
      }
      out.end_row();
      const ArrowArray& g = *batch.children[width];
      const std::int64_t j = batch.offset + g.offset + i;
      sink.geometry(first + static_cast<std::size_t>(i), valid(g, j) ? bytes(g, j) : std::string_view());
    }
  }
  out.shrink_to_fit();  // reserve() grew the room batch by batch
  return out;
}

}  // namespace geo::detail

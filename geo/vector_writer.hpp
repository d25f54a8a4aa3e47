#pragma once
// Writing feature layers: RFC 7946 GeoJSON, GeoPackage, CSV.  Every file is
// written atomically (geo::AtomicFile).
//
// GeoJSON follows RFC 7946: WGS84 longitude/latitude, no "crs" member,
// polygon rings wound by the right-hand rule (exterior counter-clockwise),
// coordinates rounded to `precision` decimals.  GeoPackage layers carry
// EPSG:4326, a spatial index and full-precision coordinates; the file's
// timestamps are fixed so the same content gives the same bytes.  CSV is
// RFC 4180, UTF-8, with point layers as `lon`,`lat` columns.

#include <string>
#include <vector>

#include "geo/field.hpp"
#include "geo/geometry.hpp"
#include "geo/vector_reader.hpp"

namespace geo {

struct LayerData {
  std::string name;
  GeometryKind geometry = GeometryKind::None;  // None, Point, Line or Polygon
  std::vector<FieldDef> fields;
  std::vector<std::vector<Value>> rows;  // rows[i].size() == fields.size()
  std::vector<Point> points;             // Point layers: one per row (NaN x = no geometry)
  std::vector<Geometry> shapes;          // Line / Polygon layers: one per row (null = none)

  std::size_t size() const { return rows.size(); }
  int field_index(const std::string& field) const;  // -1 if absent
};

struct WriteOptions {
  int precision = 7;        // GeoJSON / CSV coordinate decimals
  std::string description;  // GeoJSON: a "description" member of the collection
};

enum class OutputFormat { GeoJSON, GeoPackage, CSV };

// From the file extension (.geojson/.json, .gpkg, .csv); throws otherwise.
OutputFormat output_format_for(const std::string& path);

void write_geojson(const std::string& path, const LayerData& layer, const WriteOptions& options = {});
void write_csv(const std::string& path, const LayerData& layer, const WriteOptions& options = {});
// All layers into one GeoPackage, replacing any file at `path`.
void write_geopackage(const std::string& path, const std::vector<const LayerData*>& layers);
// Dispatches on the extension of `path`.
void write_layer(const std::string& path, const LayerData& layer, const WriteOptions& options = {});

}  // namespace geo

#pragma once
// Reading any OGR vector source feature by feature: files (GeoPackage,
// Shapefile, GeoJSON, KML, FlatGeobuf, XLSX/ODS, CSV, ...), PostGIS `PG:`
// connection strings, and SQL queries against them.
//
// Geometries come out in WGS84 longitude/latitude (x = lon, y = lat; the
// traditional GIS axis order, whatever the source CRS says).  A source with no
// CRS is taken as WGS84 and crs_assumed() says so; `crs` in the options
// overrides the source's CRS.
//
// Text comes out as UTF-8.  Shapefiles are decoded by their .cpg (or DBF
// language id) and other sources are checked to be UTF-8; `encoding` in the
// options overrides.  Text that does not decode is an error naming the record
// and field.
//
// Not thread-safe: one reader per thread.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "geo/columns.hpp"
#include "geo/envelope.hpp"
#include "geo/field.hpp"
#include "geo/geometry.hpp"

namespace geo {

struct ReadOptions {
  std::string layer;     // "" = the source's only layer (an error if it has several)
  std::string sql;       // a query to run instead of reading a layer
  std::string encoding;  // "" = as declared by the source
  std::string crs;       // "" = as declared by the source; else e.g. "EPSG:32638"
  bool text_fields = false;  // read every attribute as text (for CSV coordinate parsing)
};

enum class GeometryKind { None, Point, Line, Polygon, Mixed };

class FeatureView;

class VectorReader {
 public:
  VectorReader(const std::string& source, const ReadOptions& options = {});
  ~VectorReader();
  VectorReader(const VectorReader&) = delete;
  VectorReader& operator=(const VectorReader&) = delete;

  const std::string& source() const;  // as given, with any password masked
  const std::string& layer_name() const;
  const std::string& driver() const;
  const std::vector<FieldDef>& fields() const;
  int field_index(const std::string& name) const;  // -1 if absent; exact, then case-insensitive
  GeometryKind declared_geometry() const;
  std::string crs_name() const;  // e.g. "WGS 84 (EPSG:4326)"
  bool crs_assumed() const;      // the source has no CRS and WGS84 was assumed
  const std::string& encoding() const;  // the encoding text was decoded from
  std::int64_t feature_count() const;   // -1 if the driver cannot tell cheaply

  // Calls `visit` for every feature in source order.  Stops early if `visit`
  // returns false.
  void for_each(const std::function<bool(const FeatureView&)>& visit);

  // A layer read whole, column by column, by read_columns().
  struct ColumnRead {
    Columns values;             // record by field, typed as fields()
    std::vector<Point> points;  // WGS84, for records whose geometry is a point
    // Records (0-based, increasing) whose geometry is not a point: "" when
    // they have none (null or empty), else its type name as
    // FeatureView::geometry().type_name() gives it.
    std::vector<std::pair<std::size_t, std::string>> not_points;
  };
  // Every record at once, through GDAL's Arrow stream, for GeoPackage layers
  // (about twice as fast as feature by feature) that need nothing the stream
  // leaves out: no SQL, no CRS transform, UTF-8 text, fields of integer, real
  // or text types.  nullopt otherwise, having read nothing: use for_each.
  // Values, points and errors are the ones for_each gives (records numbered
  // 1.. in source order); FeatureView::point() is what `points` holds.
  std::optional<ColumnRead> read_columns();

  // Non-fatal observations made while reading (assumed CRS, ...).
  const std::vector<std::string>& warnings() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

class FeatureView {
 public:
  std::int64_t record() const;  // 1-based position in the source
  std::int64_t fid() const;
  bool is_null(int field) const;
  Value value(int field) const;          // typed as fields()[field].type; text decoded
  std::string text(int field) const;     // "" when null
  bool has_geometry() const;
  // The source had a geometry that could not be transformed to WGS84.
  bool geometry_transform_failed() const;
  GeometryType geometry_type() const;    // of the source geometry
  // The point in WGS84, for point geometries (nullopt for others / none).
  std::optional<Point> point() const;
  // The geometry in WGS84 as GEOS (2D; curves linearised).
  Geometry geometry() const;

 private:
  friend class VectorReader;
  explicit FeatureView(const void* feature, VectorReader::Impl* reader) : feature_(feature), reader_(reader) {}
  const void* feature_;
  VectorReader::Impl* reader_;
};

// Removes passwords from a connection string for messages ("password=xxx").
std::string mask_credentials(const std::string& source);

// Whether a source is a database connection rather than a file.
bool is_database_source(const std::string& source);

// Description of a source for `localmap inspect`.
struct LayerDescription {
  std::string name;
  std::string geometry_type;
  std::string crs;
  std::int64_t feature_count = 0;
  Envelope extent;  // in WGS84
  std::vector<FieldDef> fields;
  std::int64_t null_geometries = 0;
  std::int64_t invalid_geometries = 0;
  std::vector<std::string> invalid_examples;  // "record 12: Self-intersection[...]"
};
struct SourceDescription {
  std::string source;
  std::string driver;
  std::vector<LayerDescription> layers;
};
SourceDescription describe_source(const std::string& source, const ReadOptions& options = {});

// GDAL and PROJ versions in use, for run reports.
std::string gdal_version();
std::string proj_version();

}  // namespace geo

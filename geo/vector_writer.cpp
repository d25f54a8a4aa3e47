#include "geo/vector_writer.hpp"

#include <cpl_conv.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "geo/atomic_file.hpp"
#include "geo/csv_text.hpp"
#include "geo/detail/gdal_errors.hpp"
#include "geo/error.hpp"

namespace geo {
namespace {

struct DatasetCloser {
  void operator()(GDALDataset* ds) const { GDALClose(ds); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

OGRwkbGeometryType ogr_type(GeometryKind kind) {
  switch (kind) {
    case GeometryKind::Point: return wkbPoint;
    case GeometryKind::Line: return wkbMultiLineString;
    case GeometryKind::Polygon: return wkbMultiPolygon;
    case GeometryKind::Mixed: return wkbUnknown;
    case GeometryKind::None: return wkbNone;
  }
  return wkbUnknown;
}

OGRFieldType ogr_field_type(FieldType t) {
  switch (t) {
    case FieldType::Integer: return OFTInteger64;
    case FieldType::Real: return OFTReal;
    case FieldType::String: return OFTString;
  }
  return OFTString;
}

DatasetPtr create_dataset(const char* driver_name, const std::string& path) {
  GDALAllRegister();
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name);
  if (driver == nullptr) throw Error(std::string("GDAL driver ") + driver_name + " is not available");
  detail::GdalErrorCapture errors;
  GDALDataset* ds = driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
  if (ds == nullptr)
    throw Error("cannot create output: " + errors.last_error(), {.file = path}, "check that --out is writable");
  return DatasetPtr(ds);
}

std::unique_ptr<OGRGeometry> to_ogr(const LayerData& layer, std::size_t row) {
  if (layer.geometry == GeometryKind::Point) {
    const Point p = layer.points[row];
    if (std::isnan(p.x)) return nullptr;
    return std::make_unique<OGRPoint>(p.x, p.y);
  }
  if (row >= layer.shapes.size() || layer.shapes[row].is_null()) return nullptr;
  const std::vector<unsigned char> wkb = layer.shapes[row].to_wkb();
  OGRGeometry* g = nullptr;
  if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &g, wkb.size()) != OGRERR_NONE)
    throw Error("cannot convert a geometry for output", {.layer = layer.name, .record = static_cast<std::int64_t>(row + 1)});
  // One geometry type per layer, as in the PostGIS tables: lines and
  // polygons are always their multi forms.
  if (layer.geometry == GeometryKind::Polygon) g = OGRGeometryFactory::forceToMultiPolygon(g);
  if (layer.geometry == GeometryKind::Line) g = OGRGeometryFactory::forceToMultiLineString(g);
  return std::unique_ptr<OGRGeometry>(g);
}

// Creates `layer` in `ds` and copies all rows into it, inside transactions.
void copy_layer(GDALDataset& ds, const LayerData& layer, const std::string& path, CSLConstList options) {
  OGRSpatialReference wgs84;
  wgs84.importFromEPSG(4326);
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  detail::GdalErrorCapture errors;
  OGRLayer* out = ds.CreateLayer(layer.name.c_str(), layer.geometry == GeometryKind::None ? nullptr : &wgs84,
                                 ogr_type(layer.geometry), const_cast<char**>(options));
  if (out == nullptr) throw Error("cannot create layer: " + errors.last_error(), {.file = path, .layer = layer.name});
  for (const FieldDef& f : layer.fields) {
    OGRFieldDefn defn(f.name.c_str(), ogr_field_type(f.type));
    if (out->CreateField(&defn) != OGRERR_NONE)
      throw Error("cannot create field: " + errors.last_error(), {.file = path, .layer = layer.name, .field = f.name});
  }
  const bool transactions = ds.TestCapability(ODsCTransactions);
  constexpr std::size_t kBatch = 100000;
  for (std::size_t row = 0; row < layer.size(); ++row) {
    if (transactions && row % kBatch == 0) ds.StartTransaction();
    OGRFeature feature(out->GetLayerDefn());
    const auto& values = layer.rows[row];
    for (std::size_t i = 0; i < layer.fields.size(); ++i) {
      const Value& v = values[i];
      const int index = static_cast<int>(i);
      if (const auto* n = std::get_if<std::int64_t>(&v)) feature.SetField(index, static_cast<GIntBig>(*n));
      else if (const auto* d = std::get_if<double>(&v)) {
        if (std::isfinite(*d)) feature.SetField(index, *d);
        else feature.SetFieldNull(index);
      } else if (const auto* s = std::get_if<std::string>(&v)) feature.SetField(index, s->c_str());
      else feature.SetFieldNull(index);
    }
    if (layer.geometry != GeometryKind::None) {
      if (auto g = to_ogr(layer, row)) feature.SetGeometryDirectly(g.release());
    }
    if (out->CreateFeature(&feature) != OGRERR_NONE)
      throw Error("cannot write feature: " + errors.last_error(),
                  {.file = path, .layer = layer.name, .record = static_cast<std::int64_t>(row + 1)});
    if (transactions && (row % kBatch == kBatch - 1 || row + 1 == layer.size())) {
      if (ds.CommitTransaction() != OGRERR_NONE)
        throw Error("cannot commit: " + errors.last_error(), {.file = path, .layer = layer.name});
    }
  }
}

std::string csv_quote(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string format_real(double value, int decimals) {
  if (!std::isfinite(value)) return {};
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  std::string s = buffer;
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

}  // namespace

int LayerData::field_index(const std::string& field) const {
  for (std::size_t i = 0; i < fields.size(); ++i)
    if (fields[i].name == field) return static_cast<int>(i);
  return -1;
}

OutputFormat output_format_for(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".geojson" || ext == ".json") return OutputFormat::GeoJSON;
  if (ext == ".gpkg") return OutputFormat::GeoPackage;
  if (ext == ".csv") return OutputFormat::CSV;
  throw Error("unknown output format '" + ext + "'", {.file = path}, "use a .geojson, .gpkg or .csv file name");
}

void write_geojson(const std::string& path, const LayerData& layer, const WriteOptions& options) {
  AtomicFile file(path);
  {
    DatasetPtr ds = create_dataset("GeoJSON", file.temporary_path());
    const std::string precision = "COORDINATE_PRECISION=" + std::to_string(options.precision);
    const std::string description = "DESCRIPTION=" + options.description;
    const char* layer_options[] = {"RFC7946=YES", precision.c_str(), "WRITE_NAME=NO", "SIGNIFICANT_FIGURES=15",
                                   options.description.empty() ? nullptr : description.c_str(), nullptr};
    copy_layer(*ds, layer, path, layer_options);
    detail::GdalErrorCapture errors;
    ds->FlushCache();
    if (!errors.last_error().empty()) throw Error("write failed: " + errors.last_error(), {.file = path});
  }
  file.commit();
}

void write_geopackage(const std::string& path, const std::vector<const LayerData*>& layers) {
  AtomicFile file(path);
  {
    // Fixed timestamps in gpkg_contents so equal content gives equal bytes.
    CPLConfigOptionSetter fixed_date("OGR_CURRENT_DATE", "2000-01-01T00:00:00.000Z", false);
    DatasetPtr ds = create_dataset("GPKG", file.temporary_path());
    for (const LayerData* layer : layers) {
      const char* layer_options[] = {"FID=fid", "GEOMETRY_NAME=geom", "SPATIAL_INDEX=YES", nullptr};
      copy_layer(*ds, *layer, path, layer_options);
    }
    detail::GdalErrorCapture errors;
    ds->FlushCache();
    if (!errors.last_error().empty()) throw Error("write failed: " + errors.last_error(), {.file = path});
  }
  file.commit();
}

std::string csv_text(const LayerData& layer, const WriteOptions& options) {
  std::string out;
  std::string header;
  for (const FieldDef& f : layer.fields) header += (header.empty() ? "" : ",") + csv_quote(f.name);
  const bool points = layer.geometry == GeometryKind::Point;
  const bool wkt = layer.geometry == GeometryKind::Line || layer.geometry == GeometryKind::Polygon;
  if (points) header += std::string(header.empty() ? "" : ",") + "lon,lat";
  if (wkt) header += std::string(header.empty() ? "" : ",") + "wkt";
  out += header + "\r\n";
  for (std::size_t row = 0; row < layer.size(); ++row) {
    std::string line;
    for (std::size_t i = 0; i < layer.fields.size(); ++i) {
      if (i > 0) line += ',';
      const Value& v = layer.rows[row][i];
      if (const auto* d = std::get_if<double>(&v)) line += format_real(*d, 10);
      else line += csv_quote(to_text(v));
    }
    if (points) {
      const Point p = layer.points[row];
      if (!layer.fields.empty()) line += ',';
      if (!std::isnan(p.x)) line += format_real(p.x, options.precision) + "," + format_real(p.y, options.precision);
      else line += ",";
    }
    if (wkt) {
      if (!layer.fields.empty()) line += ',';
      if (row < layer.shapes.size() && !layer.shapes[row].is_null())
        line += csv_quote(layer.shapes[row].to_wkt(options.precision));
    }
    out += line + "\r\n";
  }
  return out;
}

void write_csv(const std::string& path, const LayerData& layer, const WriteOptions& options) {
  write_file_atomically(path, csv_text(layer, options));
}

void write_layer(const std::string& path, const LayerData& layer, const WriteOptions& options) {
  switch (output_format_for(path)) {
    case OutputFormat::GeoJSON: write_geojson(path, layer, options); break;
    case OutputFormat::GeoPackage: write_geopackage(path, {&layer}); break;
    case OutputFormat::CSV: write_csv(path, layer, options); break;
  }
}

}  // namespace geo

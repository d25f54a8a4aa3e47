#include "geo/vector_reader.hpp"

#include <cpl_conv.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>
#include <proj.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <regex>

#include "geo/detail/arrow_stream.hpp"
#include "geo/detail/gdal_errors.hpp"
#include "geo/error.hpp"
#include "geo/huge_pages.hpp"
#include "geo/text_encoding.hpp"

namespace geo {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string extension_of(const std::string& source) {
  return lower(std::filesystem::path(source).extension().string());
}

void register_drivers() {
  static const bool done = [] {
    GDALAllRegister();
    return true;
  }();
  (void)done;
}

GeometryType from_ogr(OGRwkbGeometryType type) {
  switch (wkbFlatten(type)) {
    case wkbPoint: return GeometryType::Point;
    case wkbLineString: return GeometryType::LineString;
    case wkbPolygon: return GeometryType::Polygon;
    case wkbMultiPoint: return GeometryType::MultiPoint;
    case wkbMultiLineString: return GeometryType::MultiLineString;
    case wkbMultiPolygon: return GeometryType::MultiPolygon;
    case wkbGeometryCollection: return GeometryType::Collection;
    case wkbCurvePolygon:
    case wkbMultiSurface: return GeometryType::MultiPolygon;
    case wkbCircularString:
    case wkbCompoundCurve:
    case wkbMultiCurve: return GeometryType::MultiLineString;
    default: return GeometryType::Other;
  }
}

GeometryKind kind_of(OGRwkbGeometryType type) {
  switch (wkbFlatten(type)) {
    case wkbNone: return GeometryKind::None;
    case wkbPoint:
    case wkbMultiPoint: return GeometryKind::Point;
    case wkbLineString:
    case wkbMultiLineString:
    case wkbCircularString:
    case wkbCompoundCurve:
    case wkbMultiCurve: return GeometryKind::Line;
    case wkbPolygon:
    case wkbMultiPolygon:
    case wkbCurvePolygon:
    case wkbMultiSurface: return GeometryKind::Polygon;
    default: return GeometryKind::Mixed;
  }
}

std::string describe_crs(const OGRSpatialReference& srs) {
  std::string name = srs.GetName() ? srs.GetName() : "unnamed CRS";
  const char* authority = srs.GetAuthorityName(nullptr);
  const char* code = srs.GetAuthorityCode(nullptr);
  if (authority && code) name += std::string(" (") + authority + ":" + code + ")";
  return name;
}

struct FeatureDeleter {
  void operator()(OGRFeature* f) const { OGRFeature::DestroyFeature(f); }
};
using FeaturePtr = std::unique_ptr<OGRFeature, FeatureDeleter>;

struct DatasetCloser {
  void operator()(GDALDataset* ds) const { GDALClose(ds); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

std::vector<std::string> open_options_for(const std::string& source, const ReadOptions& options, bool raw_text) {
  std::vector<std::string> out;
  const std::string ext = extension_of(source);
  if (ext == ".csv" || ext == ".tsv" || ext == ".txt") {
    // Every CSV column as text: localmap parses coordinates itself so a bad
    // value becomes a rejection with a reason, not a silent null.
    out.emplace_back("AUTODETECT_TYPE=NO");
    out.emplace_back("KEEP_GEOM_COLUMNS=YES");
  }
  if (ext == ".xlsx" || ext == ".ods") {
    out.emplace_back("FIELD_TYPES=AUTO");
  }
  if (raw_text) out.emplace_back("ENCODING=");  // Shapefile: hand us the DBF bytes undecoded
  (void)options;
  return out;
}

// The passwords written in a connection string: the values of password=...
// and the password part of a postgresql:// URI.  An unquoted value runs on
// over the following words that are not key=value, each of them a password
// too: "password=two words" is a typo libpq reports by echoing "words".
std::vector<std::string> passwords_in(const std::string& source) {
  static const std::regex keyword(R"(password\s*=\s*(?:'([^']*)'|(\S+(?:\s+[^\s=]+)*)))", std::regex::icase);
  static const std::regex uri(R"((?:postgres|postgresql)://[^:/@\s]+:([^@\s]+)@)", std::regex::icase);
  static const std::regex word(R"(\S+)");
  std::vector<std::string> out;
  for (const std::regex* re : {&keyword, &uri})
    for (std::sregex_iterator m(source.begin(), source.end(), *re), end; m != end; ++m)
      for (std::size_t g = 1; g < m->size(); ++g) {
        if (!(*m)[g].matched || (*m)[g].length() == 0) continue;
        const std::string value = (*m)[g].str();
        out.push_back(value);
        for (std::sregex_iterator w(value.begin(), value.end(), word); w != end; ++w) out.push_back(w->str());
      }
  // Longest first, so that a whole value is masked before its words.
  std::sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return out;
}

// A driver's message about `source`, safe and fit for a geo::Error: on one
// line (the capture already did that) and without any password, including
// one echoed bare, as libpq does in "missing \"=\" after \"...\"" for a
// password with a space in it.  Very short passwords (under three characters)
// are masked only where written as password=..., so that masking them does
// not shred the message.
std::string safe_message(const std::string& message, const std::string& source) {
  std::string out = mask_credentials(detail::one_line(message));
  for (const std::string& password : passwords_in(source)) {
    if (password.size() < 3) continue;
    for (std::size_t at = out.find(password); at != std::string::npos; at = out.find(password, at + 3))
      out.replace(at, password.size(), "***");
  }
  return out;
}

DatasetPtr open_dataset(const std::string& source, const std::vector<std::string>& open_options) {
  register_drivers();
  if (!is_database_source(source) && source.rfind("/vsi", 0) != 0 && !std::filesystem::exists(source))
    throw Error("file not found", {.file = source}, "check the path (relative paths are relative to the project file)");
  std::vector<const char*> opts;
  for (const std::string& o : open_options) opts.push_back(o.c_str());
  opts.push_back(nullptr);
  detail::GdalErrorCapture errors;
  auto* ds = static_cast<GDALDataset*>(
      GDALOpenEx(source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, opts.data(), nullptr));
  if (ds == nullptr) {
    const std::string where = safe_message(source, source);
    if (is_database_source(source)) {
      const std::string why = errors.last_error().empty() ? "no GDAL driver answered" : errors.last_error();
      throw Error("cannot connect to the database: " + safe_message(why, source), {.file = where},
                  "check host, port, dbname, user and password in the connection string (or PGPASSWORD, "
                  "~/.pgpass), and that the server accepts connections from this machine");
    }
    std::error_code size_error;
    if (std::filesystem::is_regular_file(source, size_error) && std::filesystem::file_size(source, size_error) == 0 &&
        !size_error)
      throw Error("the file is empty (0 bytes)", {.file = where}, "was it saved or copied completely?");
    const std::string why = errors.last_error().empty() ? "no GDAL vector driver recognises it" : errors.last_error();
    throw Error("cannot open as a vector source: " + safe_message(why, source), {.file = where},
                "`localmap inspect` lists what GDAL can read; `ogrinfo --formats` lists the drivers");
  }
  return DatasetPtr(ds);
}

std::string layer_list(GDALDataset& ds) {
  std::string names;
  for (int i = 0; i < ds.GetLayerCount(); ++i) {
    if (!names.empty()) names += ", ";
    names += ds.GetLayer(i)->GetName();
  }
  return names;
}

}  // namespace

std::string mask_credentials(const std::string& source) {
  static const std::regex keyword(R"((password\s*=\s*)('[^']*'|\S+))", std::regex::icase);
  static const std::regex uri(R"(((?:postgres|postgresql)://[^:/@\s]+:)([^@\s]+)@)", std::regex::icase);
  std::string out = std::regex_replace(source, keyword, "$1***");
  return std::regex_replace(out, uri, "$1***@");
}

bool is_database_source(const std::string& source) {
  const std::string l = lower(source.substr(0, 16));
  return l.rfind("pg:", 0) == 0 || l.rfind("postgresql://", 0) == 0 || l.rfind("postgres://", 0) == 0 ||
         l.rfind("mysql:", 0) == 0 || l.rfind("oci:", 0) == 0 || l.rfind("mssql:", 0) == 0;
}

struct VectorReader::Impl {
  std::string source;  // masked
  std::string path;    // as given
  ReadOptions options;
  DatasetPtr dataset;
  OGRLayer* layer = nullptr;
  bool sql_layer = false;
  std::string layer_name;
  std::string driver;
  std::vector<FieldDef> fields;
  std::vector<OGRFieldType> ogr_types;
  GeometryKind declared = GeometryKind::None;
  std::string crs_name;
  bool crs_assumed = false;
  std::unique_ptr<OGRCoordinateTransformation> transform;
  std::unique_ptr<TextDecoder> decoder;
  std::string encoding_name;
  std::vector<std::string> warnings;
  // Per-feature state during for_each.
  std::int64_t record = 0;
  bool transform_failed = false;

  ~Impl() {
    if (sql_layer && layer != nullptr) dataset->ReleaseResultSet(layer);
  }

  Where where(int field = -1) const {
    Where w{.file = source, .layer = layer_name, .record = record};
    if (field >= 0) w.field = fields[static_cast<std::size_t>(field)].name;
    return w;
  }

  std::string decode(const char* raw, int field) const {
    std::optional<std::string> text = decoder->decode(raw);
    if (!text) {
      if (is_utf8_encoding(encoding_name))
        throw Error("text is not valid UTF-8", where(field),
                    "set `encoding:` for this layer (for example CP1256 for Windows Arabic, ISO-8859-6)");
      throw Error("text is not valid " + encoding_name, where(field),
                  is_valid_utf8(raw) ? "the bytes are valid UTF-8: set `encoding: UTF-8` for this layer"
                                     : "set `encoding:` for this layer to the text's real encoding");
    }
    if (!is_utf8_encoding(encoding_name) && has_control_characters(*text))
      throw Error("decoding as " + encoding_name + " gives control characters, so that is not the text's encoding",
                  where(field),
                  is_valid_utf8(raw) ? "the bytes are valid UTF-8: set `encoding: UTF-8` for this layer"
                                     : "set `encoding:` for this layer to the real encoding");
    return *text;
  }
};

VectorReader::VectorReader(const std::string& source, const ReadOptions& options) : impl_(std::make_unique<Impl>()) {
  Impl& r = *impl_;
  r.source = mask_credentials(source);
  r.path = source;
  r.options = options;
  const bool shapefile = extension_of(source) == ".shp" || extension_of(source) == ".dbf";

  // Shapefiles: learn the declared encoding (.cpg or DBF language id) from
  // GDAL, then reopen undecoded and decode strictly ourselves.
  std::string declared_encoding;
  if (shapefile) {
    DatasetPtr probe = open_dataset(source, {});
    OGRLayer* layer = probe->GetLayerCount() > 0 ? probe->GetLayer(0) : nullptr;
    if (layer != nullptr) {
      const char* enc = layer->GetMetadataItem("SOURCE_ENCODING", "SHAPEFILE");
      if (enc != nullptr) declared_encoding = enc;
    }
  }
  r.dataset = open_dataset(source, open_options_for(source, options, shapefile));
  r.driver = r.dataset->GetDriver() ? r.dataset->GetDriver()->GetDescription() : "unknown";

  if (!options.sql.empty()) {
    detail::GdalErrorCapture errors;
    r.layer = r.dataset->ExecuteSQL(options.sql.c_str(), nullptr, nullptr);
    if (r.layer == nullptr)
      throw Error("SQL query failed: " + safe_message(errors.last_error(), r.path), {.file = r.source},
                  "check the `sql:` of this layer in the project file");
    r.sql_layer = true;
  } else if (!options.layer.empty()) {
    r.layer = r.dataset->GetLayerByName(options.layer.c_str());
    if (r.layer == nullptr)
      throw Error("unknown layer '" + options.layer + "'", {.file = r.source},
                  "layers in this source: " + layer_list(*r.dataset));
  } else {
    const int count = r.dataset->GetLayerCount();
    if (count == 0) throw Error("the source has no layers", {.file = r.source});
    if (count > 1)
      throw Error("the source has " + std::to_string(count) + " layers; say which one to read", {.file = r.source},
                  "set `layer:` (or --layer); layers: " + layer_list(*r.dataset));
    r.layer = r.dataset->GetLayer(0);
  }
  r.layer_name = r.layer->GetName();

  OGRFeatureDefn* defn = r.layer->GetLayerDefn();
  for (int i = 0; i < defn->GetFieldCount(); ++i) {
    OGRFieldDefn* fd = defn->GetFieldDefn(i);
    FieldType type = FieldType::String;
    if (!options.text_fields) {
      if (fd->GetType() == OFTInteger || fd->GetType() == OFTInteger64) type = FieldType::Integer;
      else if (fd->GetType() == OFTReal) type = FieldType::Real;
    }
    r.fields.push_back({fd->GetNameRef(), type});
    r.ogr_types.push_back(fd->GetType());
  }
  r.declared = kind_of(r.layer->GetGeomType());

  // Text encoding.
  if (!options.encoding.empty()) r.encoding_name = canonical_encoding(options.encoding);
  else if (!declared_encoding.empty()) r.encoding_name = canonical_encoding(declared_encoding);
  else r.encoding_name = "UTF-8";
  r.decoder = std::make_unique<TextDecoder>(r.encoding_name);

  // CRS.
  OGRSpatialReference target;
  target.importFromEPSG(4326);
  target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  std::unique_ptr<OGRSpatialReference> source_srs;
  if (!options.crs.empty()) {
    source_srs = std::make_unique<OGRSpatialReference>();
    detail::GdalErrorCapture quiet;  // the message below says it better
    if (source_srs->SetFromUserInput(options.crs.c_str()) != OGRERR_NONE)
      throw Error("unknown CRS '" + options.crs + "'", {.file = r.source, .layer = r.layer_name},
                  "give an EPSG code such as EPSG:4326 or EPSG:32638, or a PROJ/WKT definition");
  } else if (const OGRSpatialReference* srs = r.layer->GetSpatialRef()) {
    source_srs.reset(srs->Clone());
  }
  if (source_srs == nullptr) {
    r.crs_assumed = r.declared != GeometryKind::None || extension_of(source) == ".csv";
    r.crs_name = "WGS 84 (EPSG:4326), assumed";
    if (r.declared != GeometryKind::None)
      r.warnings.push_back("no CRS declared; coordinates are taken as WGS84 longitude/latitude");
  } else {
    source_srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    r.crs_name = describe_crs(*source_srs);
    const char* options_same[] = {"IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES", "CRITERION=EQUIVALENT", nullptr};
    if (!source_srs->IsSame(&target, options_same)) {
      detail::GdalErrorCapture errors;
      r.transform.reset(OGRCreateCoordinateTransformation(source_srs.get(), &target));
      if (r.transform == nullptr)
        throw Error("cannot transform from CRS '" + r.crs_name + "' to WGS84: " + errors.last_error(),
                    {.file = r.source, .layer = r.layer_name},
                    "set `crs:` for this layer to a CRS PROJ knows (for example EPSG:32638)");
    }
  }
}

VectorReader::~VectorReader() = default;

const std::string& VectorReader::source() const { return impl_->source; }
const std::string& VectorReader::layer_name() const { return impl_->layer_name; }
const std::string& VectorReader::driver() const { return impl_->driver; }
const std::vector<FieldDef>& VectorReader::fields() const { return impl_->fields; }
GeometryKind VectorReader::declared_geometry() const { return impl_->declared; }
std::string VectorReader::crs_name() const { return impl_->crs_name; }
bool VectorReader::crs_assumed() const { return impl_->crs_assumed; }
const std::string& VectorReader::encoding() const { return impl_->encoding_name; }
const std::vector<std::string>& VectorReader::warnings() const { return impl_->warnings; }

int VectorReader::field_index(const std::string& name) const {
  const auto& fields = impl_->fields;
  for (std::size_t i = 0; i < fields.size(); ++i)
    if (fields[i].name == name) return static_cast<int>(i);
  for (std::size_t i = 0; i < fields.size(); ++i)
    if (lower(fields[i].name) == lower(name)) return static_cast<int>(i);
  return -1;
}

std::int64_t VectorReader::feature_count() const {
  const GIntBig n = impl_->layer->GetFeatureCount(FALSE);
  return n;
}

void VectorReader::for_each(const std::function<bool(const FeatureView&)>& visit) {
  Impl& r = *impl_;
  r.layer->ResetReading();
  r.record = 0;
  detail::GdalErrorCapture errors;
  while (true) {
    FeaturePtr feature(r.layer->GetNextFeature());
    if (!feature) {
      if (!errors.last_error().empty())
        throw Error("reading failed after record " + std::to_string(r.record) + ": " +
                        safe_message(errors.last_error(), r.path),
                    {.file = r.source, .layer = r.layer_name});
      break;
    }
    ++r.record;
    r.transform_failed = false;
    if (OGRGeometry* g = feature->GetGeometryRef(); g != nullptr && r.transform != nullptr) {
      if (g->transform(r.transform.get()) != OGRERR_NONE) r.transform_failed = true;
    }
    if (!visit(FeatureView(feature.get(), &r))) break;
  }
}

// ---- FeatureView ----

namespace {
const OGRFeature& feat(const void* p) { return *static_cast<const OGRFeature*>(p); }
}  // namespace

std::int64_t FeatureView::record() const { return reader_->record; }
std::int64_t FeatureView::fid() const { return feat(feature_).GetFID(); }

bool FeatureView::is_null(int field) const {
  return !const_cast<OGRFeature&>(feat(feature_)).IsFieldSetAndNotNull(field);
}

std::string FeatureView::text(int field) const {
  if (is_null(field)) return {};
  auto& f = const_cast<OGRFeature&>(feat(feature_));
  const OGRFieldType type = reader_->ogr_types[static_cast<std::size_t>(field)];
  if (type == OFTDate || type == OFTDateTime) {
    int y, m, d, hh, mm, tz;
    float ss;
    f.GetFieldAsDateTime(field, &y, &m, &d, &hh, &mm, &ss, &tz);
    char buffer[40];
    if (type == OFTDate || (hh == 0 && mm == 0 && ss == 0))
      std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", y, m, d);
    else
      std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d", y, m, d, hh, mm, static_cast<int>(ss));
    return buffer;
  }
  if (type == OFTString || type == OFTStringList) return reader_->decode(f.GetFieldAsString(field), field);
  return f.GetFieldAsString(field);
}

Value FeatureView::value(int field) const {
  if (is_null(field)) return std::monostate{};
  auto& f = const_cast<OGRFeature&>(feat(feature_));
  switch (reader_->fields[static_cast<std::size_t>(field)].type) {
    case FieldType::Integer: return static_cast<std::int64_t>(f.GetFieldAsInteger64(field));
    case FieldType::Real: return f.GetFieldAsDouble(field);
    case FieldType::String: return text(field);
  }
  return std::monostate{};
}

bool FeatureView::has_geometry() const {
  const OGRGeometry* g = feat(feature_).GetGeometryRef();
  return g != nullptr && !g->IsEmpty() && !reader_->transform_failed;
}

bool FeatureView::geometry_transform_failed() const { return reader_->transform_failed; }

GeometryType FeatureView::geometry_type() const {
  const OGRGeometry* g = feat(feature_).GetGeometryRef();
  return g == nullptr ? GeometryType::Other : from_ogr(g->getGeometryType());
}

namespace {

// The first part of `g` whose type GEOS cannot take (TIN, polyhedral
// surface, triangle, ...), or wkbNone when every part is a point, line or
// polygon or a collection of them.  Run after curves are linearised.
OGRwkbGeometryType unsupported_part(const OGRGeometry& g) {
  const OGRwkbGeometryType type = wkbFlatten(g.getGeometryType());
  switch (type) {
    case wkbPoint:
    case wkbLineString:
    case wkbPolygon: return wkbNone;
    case wkbMultiPoint:
    case wkbMultiLineString:
    case wkbMultiPolygon:
    case wkbGeometryCollection:
      for (const OGRGeometry* part : *g.toGeometryCollection())
        if (const OGRwkbGeometryType t = unsupported_part(*part); t != wkbNone) return t;
      return wkbNone;
    default: return type;
  }
}

// `source` (a geometry of the reader's current record) as GEOS, 2D, curves linearised.
Geometry to_geometry(const OGRGeometry& source, const VectorReader::Impl& reader) {
  std::unique_ptr<OGRGeometry> linear(source.hasCurveGeometry() ? source.getLinearGeometry() : source.clone());
  // GEOS would fail on these as "Unknown WKB type 16", saying neither what
  // nor where; say both.
  if (const OGRwkbGeometryType bad = unsupported_part(*linear); bad != wkbNone) {
    const std::string name = OGRGeometryTypeToName(bad);
    const std::string whole = OGRGeometryTypeToName(wkbFlatten(source.getGeometryType()));
    throw Error("geometry type " + name + " is not supported" + (whole == name ? "" : " (in a " + whole + ")") +
                    "; localmap reads points, lines and polygons (curved ones are made straight)",
                {.file = reader.source, .layer = reader.layer_name, .record = reader.record},
                "convert the layer first, e.g. `ogr2ogr -nlt MULTIPOLYGON -dim XY out.gpkg <source>` for a TIN or "
                "polyhedral surface");
  }
  linear->flattenTo2D();
  std::vector<unsigned char> wkb(static_cast<std::size_t>(linear->WkbSize()));
  linear->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
  return Geometry::from_wkb(wkb);
}

// The point of a geometry, as FeatureView::point() takes it: a point, or a
// multipoint of one point.
std::optional<Point> point_of(const OGRGeometry& g) {
  const OGRwkbGeometryType type = wkbFlatten(g.getGeometryType());
  if (type == wkbPoint) return Point{g.toPoint()->getX(), g.toPoint()->getY()};
  if (type == wkbMultiPoint && g.toMultiPoint()->getNumGeometries() == 1) {
    const auto* p = g.toMultiPoint()->getGeometryRef(0);
    return Point{p->getX(), p->getY()};
  }
  return std::nullopt;
}

// A little-endian ISO or extended WKB point, read without building a
// geometry (nearly every record of a point layer); nullopt for anything else.
std::optional<Point> wkb_point(std::string_view wkb) {
  if (wkb.size() < 21 || wkb[0] != 1) return std::nullopt;
  std::uint32_t type;
  std::memcpy(&type, wkb.data() + 1, 4);
  if (type != 1 && type != 1001 && type != 2001 && type != 3001 && type != 0x80000001u) return std::nullopt;
  Point p;
  std::memcpy(&p.x, wkb.data() + 5, 8);
  std::memcpy(&p.y, wkb.data() + 13, 8);
  if (std::isnan(p.x) && std::isnan(p.y)) return std::nullopt;  // POINT EMPTY: OGR's way below
  return p;
}

}  // namespace

std::optional<Point> FeatureView::point() const {
  if (!has_geometry()) return std::nullopt;
  return point_of(*feat(feature_).GetGeometryRef());
}

Geometry FeatureView::geometry() const {
  if (!has_geometry()) return Geometry();
  return to_geometry(*feat(feature_).GetGeometryRef(), *reader_);
}

std::optional<VectorReader::ColumnRead> VectorReader::read_columns() {
  Impl& r = *impl_;
  // GeoPackage, and FlatGeobuf without integer fields: GDAL 3.6.2's
  // FlatGeobuf stream gave a value for a null integer in the differential
  // test (tests/engine/arrow_load_test.cpp).  Shapefiles have no fast stream
  // in GDAL 3.6 (arrow_stream.cpp declines the generic one).
  bool integers = false;
  for (OGRFieldType t : r.ogr_types) {
    if (t != OFTInteger && t != OFTInteger64 && t != OFTReal && t != OFTString) return std::nullopt;
    integers = integers || t == OFTInteger || t == OFTInteger64;
  }
  const bool streamable = r.driver == "GPKG" || (r.driver == "FlatGeobuf" && !integers);
  if (!streamable || r.sql_layer || r.transform != nullptr || !is_utf8_encoding(r.encoding_name) || r.options.text_fields)
    return std::nullopt;
  std::vector<FieldType> types;
  for (const FieldDef& f : r.fields) types.push_back(f.type);
  ColumnRead out;
  detail::ArrowSink sink;
  sink.text = [&](std::size_t row, int field, std::string_view bytes, Columns& into) {
    bytes = bytes.substr(0, bytes.find('\0'));  // GDAL's feature text ends at a NUL
    if (is_valid_utf8(bytes)) return into.push_text(bytes);
    r.record = static_cast<std::int64_t>(row) + 1;
    into.push_text(r.decode(std::string(bytes).c_str(), field));  // throws, naming record and field
  };
  sink.geometry = [&](std::size_t row, std::string_view wkb) {
    if (wkb.empty()) {
      out.not_points.emplace_back(row, std::string());
      return;
    }
    if (const auto p = wkb_point(wkb)) {
      out.points.resize(row + 1);
      out.points[row] = *p;
      return;
    }
    r.record = static_cast<std::int64_t>(row) + 1;
    OGRGeometry* made = nullptr;
    if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &made, wkb.size(), wkbVariantIso) != OGRERR_NONE)
      throw Error("a geometry in GDAL's Arrow stream is not valid WKB", r.where());
    const std::unique_ptr<OGRGeometry> g(made);
    if (g->IsEmpty()) {
      out.not_points.emplace_back(row, std::string());
      return;
    }
    if (const auto p = point_of(*g)) {
      out.points.resize(row + 1);
      out.points[row] = *p;
      return;
    }
    out.not_points.emplace_back(row, to_geometry(*g, r).type_name());
  };
  // The points at their final size from the start, in huge pages, rather
  // than grown by doubling: a GeoPackage keeps its feature count (trusted up
  // to what the file could hold, 29 bytes a point at least).
  std::error_code no_size;
  const auto file_bytes = std::filesystem::file_size(r.dataset->GetDescription(), no_size);
  if (const GIntBig count = r.layer->GetFeatureCount(FALSE); count > 0 && !no_size)
    reserve_fresh(out.points, std::min(static_cast<std::size_t>(count), static_cast<std::size_t>(file_bytes / 29)));
  auto values = detail::read_arrow_stream(*r.layer, types, sink);
  if (!values) return std::nullopt;
  out.values = std::move(*values);
  out.points.resize(out.values.size(), Point{std::nan(""), std::nan("")});
  return out;
}

// ---- describe ----

SourceDescription describe_source(const std::string& source, const ReadOptions& options) {
  SourceDescription out;
  out.source = mask_credentials(source);
  std::vector<std::string> layers;
  {
    DatasetPtr ds = open_dataset(source, open_options_for(source, options, false));
    out.driver = ds->GetDriver() ? ds->GetDriver()->GetDescription() : "unknown";
    for (int i = 0; i < ds->GetLayerCount(); ++i) layers.emplace_back(ds->GetLayer(i)->GetName());
  }
  for (const std::string& name : layers) {
    if (!options.layer.empty() && name != options.layer) continue;
    ReadOptions layer_options = options;
    layer_options.layer = name;
    VectorReader reader(source, layer_options);
    LayerDescription d;
    d.name = name;
    d.crs = reader.crs_name();
    d.fields = reader.fields();
    const GeometryKind kind = reader.declared_geometry();
    d.geometry_type = kind == GeometryKind::None      ? "none"
                      : kind == GeometryKind::Point   ? "point"
                      : kind == GeometryKind::Line    ? "line"
                      : kind == GeometryKind::Polygon ? "polygon"
                                                      : "mixed/unknown";
    reader.for_each([&](const FeatureView& f) {
      ++d.feature_count;
      if (!f.has_geometry()) {
        ++d.null_geometries;
        return true;
      }
      if (auto p = f.point()) {
        d.extent.expand(*p);
        return true;
      }
      Geometry g = f.geometry();
      d.extent.expand(g.envelope());
      std::string reason;
      if (!g.is_valid(&reason)) {
        ++d.invalid_geometries;
        if (d.invalid_examples.size() < 5) d.invalid_examples.push_back("record " + std::to_string(f.record()) + ": " + reason);
      }
      return true;
    });
    out.layers.push_back(std::move(d));
  }
  if (!options.layer.empty() && out.layers.empty())
    throw Error("unknown layer '" + options.layer + "'", {.file = out.source});
  return out;
}

std::string gdal_version() { return GDALVersionInfo("RELEASE_NAME"); }

std::string proj_version() { return proj_info().release; }

}  // namespace geo

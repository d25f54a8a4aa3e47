#include "point_files.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>

#include "geo/error.hpp"
#include "geo/vector_writer.hpp"

namespace bench {
namespace {

constexpr const char* kHeader = "id,lon,lat\n";

// A coordinate with 7 decimals when they give back the same double (random
// and clustered points are rounded to 7), else the shortest text that does
// (border points), so the CSV always carries the exact points.
char* coordinate(char* at, char* end, double v) {
  char* seven = std::to_chars(at, end, v, std::chars_format::fixed, 7).ptr;
  double back = 0;
  if (std::from_chars(at, seven, back).ptr == seven && back == v) return seven;
  return std::to_chars(at, end, v).ptr;
}

// One CSV data line, "id,lon,lat\n" (std::to_chars: no locale, no printf
// parsing; several times faster for 10^7 lines).
std::string csv_line(std::size_t index, geo::Point p) {
  char buffer[96];
  char* end = buffer + sizeof buffer;
  char* at = std::to_chars(buffer, end, index + 1).ptr;
  *at++ = ',';
  at = coordinate(at, end, p.x);
  *at++ = ',';
  at = coordinate(at, end, p.y);
  *at++ = '\n';
  return std::string(buffer, at);
}

// The CSV is reused when it has the right header, first and last line and
// exactly n data lines: a different seed, extent or size fails one of these.
bool csv_holds(const std::string& path, const std::vector<geo::Point>& points) {
  std::ifstream in(path, std::ios::binary);
  if (!in || points.empty()) return false;
  const std::string head = kHeader + csv_line(0, points.front());
  const std::string tail = csv_line(points.size() - 1, points.back());
  std::string buffer(head.size(), '\0');
  if (!in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || buffer != head) return false;
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < static_cast<std::streamoff>(tail.size())) return false;
  in.seekg(size - static_cast<std::streamoff>(tail.size()));
  buffer.assign(tail.size(), '\0');
  if (!in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || buffer != tail) return false;
  in.clear();
  in.seekg(0);
  std::size_t lines = 0;
  std::vector<char> chunk(1 << 20);
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    for (std::streamsize i = 0; i < in.gcount(); ++i) lines += chunk[static_cast<std::size_t>(i)] == '\n';
  }
  return lines == points.size() + 1;
}

void write_csv(const std::string& path, const std::vector<geo::Point>& points) {
  // Written beside the target and renamed, so an interrupted run leaves no
  // half file that a later run could take for a complete one.
  const std::string temporary = path + ".partial";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw geo::Error("cannot create the points CSV", {.file = temporary});
    std::string block = kHeader;
    for (std::size_t i = 0; i < points.size(); ++i) {
      block += csv_line(i, points[i]);
      if (block.size() > (1 << 20)) {
        out.write(block.data(), static_cast<std::streamsize>(block.size()));
        block.clear();
      }
    }
    out.write(block.data(), static_cast<std::streamsize>(block.size()));
    if (!out.flush()) throw geo::Error("cannot write the points CSV", {.file = temporary});
  }
  std::filesystem::rename(temporary, path);
}

using DatasetPtr = GDALDatasetUniquePtr;

DatasetPtr open(const std::string& path, bool update) {
  GDALAllRegister();
  return DatasetPtr(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | (update ? GDAL_OF_UPDATE : GDAL_OF_READONLY),
                                      nullptr, nullptr, nullptr));
}

bool same_point(OGRLayer& layer, GIntBig fid, geo::Point expected) {
  std::unique_ptr<OGRFeature> f(layer.GetFeature(fid));
  if (!f || f->GetGeometryRef() == nullptr || wkbFlatten(f->GetGeometryRef()->getGeometryType()) != wkbPoint) return false;
  const auto* p = f->GetGeometryRef()->toPoint();
  return p->getX() == expected.x && p->getY() == expected.y;
}

// The GeoPackage is reused when its `points` layer has n features whose
// first (fid 1) and last (fid n) points are the expected ones.
bool gpkg_holds(const std::string& path, const std::vector<geo::Point>& points) {
  if (!std::filesystem::exists(path) || points.empty()) return false;
  CPLErrorHandlerPusher quiet(CPLQuietErrorHandler);  // a missing or foreign file is just "not reusable"
  DatasetPtr ds = open(path, false);
  OGRLayer* layer = ds ? ds->GetLayerByName("points") : nullptr;
  if (layer == nullptr || layer->GetFeatureCount() != static_cast<GIntBig>(points.size())) return false;
  return same_point(*layer, 1, points.front()) && same_point(*layer, static_cast<GIntBig>(points.size()), points.back());
}

// SQLite page cache in MiB for writing n points: about 80 bytes per point
// holds the table and its R-tree, kept under a third of the machine's memory.
std::string sqlite_cache_mib(std::size_t n) {
  const auto memory = static_cast<std::size_t>(sysconf(_SC_PHYS_PAGES)) * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  return std::to_string(std::max<std::size_t>(64, std::min(n * 80, memory / 3) >> 20));
}

void write_gpkg(const std::string& path, const std::vector<geo::Point>& points) {
  // GDAL 3.6 builds a GeoPackage's R-tree by default in a side database on a
  // second thread, with SQLite's default 2 MB page cache: at 10^8 random
  // points every insert then goes to the OS (not finished after 32 minutes
  // of R-tree inserts). Built at layer close in the main database with a
  // cache that holds it, the 10^8 uniform file took 48 minutes in all. A
  // user's own setting of either option is kept.
  const CPLConfigOptionSetter one_thread("OGR_GPKG_ALLOW_THREADED_RTREE", "NO", true);
  const CPLConfigOptionSetter cache("OGR_SQLITE_CACHE", sqlite_cache_mib(points.size()).c_str(), true);
  geo::LayerData layer;
  layer.name = "points";
  layer.geometry = geo::GeometryKind::Point;
  layer.fields = {{"id", geo::FieldType::Integer}};
  layer.rows.reserve(points.size());
  for (std::size_t i = 0; i < points.size(); ++i) layer.rows.push_back({geo::Value(static_cast<std::int64_t>(i + 1))});
  layer.points = points;
  geo::write_geopackage(path, {&layer});  // atomic, with an R-tree on the points
}

// Copies the districts into the GeoPackage once (the peer's SQL needs both
// layers and their R-trees in one database).  A partial copy left by an
// interrupted run has the wrong count and is replaced.
void add_districts(const std::string& gpkg, const std::string& districts) {
  DatasetPtr source = open(districts, false);
  if (!source || source->GetLayerCount() < 1)
    throw geo::Error("cannot open the districts", {.file = districts});
  OGRLayer* in = source->GetLayer(0);
  DatasetPtr target = open(gpkg, true);
  if (!target) throw geo::Error("cannot open for update", {.file = gpkg});
  for (int i = 0; i < target->GetLayerCount(); ++i) {
    OGRLayer* existing = target->GetLayer(i);
    if (std::string(existing->GetName()) != "districts") continue;
    if (existing->GetFeatureCount() == in->GetFeatureCount()) return;
    target->DeleteLayer(i);
    break;
  }
  const char* options[] = {"FID=fid", "GEOMETRY_NAME=geom", "SPATIAL_INDEX=YES", nullptr};
  if (target->CopyLayer(in, "districts", const_cast<char**>(options)) == nullptr)
    throw geo::Error(std::string("cannot copy the districts: ") + CPLGetLastErrorMsg(), {.file = gpkg});
}

}  // namespace

std::vector<geo::Point> random_points(std::size_t n, std::uint64_t seed, const geo::Envelope& extent) {
  std::mt19937_64 bits(seed);
  // Top 53 bits of a 64-bit draw -> a double uniform in [0, 1).
  auto unit = [&] { return static_cast<double>(bits() >> 11) * 0x1.0p-53; };
  auto decimals7 = [](double v) { return std::round(v * 1e7) / 1e7; };
  std::vector<geo::Point> points(n);
  for (geo::Point& p : points) {
    p.x = decimals7(extent.min_x + unit() * extent.width());
    p.y = decimals7(extent.min_y + unit() * extent.height());
  }
  return points;
}

PointFiles prepare_point_files(const std::string& work_dir, const std::string& stem,
                               const std::vector<geo::Point>& points, const std::string& districts) {
  std::filesystem::create_directories(work_dir);
  const std::string base = (std::filesystem::path(work_dir) / stem).string();
  PointFiles files{base + ".csv", base + ".gpkg"};
  files.reused_csv = csv_holds(files.csv, points);
  if (!files.reused_csv) write_csv(files.csv, points);
  files.reused_gpkg = gpkg_holds(files.gpkg, points);
  if (!files.reused_gpkg) write_gpkg(files.gpkg, points);
  add_districts(files.gpkg, districts);
  return files;
}

}  // namespace bench

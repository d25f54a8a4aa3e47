#include "engine/point_layer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <utility>

#include "engine/error.hpp"
#include "engine/interrupt.hpp"
#include "geo/coordinate_columns.hpp"
#include "geo/crs_transform.hpp"
#include "geo/csv_quotes.hpp"
#include "geo/huge_pages.hpp"
#include "geo/plain_csv.hpp"
#include "geo/vector_reader.hpp"

namespace fs = std::filesystem;

namespace engine {
namespace {

const std::string& role_name(const FieldRoles& f, const std::string& role) {
  static const std::string none;
  if (role == "id") return f.id;
  if (role == "name_en") return f.name_en;
  if (role == "name_ar") return f.name_ar;
  if (role == "type") return f.type;
  if (role == "status") return f.status;
  if (role == "category") return f.category;
  if (role == "date") return f.date;
  if (role == "severity") return f.severity;
  return none;
}

const char* const kFieldRoles[] = {"id", "name_en", "name_ar", "type", "status", "category", "date", "severity"};

std::string format_number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.10g", v);
  return buffer;
}

// Why a location is not a usable WGS84 longitude/latitude, or "".
std::string range_problem(geo::Point p) {
  if (!std::isfinite(p.x) || !std::isfinite(p.y)) return "coordinates are not finite numbers";
  if (p.y < -90 || p.y > 90 || p.x < -180 || p.x > 180) {
    std::string what = (p.y < -90 || p.y > 90) ? "latitude " + format_number(p.y) + " is outside [-90, 90]"
                                               : "longitude " + format_number(p.x) + " is outside [-180, 180]";
    if (std::fabs(p.x) > 1000 || std::fabs(p.y) > 1000) what += " (projected metres? set `crs:` for the layer)";
    return what;
  }
  return {};
}

// Coordinate columns leave a run only as geometry unless the layer exports
// them as attributes (`export_fields`, `localmap join`), so the others are
// not kept: for a file of points they are most of its text.
std::vector<bool> kept_fields(const PointLayer& layer) {
  std::vector<bool> keep;
  for (const geo::FieldDef& f : layer.fields) {
    const auto& location = layer.location_fields;
    keep.push_back(std::find(location.begin(), location.end(), f.name) == location.end() || layer.spec.exports_field(f.name));
  }
  return keep;
}

// One record located by its coordinate columns.
struct Location {
  geo::Point point{std::nan(""), std::nan("")};
  std::string problem;  // why it is not located, or ""
  std::string note;     // that the location is approximate, or ""
};

// `cells` holds the record's coordinate cells (the others are not read);
// `to_wgs84` is the layer's `crs:` transform, or null.
Location locate_row(const geo::CoordinateColumns& columns, const std::vector<std::string>& cells,
                    const geo::CrsTransform* to_wgs84, const std::string& crs) {
  Location at;
  geo::ParsedPoint parsed = geo::parse_point(columns, cells);
  if (parsed.point) at.point = *parsed.point;
  else at.problem = std::move(parsed.problem);
  if (parsed.point && to_wgs84) {
    at.point = to_wgs84->forward(at.point);
    if (!std::isfinite(at.point.x) || !std::isfinite(at.point.y))
      at.problem = "the location cannot be transformed to WGS84 from " + crs;
  }
  if (columns.precision >= 0) {
    const std::string& text = cells[static_cast<std::size_t>(columns.precision)];
    const auto precision = geo::parse_number(text);
    if (precision && *precision > 1) at.note = "approximate location (geo_precision " + text + ")";
  }
  return at;
}

// The rows of a part of a plain CSV file, located on the thread that read
// it: their points, and the few problems and notes by row.
struct LocatedPart {
  std::vector<geo::Point> points;
  std::vector<std::pair<std::size_t, std::string>> problems, notes;
};

}  // namespace

int PointLayer::role_field(const std::string& role) const {
  const std::string& name = role_name(spec.fields, role);
  if (name.empty()) return -1;
  for (std::size_t i = 0; i < fields.size(); ++i)
    if (fields[i].name == name) return static_cast<int>(i);
  return -1;
}

std::string PointLayer::role_text(const std::string& role, std::size_t record) const {
  const int i = role_field(role);
  return i < 0 ? std::string() : text(record, static_cast<std::size_t>(i));
}

void PointLayer::set_fields(std::vector<geo::FieldDef> defs) {
  fields = std::move(defs);
  std::vector<geo::FieldType> types;
  for (const geo::FieldDef& f : fields) types.push_back(f.type);
  values = geo::Columns(types);
}

PointLayer load_point_layer(const PointLayerSpec& spec, const LoadOptions& load) {
  PointLayer layer;
  layer.spec = spec;
  geo::ReadOptions options;
  options.layer = spec.source.layer;
  options.sql = spec.source.sql;
  options.encoding = spec.source.encoding;
  options.crs = spec.source.crs;
  geo::VectorReader reader(spec.source.source, options);
  layer.source = reader.source() + (reader.layer_name().empty() ? "" : " (" + reader.layer_name() + ")");
  layer.driver = reader.driver();
  layer.crs = reader.crs_name();
  layer.encoding = reader.encoding();
  layer.fields = reader.fields();
  for (const std::string& w : reader.warnings()) layer.warnings.push_back(w);
  const geo::Where where{.file = reader.source(), .layer = reader.layer_name()};
  // Called between parts or batches of records: a 10^8-row file takes tens
  // of seconds, which a signal or another input's error should not wait for.
  const auto stop_if_asked = [&] {
    stop_if_interrupted();
    if (load.stop != nullptr && load.stop->load(std::memory_order_relaxed))
      throw Error("loading layer '" + spec.name + "' stopped: another input of the run failed", where);
  };
  constexpr std::size_t kRecordsBetweenChecks = 4096;
  // GDAL's CSV reader joins lines while a quote is open, so a quote never
  // closed would silently make the rest of the file one value.  The check
  // reads the whole file, so it runs only where it can matter: before an
  // error is reported (it is the first thing to mend) and before GDAL reads
  // the file.  A file the plain reader accepts has no open quote: each of
  // its cells is bare or wholly quoted.
  bool quotes_checked = !(reader.driver() == "CSV" && fs::is_regular_file(spec.source.source));
  const auto check_quotes = [&] {
    if (std::exchange(quotes_checked, true)) return;
    if (const std::int64_t line = geo::unclosed_quote_line(spec.source.source); line > 0)
      throw Error("line " + std::to_string(line) + ": a double quote opened here is never closed, so the rest of the "
                      "file would be read as one value of one record",
                  where, "close the quote; a quote inside a quoted value is written twice (\"\")");
  };

  for (const char* role : kFieldRoles) {
    const std::string& name = role_name(spec.fields, role);
    if (!name.empty() && reader.field_index(name) < 0) {
      std::string names;
      for (const auto& f : reader.fields()) names += (names.empty() ? "" : ", ") + f.name;
      check_quotes();
      throw Error("no field '" + name + "' (layers." + spec.name + ".fields." + role + ")", where, "fields in this layer: " + names);
    }
  }
  // Use the field names exactly as the source spells them.
  for (const char* role : kFieldRoles) {
    std::string& name = const_cast<std::string&>(role_name(layer.spec.fields, role));
    if (!name.empty()) name = reader.fields()[static_cast<std::size_t>(reader.field_index(name))].name;
  }

  const geo::GeometryKind kind = reader.declared_geometry();
  if (kind == geo::GeometryKind::Polygon || kind == geo::GeometryKind::Line) {
    check_quotes();
    throw Error(std::string("layer '") + spec.name + "' holds " + (kind == geo::GeometryKind::Polygon ? "polygons" : "lines") +
                    ", but a point layer is expected",
                where, "boundary polygons go under `boundaries:`; point layers need points or coordinate columns");
  }
  // Tables locate records by columns; CSV always (GDAL's own WKT guessing
  // would hide bad values), other drivers when they carry no geometry.
  const bool by_columns = reader.driver() == "CSV" || kind == geo::GeometryKind::None;
  // Coordinate columns are in the layer's `crs:` when it names one (GDAL
  // transforms geometries itself, but not numbers read from columns).
  std::optional<geo::CrsTransform> columns_to_wgs84;
  if (by_columns && !spec.source.crs.empty()) {
    try {
      columns_to_wgs84.emplace(spec.source.crs, "EPSG:4326");
    } catch (const geo::Error& e) {
      check_quotes();
      throw Error(e.problem(), {.file = where.file, .layer = where.layer}, "check `crs:` of layers." + spec.name);
    }
    layer.crs = spec.source.crs + " (coordinate columns, from `crs:`)";
  }

  std::vector<std::string> names;
  for (const auto& f : reader.fields()) names.push_back(f.name);
  geo::CoordinateColumns columns;
  std::vector<std::string> cells(names.size());
  std::vector<int> coordinate_cells;
  bool first = true;

  // The first record of a table: an HXL tag row (not a record) or data; the
  // coordinate columns are found here.  `text(i)`: the record's cell i.
  auto find_columns = [&](const auto& text) {
    first = false;
    for (std::size_t i = 0; i < names.size(); ++i) cells[i] = text(static_cast<int>(i));
    std::vector<std::string> tags;
    if (geo::is_hxl_tag_row(cells)) {
      tags = cells;
      layer.hxl_tags = true;
    }
    try {
      columns = geo::find_coordinate_columns(names, tags, spec.source.coordinates);
    } catch (const geo::Error& e) {
      check_quotes();
      throw Error(e.problem(), {.file = where.file, .layer = where.layer, .field = e.where().field}, e.hint());
    }
    if (columns.kind == geo::CoordinateColumns::Kind::None) {
      check_quotes();
      throw Error("no coordinate columns found in layer '" + spec.name + "'", where,
                  "name them lon/lat (or longitude/latitude, x/y), tag them #geo+lon/#geo+lat, or set `x:` and `y:` "
                  "(or `wkt:` / `geopoint:`) for the layer; columns: " +
                      [&] {
                        std::string all;
                        for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
                        return all;
                      }());
    }
    for (int i : {columns.x, columns.y, columns.text, columns.precision})
      if (i >= 0) coordinate_cells.push_back(i);
    layer.located_by = columns.describe() + ": " + [&] {
      std::string used;
      for (int i : {columns.x, columns.y, columns.text})
        if (i >= 0) {
          used += (used.empty() ? "'" : ", '") + names[static_cast<std::size_t>(i)] + "'";
          layer.location_fields.push_back(names[static_cast<std::size_t>(i)]);
        }
      return used;
    }();
    return layer.hxl_tags;  // the tag row is not a record
  };
  // A record located by its coordinate columns: why not, or "" and `p`.
  auto locate_by_columns = [&](const auto& text, std::size_t index, geo::Point& p) {
    for (int i : coordinate_cells) cells[static_cast<std::size_t>(i)] = text(i);
    Location at = locate_row(columns, cells, columns_to_wgs84 ? &*columns_to_wgs84 : nullptr, spec.source.crs);
    p = at.point;
    if (!at.note.empty()) layer.notes.set(index, std::move(at.note));
    return std::move(at.problem);
  };
  auto add_record = [&](std::int64_t record) {
    layer.records.push_back(record - (layer.hxl_tags ? 1 : 0));
    layer.notes.emplace_back();
    return layer.records.size() - 1;
  };
  auto add_location = [&](geo::Point p, std::string problem) {
    if (problem.empty()) problem = range_problem(p);
    if (!problem.empty()) p = {std::nan(""), std::nan("")};
    layer.points.push_back(p);
    layer.rejection.push_back(std::move(problem));
  };

  // A plain CSV file is read without GDAL (geo/plain_csv.hpp) when its
  // header is the fields GDAL read, all text; anything else through GDAL.
  // Its records come part by part, and each part keeps only the kept fields
  // once its points are taken, so the coordinates' text is never all held.
  if (load.fast_csv && reader.driver() == "CSV" && spec.source.sql.empty() && spec.source.encoding.empty() &&
      fs::path(spec.source.source).extension() == ".csv" && fs::is_regular_file(spec.source.source) &&
      std::all_of(reader.fields().begin(), reader.fields().end(), [](const geo::FieldDef& f) { return f.type == geo::FieldType::String; })) {
    const PointLayer before = layer;  // no record yet: what a decline goes back to
    // The coordinate columns are found from the first record (GDAL's text of
    // it is the plain reader's) before any part is read, so that each part's
    // rows can be located on the thread that read it, not one by one here.
    // Not with a `crs:` transform: that is one PROJ object, for one thread.
    try {
      reader.for_each([&](const geo::FeatureView& f) {
        find_columns([&](int i) { return f.text(i); });
        return false;
      });
    } catch (const std::exception&) {  // a first record GDAL cannot read: the open quote comes first
      check_quotes();
      throw;
    }
    bool tag_row_ahead = layer.hxl_tags;  // the first row, not yet taken, is the tag row
    std::mutex located_mutex;
    std::map<std::size_t, LocatedPart> located;  // by part number, until taken
    std::vector<std::vector<geo::Point>> spare_points;  // taken parts' points, filled again
    const auto locate_part = [&](const geo::Columns& part, std::size_t number) {
      LocatedPart out;
      {
        const std::lock_guard lock(located_mutex);
        if (!spare_points.empty()) {
          out.points = std::move(spare_points.back());
          spare_points.pop_back();
        }
      }
      out.points.clear();
      geo::reserve_fresh(out.points, part.size());
      std::vector<std::string> row(names.size());
      for (std::size_t r = 0; r < part.size(); ++r) {
        for (int i : coordinate_cells) row[static_cast<std::size_t>(i)] = part.string_view(r, static_cast<std::size_t>(i));
        Location at = locate_row(columns, row, nullptr, spec.source.crs);
        out.points.push_back(at.point);
        if (!at.problem.empty()) out.problems.emplace_back(r, std::move(at.problem));
        if (!at.note.empty()) out.notes.emplace_back(r, std::move(at.note));
      }
      const std::lock_guard lock(located_mutex);
      located.emplace(number, std::move(out));
    };
    std::size_t parts = 0;    // parts taken so far
    std::size_t row = 0;      // rows of the file taken so far, a tag row included
    std::vector<bool> keep;   // known from the first row on
    const double file_bytes = static_cast<double>(fs::file_size(spec.source.source));
    double bytes_read = 0;
    const auto take = [&](geo::Columns& part, std::size_t bytes) {
      stop_if_asked();
      bytes_read += static_cast<double>(bytes);
      std::optional<LocatedPart> done;
      {
        const std::lock_guard lock(located_mutex);
        if (auto at = located.find(parts++); at != located.end()) {
          done = std::move(at->second);
          located.erase(at);
        }
      }
      // Sized for the whole file from its first part (a little more), so
      // that the layer's arrays are allocated once, not doubled and copied.
      const double factor = 1.02 * file_bytes / std::max(bytes_read, 1.0);
      if (layer.points.empty()) geo::reserve_fresh(layer.points, static_cast<std::size_t>(static_cast<double>(part.size()) * factor));
      bool tag_row = false;
      std::size_t next_problem = 0, next_note = 0;  // in `done`
      // The text of row r's entry in a sparse list, or "" (a tag row's is
      // passed over).
      const auto text_of = [&](auto& list, std::size_t& next, std::size_t r) {
        while (next < list.size() && list[next].first < r) ++next;
        return next < list.size() && list[next].first == r ? std::move(list[next++].second) : std::string();
      };
      for (std::size_t r = 0; r < part.size(); ++r, ++row) {
        const auto text = [&](int i) { return std::string(part.string_view(r, static_cast<std::size_t>(i))); };
        if (first ? find_columns(text) : std::exchange(tag_row_ahead, false)) {
          tag_row = true;
          continue;
        }
        const std::size_t index = add_record(static_cast<std::int64_t>(row + 1));
        if (!done) {
          geo::Point p{std::nan(""), std::nan("")};
          std::string why = locate_by_columns(text, index, p);
          add_location(p, std::move(why));
          continue;
        }
        if (std::string note = text_of(done->notes, next_note, r); !note.empty()) layer.notes.set(index, std::move(note));
        add_location(done->points[r], text_of(done->problems, next_problem, r));
      }
      if (done) {
        const std::lock_guard lock(located_mutex);
        spare_points.push_back(std::move(done->points));
      }
      if (first) return;  // no row yet: nothing to keep
      if (keep.empty()) {
        keep = kept_fields(layer);
        const auto kept = static_cast<std::size_t>(std::count(keep.begin(), keep.end(), true));
        layer.values = geo::Columns(std::vector<geo::FieldType>(kept, geo::FieldType::String));
        layer.values.reserve_like(part, factor, keep);
      }
      layer.values.append_rows(part, keep, tag_row ? 1 : 0);  // the part's memory is read into again
    };
    const bool on_reading_threads = !first && !columns_to_wgs84;
    layer.read_without_gdal = geo::read_plain_csv_parts(
        spec.source.source, 0, [&](const std::vector<std::string>& header) { return header == names; }, take,
        load.csv_part_bytes, on_reading_threads ? geo::PreparePart(locate_part) : geo::PreparePart());
    if (!layer.read_without_gdal) {
      layer = before;
      first = true;
      coordinate_cells.clear();
    }
  }

  if (!layer.read_without_gdal) check_quotes();  // GDAL reads the file next
  if (layer.read_without_gdal) {
    layer.values.shrink_to_fit();
    if (layer.points.capacity() > layer.points.size() + layer.points.size() / 10) layer.points.shrink_to_fit();
  } else if (auto read = load.arrow_stream && !by_columns ? reader.read_columns() : std::nullopt) {
    // The whole layer through GDAL's Arrow stream (geo::VectorReader::read_columns).
    layer.read_by_arrow_stream = true;
    layer.values = std::move(read->values);
    const std::size_t records = layer.values.size();
    geo::reserve_fresh(layer.points, records);
    auto not_point = read->not_points.begin();
    for (std::size_t r = 0; r < records; ++r) {
      if (r % kRecordsBetweenChecks == 0) stop_if_asked();
      add_record(static_cast<std::int64_t>(r + 1));
      if (not_point != read->not_points.end() && not_point->first == r) {
        const std::string& type = (not_point++)->second;
        add_location({std::nan(""), std::nan("")}, type.empty() ? "no geometry" : "geometry is a " + type + ", not a point");
      } else {
        add_location(read->points[r], {});
      }
    }
  } else {
    std::vector<geo::FieldType> types;
    for (const geo::FieldDef& f : layer.fields) types.push_back(f.type);
    layer.values = geo::Columns(types);
    std::size_t features = 0;
    reader.for_each([&](const geo::FeatureView& f) {
      if (features++ % kRecordsBetweenChecks == 0) stop_if_asked();
      const auto text = [&](int i) { return f.text(i); };
      if (first && by_columns && find_columns(text)) return true;
      for (std::size_t i = 0; i < names.size(); ++i) layer.values.push(f.value(static_cast<int>(i)));
      layer.values.end_row();
      const std::size_t index = add_record(f.record());
      geo::Point p{std::nan(""), std::nan("")};
      std::string problem;
      if (by_columns) {
        problem = locate_by_columns(text, index, p);
      } else if (f.geometry_transform_failed()) {
        problem = "the location cannot be transformed to WGS84";
      } else if (!f.has_geometry()) {
        problem = "no geometry";
      } else if (auto q = f.point()) {
        p = *q;
      } else {
        problem = "geometry is a " + f.geometry().type_name() + ", not a point";
      }
      add_location(p, std::move(problem));
      return true;
    });
  }
  if (layer.records.empty()) throw Error("layer '" + spec.name + "' is empty", where, "a point layer needs at least one record");
  if (!by_columns) layer.located_by = "geometry";
  const std::vector<bool> keep = kept_fields(layer);
  if (!layer.read_without_gdal) layer.values.keep_fields(keep);
  std::vector<geo::FieldDef> kept;
  for (std::size_t f = 0; f < keep.size(); ++f)
    if (keep[f]) kept.push_back(std::move(layer.fields[f]));
  layer.fields = std::move(kept);
  return layer;
}

}  // namespace engine

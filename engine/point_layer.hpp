#pragma once
// A point layer of the project (facilities, partners, issues, ...) loaded
// from any GDAL source: its records' attributes, their WGS84 locations and,
// for records that cannot be placed, the reason they are rejected.
//
// Nothing is dropped: every source record is one entry here, usable or
// rejected with a reason.  Tables without geometry (CSV, XLSX, ODS) get their
// coordinates from columns (geo/coordinate_columns.hpp); an HXL hashtag row
// under the header is recognised, used, and not counted as a record.

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/project.hpp"
#include "engine/record_numbers.hpp"
#include "engine/record_texts.hpp"
#include "geo/columns.hpp"
#include "geo/field.hpp"
#include "geo/orientation.hpp"
#include "geo/plain_csv.hpp"

namespace engine {

struct PointLayer {
  PointLayerSpec spec;
  std::string source;  // masked source description
  std::string driver, crs, encoding;
  std::string located_by;  // "geometry" or the coordinate columns used
  std::vector<std::string> location_fields;  // those columns (they leave only as geometry)
  // The source's attributes, but the coordinate columns (location_fields)
  // that the layer does not export: those are in `points`.
  std::vector<geo::FieldDef> fields;
  geo::Columns values;                 // record by field, held column by column
  std::vector<geo::Point> points;      // WGS84; NaN x when the record has no usable location
  RecordNumbers records;               // 1-based record number in the source, as a user counts data rows
  RecordTexts rejection;               // "" = usable
  RecordTexts notes;                   // e.g. "approximate location (geo_precision 2)"
  bool hxl_tags = false;               // an HXL hashtag row was found (and skipped)
  bool read_without_gdal = false;      // a plain CSV file read by geo::read_plain_csv_parts
  bool read_by_arrow_stream = false;   // read through GDAL's Arrow stream (VectorReader::read_columns)
  std::vector<std::string> warnings;

  std::size_t size() const { return records.size(); }
  // Sets the fields and empties the values (for layers built in code).
  void set_fields(std::vector<geo::FieldDef> defs);
  geo::Value value(std::size_t record, std::size_t field) const { return values.value(record, field); }
  std::string text(std::size_t record, std::size_t field) const { return values.text(record, field); }
  // Index of the field playing `role` (id, name_en, type, status, category, date, severity), -1 if none.
  int role_field(const std::string& role) const;
  std::string role_text(const std::string& role, std::size_t record) const;
};

struct LoadOptions {
  // Plain CSV files without GDAL (geo/plain_csv.hpp): the same layer, faster.
  bool fast_csv = true;
  // GeoPackage layers through GDAL's Arrow stream: the same layer, faster.
  bool arrow_stream = true;
  // The size of the parts a plain CSV file is read in (tests make it small).
  std::size_t csv_part_bytes = geo::kPlainCsvPartBytes;
  // When set (another input of the run failed), loading stops between parts
  // or records with engine::Error; a pending SIGINT/SIGTERM stops it too.
  const std::atomic<bool>* stop = nullptr;
};

// Loads a layer; throws engine::Error for problems that stop the run (missing
// source, no coordinate columns, polygons where points are expected, empty
// layer, unknown role field), engine::Interrupted on a signal.
PointLayer load_point_layer(const PointLayerSpec& spec, const LoadOptions& options = {});

}  // namespace engine

#include "shared_options.hpp"

#include <unistd.h>

#include <filesystem>

#include "engine/error.hpp"
#include "engine/join.hpp"
#include "geo/vector_writer.hpp"

namespace localmap_cli {

void Chatter::add_to(CLI::App& command) {
  command.add_flag("-q,--quiet", quiet, "No progress and no summary; errors only");
}

bool Chatter::show_progress() const { return !quiet && ::isatty(STDERR_FILENO) == 1; }

void InputOptions::add_to(CLI::App& command, const std::string& name, const std::string& prefix,
                          const std::string& what, bool coordinates) {
  command.add_option("--" + name, spec.source, what + ": a file GDAL reads (GeoPackage, Shapefile, GeoJSON, "
                                                      "KML, FlatGeobuf, CSV, XLSX, ODS) or a PG: connection string")
      ->required();
  command.add_option("--" + prefix + "layer", spec.layer, "Layer to read when the source has several");
  command.add_option("--" + prefix + "sql", spec.sql, "SQL query to read instead of a layer");
  command.add_option("--" + prefix + "encoding", spec.encoding,
                     "Text encoding, overriding the source's (e.g. CP1256, ISO-8859-6); outputs are UTF-8");
  command.add_option("--" + prefix + "crs", spec.crs, "CRS, overriding the source's (e.g. EPSG:32638)");
  if (coordinates) {
    command.add_option("--" + prefix + "x", spec.coordinates.x, "Longitude / easting column of a table");
    command.add_option("--" + prefix + "y", spec.coordinates.y, "Latitude / northing column of a table");
    command.add_option("--" + prefix + "wkt", spec.coordinates.wkt, "WKT geometry column of a table");
    command.add_option("--" + prefix + "geopoint", spec.coordinates.geopoint,
                       "KoboToolbox geopoint column (\"lat lon alt accuracy\")");
  }
}

void PointsOnPolygons::add_to(CLI::App& command, const std::string& formats) {
  polygons.add_to(command, "polygons", "polygons-", "Polygon layer (e.g. districts)", false);
  command.add_option("--code-field", code_field,
                     "Unique id field of the polygons (default: the most detailed ADMn_PCODE, else record numbers)");
  points.add_to(command, "points", "points-", "Point layer or table with coordinates", true);
  command.add_option("-o,--out", out, "Output file: " + formats)->required();
  command.add_option("--snap-m", snap_m, "Snap distance in metres (geodesic); 0 = off")->capture_default_str();
  command.add_option("--precision", precision, "Coordinate decimals in GeoJSON/CSV output")->capture_default_str();
}

void PointsOnPolygons::validate() const {
  engine::JoinOptions{snap_m}.validate();
  geo::output_format_for(out);
  if (precision < 1 || precision > 15) throw engine::Error("--precision must be between 1 and 15");
}

engine::AdminLevelSpec PointsOnPolygons::polygon_spec(const std::string& name) const {
  engine::AdminLevelSpec spec;
  spec.name = name;
  spec.source = polygons.spec;
  spec.code = code_field;
  return spec;
}

engine::PointLayerSpec PointsOnPolygons::point_spec() const {
  engine::PointLayerSpec spec;
  spec.name = std::filesystem::path(points.spec.source).stem().string();
  spec.role = "other";
  spec.source = points.spec;
  return spec;
}

void PreciseLayers::add_to(CLI::App& command) {
  command.add_option("--allow-precise", layers,
                     "Export the points of this restricted layer all the same (repeat for several layers); recorded "
                     "in the run's JSON. Without it a restricted layer (reported issues, by default) leaves only as "
                     "counts per admin unit, with counts below output.min_count suppressed")
      ->type_name("LAYER");
}

}  // namespace localmap_cli

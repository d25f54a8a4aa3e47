#include "shared_options.hpp"

#include <unistd.h>

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

void PreciseLayers::add_to(CLI::App& command) {
  command.add_option("--allow-precise", layers,
                     "Export the points of this restricted layer all the same (repeat for several layers); recorded "
                     "in the run's JSON. Without it a restricted layer (reported issues, by default) leaves only as "
                     "counts per admin unit, with counts below output.min_count suppressed")
      ->type_name("LAYER");
}

}  // namespace localmap_cli

#pragma once
// Finding and parsing point coordinates held in attribute columns (CSV and
// spreadsheet exports).
//
// Recognised layouts, in this order of preference:
//   1. columns named in the project file (x/y, wkt or geopoint);
//   2. HXL hashtags in the row under the header: #geo+lon / #geo+lat
//      (also +long/+lng), or #geo+coord holding "lat,lon";
//   3. common names: lon/long/lng/longitude/x and lat/latitude/y (any case,
//      spaces, underscores), including KoboToolbox split columns
//      `_<question>_longitude` / `_<question>_latitude`; ACLED-style exports
//      also give `geo_precision`, values above 1 meaning approximate;
//   4. a WKT column (wkt, wkt_geom, geometry, geom, the_geom);
//   5. a KoboToolbox geopoint column ("lat lon altitude accuracy"), named
//      geopoint, gps, location, geolocation or _geolocation.
// Coordinates are WGS84 longitude/latitude unless the layer says otherwise.
//
// Thread-safety: pure functions.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "geo/geometry.hpp"

namespace geo {

struct CoordinateHints {
  std::string x, y;      // longitude / easting column
  std::string wkt;       // WKT geometry column
  std::string geopoint;  // "lat lon [alt [acc]]" column
};

struct CoordinateColumns {
  enum class Kind { None, XY, Wkt, GeoPoint, LatLonPair };
  Kind kind = Kind::None;
  int x = -1, y = -1;   // XY
  int text = -1;        // Wkt, GeoPoint, LatLonPair
  int precision = -1;   // ACLED geo_precision, -1 if absent
  std::string describe() const;  // e.g. "columns 'longitude' / 'latitude'"
};

// Whether a data row is an HXL hashtag row (every non-empty cell starts
// with '#', at least one does).
bool is_hxl_tag_row(const std::vector<std::string>& cells);

// `tags` is the HXL row (empty if the file has none).  Throws geo::Error when
// a hinted column does not exist.
CoordinateColumns find_coordinate_columns(const std::vector<std::string>& names,
                                          const std::vector<std::string>& tags, const CoordinateHints& hints);

// A number as written in a cell: optional spaces, optional sign, digits with
// '.' as the decimal mark, optional exponent.  NaN, infinities, empty cells
// and trailing junk give nullopt.
std::optional<double> parse_number(std::string_view text);

struct ParsedPoint {
  std::optional<Point> point;  // set when parsing succeeded
  std::string problem;         // why not, when it did not
};

// Parses one row's coordinates with the layout found above.  `cells` holds
// the row's values as text.  Range checks are not done here.
ParsedPoint parse_point(const CoordinateColumns& columns, const std::vector<std::string>& cells);

}  // namespace geo

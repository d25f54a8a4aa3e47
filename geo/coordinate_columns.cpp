#include "geo/coordinate_columns.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "geo/error.hpp"

namespace geo {
namespace {

// "Longitude (E)" -> "longitude(e)"; "_gps_Longitude" -> "_gps_longitude".
std::string simplify(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == ' ' || c == '\t' || c == '\xef' || c == '\xbb' || c == '\xbf') continue;  // spaces, stray BOM bytes
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

int find_exact(const std::vector<std::string>& names, const std::string& wanted) {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == wanted) return static_cast<int>(i);
  for (std::size_t i = 0; i < names.size(); ++i)
    if (simplify(names[i]) == simplify(wanted)) return static_cast<int>(i);
  return -1;
}

int find_any(const std::vector<std::string>& names, std::initializer_list<const char*> candidates) {
  for (const char* candidate : candidates) {
    for (std::size_t i = 0; i < names.size(); ++i)
      if (simplify(names[i]) == candidate) return static_cast<int>(i);
  }
  return -1;
}

int find_suffix(const std::vector<std::string>& names, const char* suffix) {
  const std::string s = suffix;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string n = simplify(names[i]);
    if (n.size() > s.size() && n.compare(n.size() - s.size(), s.size(), s) == 0) return static_cast<int>(i);
  }
  return -1;
}

// HXL: "#geo +lat" and "#geo+lat" are the same tag; attribute order is free.
bool hxl_has(const std::string& tag, const char* hashtag, const char* attribute) {
  const std::string t = simplify(tag);
  if (t.rfind(hashtag, 0) != 0) return false;
  const std::string attr = std::string("+") + attribute;
  std::size_t pos = t.find(attr);
  while (pos != std::string::npos) {
    const std::size_t end = pos + attr.size();
    if (end == t.size() || t[end] == '+') return true;
    pos = t.find(attr, end);
  }
  return false;
}

int find_hxl(const std::vector<std::string>& tags, const char* hashtag, std::initializer_list<const char*> attributes) {
  for (const char* attribute : attributes)
    for (std::size_t i = 0; i < tags.size(); ++i)
      if (hxl_has(tags[i], hashtag, attribute)) return static_cast<int>(i);
  return -1;
}

int require(const std::vector<std::string>& names, const std::string& wanted, const char* role) {
  const int i = find_exact(names, wanted);
  if (i < 0) {
    std::string available;
    for (const std::string& n : names) available += (available.empty() ? "" : ", ") + n;
    throw Error(std::string("the ") + role + " column '" + wanted + "' does not exist", {.field = wanted},
                "columns are: " + available);
  }
  return i;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split_numbers(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (std::isspace(static_cast<unsigned char>(text[i])) || text[i] == ',' || text[i] == ';' ||
                               text[i] == '[' || text[i] == ']'))
      ++i;
    const std::size_t start = i;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i])) && text[i] != ',' && text[i] != ';' &&
           text[i] != '[' && text[i] != ']')
      ++i;
    if (i > start) parts.push_back(text.substr(start, i - start));
  }
  return parts;
}

const std::string& cell(const std::vector<std::string>& cells, int index) {
  static const std::string empty;
  return index >= 0 && static_cast<std::size_t>(index) < cells.size() ? cells[static_cast<std::size_t>(index)] : empty;
}

ParsedPoint from_pair(std::string_view lon_text, std::string_view lat_text, const char* lon_name, const char* lat_name) {
  ParsedPoint out;
  const auto lon = parse_number(lon_text);
  const auto lat = parse_number(lat_text);
  if (trim(lon_text).empty() && trim(lat_text).empty()) {
    out.problem = "no coordinates";
    return out;
  }
  if (!lon) {
    out.problem = std::string(lon_name) + " '" + std::string(trim(lon_text)) + "' is not a number";
    return out;
  }
  if (!lat) {
    out.problem = std::string(lat_name) + " '" + std::string(trim(lat_text)) + "' is not a number";
    return out;
  }
  out.point = Point{*lon, *lat};
  return out;
}

}  // namespace

std::string CoordinateColumns::describe() const {
  switch (kind) {
    case Kind::None: return "no coordinate columns";
    case Kind::XY: return "x/y columns";
    case Kind::Wkt: return "WKT column";
    case Kind::GeoPoint: return "geopoint column (lat lon alt acc)";
    case Kind::LatLonPair: return "HXL #geo+coord column (lat,lon)";
  }
  return {};
}

bool is_hxl_tag_row(const std::vector<std::string>& cells) {
  bool any = false;
  for (const std::string& c : cells) {
    const std::string_view t = trim(c);
    if (t.empty()) continue;
    if (t.front() != '#') return false;
    any = true;
  }
  return any;
}

CoordinateColumns find_coordinate_columns(const std::vector<std::string>& names, const std::vector<std::string>& tags,
                                          const CoordinateHints& hints) {
  CoordinateColumns c;
  c.precision = find_any(names, {"geo_precision", "geoprecision"});
  if (!hints.wkt.empty()) {
    c.kind = CoordinateColumns::Kind::Wkt;
    c.text = require(names, hints.wkt, "WKT");
    return c;
  }
  if (!hints.geopoint.empty()) {
    c.kind = CoordinateColumns::Kind::GeoPoint;
    c.text = require(names, hints.geopoint, "geopoint");
    return c;
  }
  if (!hints.x.empty() || !hints.y.empty()) {
    if (hints.x.empty() || hints.y.empty())
      throw Error("give both the x (longitude) and the y (latitude) column", {}, "set both `x:` and `y:`");
    c.kind = CoordinateColumns::Kind::XY;
    c.x = require(names, hints.x, "x (longitude)");
    c.y = require(names, hints.y, "y (latitude)");
    return c;
  }
  if (!tags.empty()) {
    const int lon = find_hxl(tags, "#geo", {"lon", "long", "lng"});
    const int lat = find_hxl(tags, "#geo", {"lat"});
    if (lon >= 0 && lat >= 0) {
      c.kind = CoordinateColumns::Kind::XY;
      c.x = lon;
      c.y = lat;
      return c;
    }
    const int coord = find_hxl(tags, "#geo", {"coord"});
    if (coord >= 0) {
      c.kind = CoordinateColumns::Kind::LatLonPair;
      c.text = coord;
      return c;
    }
  }
  int lon = find_any(names, {"lon", "long", "lng", "longitude", "longitude(e)", "lon_dd", "long_dd", "x_coord", "x"});
  int lat = find_any(names, {"lat", "latitude", "latitude(n)", "lat_dd", "y_coord", "y"});
  if (lon < 0 || lat < 0) {  // KoboToolbox split geopoint columns
    lon = find_suffix(names, "_longitude");
    lat = find_suffix(names, "_latitude");
  }
  if (lon >= 0 && lat >= 0) {
    c.kind = CoordinateColumns::Kind::XY;
    c.x = lon;
    c.y = lat;
    return c;
  }
  const int wkt = find_any(names, {"wkt", "wkt_geom", "geometry", "geom", "the_geom"});
  if (wkt >= 0) {
    c.kind = CoordinateColumns::Kind::Wkt;
    c.text = wkt;
    return c;
  }
  const int geopoint = find_any(names, {"geopoint", "gps", "location", "geolocation", "_geolocation", "coordinates"});
  if (geopoint >= 0) {
    c.kind = CoordinateColumns::Kind::GeoPoint;
    c.text = geopoint;
  }
  return c;
}

std::optional<double> parse_number(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  if (text.front() == '+') text.remove_prefix(1);
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  // from_chars accepts "inf"/"nan" spellings; isfinite() rejects them above.
  return value;
}

ParsedPoint parse_point(const CoordinateColumns& columns, const std::vector<std::string>& cells) {
  using Kind = CoordinateColumns::Kind;
  switch (columns.kind) {
    case Kind::None: return {std::nullopt, "no coordinate columns"};
    case Kind::XY: return from_pair(cell(cells, columns.x), cell(cells, columns.y), "longitude", "latitude");
    case Kind::LatLonPair:
    case Kind::GeoPoint: {
      const std::string& text = cell(cells, columns.text);
      const auto parts = split_numbers(text);
      if (parts.empty()) return {std::nullopt, "no coordinates"};
      if (parts.size() < 2) return {std::nullopt, "geopoint '" + text + "' does not hold 'latitude longitude'"};
      return from_pair(parts[1], parts[0], "longitude", "latitude");  // both layouts are lat first
    }
    case Kind::Wkt: {
      const std::string& text = cell(cells, columns.text);
      if (trim(text).empty()) return {std::nullopt, "no coordinates"};
      try {
        Geometry g = Geometry::from_wkt(text);
        if (g.type() != GeometryType::Point) return {std::nullopt, "WKT holds a " + g.type_name() + ", not a point"};
        if (g.is_empty()) return {std::nullopt, "no coordinates (WKT POINT EMPTY)"};
        return {g.as_point(), {}};
      } catch (const Error&) {
        return {std::nullopt, "WKT '" + text.substr(0, 40) + "' does not parse"};
      }
    }
  }
  return {std::nullopt, "no coordinates"};
}

}  // namespace geo

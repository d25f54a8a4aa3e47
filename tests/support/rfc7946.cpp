#include "rfc7946.hpp"

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

namespace testing_support {
namespace {

using nlohmann::json;

struct Checker {
  int decimals;
  std::vector<std::string> problems;

  void add(const std::string& p) {
    if (problems.size() < 20) problems.push_back(p);
  }

  void position(const json& pos) {
    if (!pos.is_array() || pos.size() < 2) return add("position is not [lon, lat]");
    const double lon = pos[0].get<double>(), lat = pos[1].get<double>();
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90) add("position out of WGS84 range");
    const double scale = std::pow(10.0, decimals);
    for (double v : {lon, lat})
      if (std::fabs(v * scale - std::round(v * scale)) > 1e-6) add("position has more than the allowed decimals");
  }

  // Twice the signed area (shoelace): > 0 for counter-clockwise.
  static double signed_area(const json& ring) {
    double sum = 0;
    for (std::size_t i = 0; i + 1 < ring.size(); ++i)
      sum += ring[i][0].get<double>() * ring[i + 1][1].get<double>() - ring[i + 1][0].get<double>() * ring[i][1].get<double>();
    return sum;
  }

  void polygon(const json& rings) {
    for (std::size_t r = 0; r < rings.size(); ++r) {
      const json& ring = rings[r];
      if (ring.size() < 4) add("ring with fewer than four positions");
      if (ring.front() != ring.back()) add("ring not closed");
      for (const json& p : ring) position(p);
      const double area = signed_area(ring);
      if (r == 0 && area < 0) add("exterior ring is clockwise");
      if (r > 0 && area > 0) add("hole is counter-clockwise");
    }
  }

  void geometry(const json& g) {
    if (g.is_null()) return;
    const std::string type = g.at("type");
    const json& c = g.at("coordinates");
    if (type == "Point") position(c);
    else if (type == "LineString" || type == "MultiPoint") for (const json& p : c) position(p);
    else if (type == "MultiLineString") for (const json& l : c) for (const json& p : l) position(p);
    else if (type == "Polygon") polygon(c);
    else if (type == "MultiPolygon") for (const json& p : c) polygon(p);
    else add("unexpected geometry type " + type);
  }
};

}  // namespace

std::vector<std::string> rfc7946_problems(const std::string& path, int decimals) {
  Checker checker{decimals, {}};
  std::ifstream in(path);
  json doc;
  try {
    doc = json::parse(in);
  } catch (const std::exception& e) {
    return {std::string("not JSON: ") + e.what()};
  }
  if (doc.value("type", "") != "FeatureCollection") checker.add("not a FeatureCollection");
  if (doc.contains("crs")) checker.add("has a crs member");
  for (const json& f : doc.at("features")) {
    if (f.value("type", "") != "Feature") checker.add("member is not a Feature");
    if (!f.contains("properties")) checker.add("feature without properties");
    checker.geometry(f.at("geometry"));
  }
  return checker.problems;
}

}  // namespace testing_support

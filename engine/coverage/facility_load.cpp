#include "engine/coverage/facility_load.hpp"

#include <algorithm>
#include <tuple>

#include "engine/coverage/candidate_sites.hpp"
#include "engine/error.hpp"
#include "engine/parallel.hpp"
#include "geo/coordinate_columns.hpp"
#include "geo/geodesic.hpp"
#include "geo/nearest_points.hpp"

namespace engine::coverage {

std::vector<double> facility_capacities(const PointLayer* facilities, const std::string& field,
                                        std::vector<std::string>& warnings) {
  if (facilities == nullptr) return {};
  std::vector<double> out(facilities->size(), INFINITY);
  if (field.empty()) return out;
  const int column = field_named(*facilities, field);
  if (column < 0)
    throw Error("no field '" + field + "' (coverage.facility_capacity_field)",
                {.file = facilities->source, .layer = facilities->spec.name, .field = field},
                "name a numeric field of the facilities layer, or leave facility_capacity_field out for unlimited capacities");
  std::size_t bad = 0;
  std::int64_t first_bad = -1;
  std::string first_text;
  for (std::size_t r = 0; r < facilities->size(); ++r) {
    const std::string text = facilities->text(r, static_cast<std::size_t>(column));
    if (text.find_first_not_of(" \t") == std::string::npos) continue;
    const auto value = geo::parse_number(text);
    if (value && *value >= 0 && std::isfinite(*value)) {
      out[r] = std::floor(*value);
      continue;
    }
    if (bad++ == 0) first_bad = facilities->records[r], first_text = text;
  }
  if (bad > 0)
    warnings.push_back(geo::Where{.file = facilities->source, .layer = facilities->spec.name, .record = first_bad, .field = field}
                           .describe() +
                       ": capacity '" + first_text + "' is not a number of 0 or more (" + std::to_string(bad) +
                       (bad == 1 ? " facility" : " facilities") + "); treated as unlimited");
  return out;
}

FacilityLoad assign_issues(const std::vector<geo::Point>& issues, const std::vector<geo::Point>& facilities,
                           const std::vector<double>& radius_m, std::vector<double> capacity, unsigned threads) {
  FacilityLoad out;
  out.capacity = std::move(capacity);
  out.capacity.resize(facilities.size(), INFINITY);
  out.in_reach.assign(facilities.size(), 0);
  out.served.assign(facilities.size(), 0);
  out.served_by.assign(issues.size(), -1);
  out.reached.assign(issues.size(), 0);
  for (double c : out.capacity) out.limited = out.limited || std::isfinite(c);

  // Every (issue, facility) pair within the facility's radius, per facility.
  const geo::NearestPoints index(issues);
  struct Pair {
    double distance_m;
    std::int32_t issue, facility;
  };
  std::vector<std::vector<Pair>> per_facility(facilities.size());
  parallel_chunks(facilities.size(), threads, [&](std::size_t begin, std::size_t end) {
    std::vector<std::int32_t> near;
    for (std::size_t f = begin; f < end; ++f) {
      if (!(radius_m[f] > 0) || !std::isfinite(facilities[f].x)) continue;
      index.within(facilities[f], radius_m[f], near);
      for (std::int32_t i : near)
        per_facility[f].push_back(
            {geo::geodesic_distance_m(facilities[f], issues[static_cast<std::size_t>(i)]), i, static_cast<std::int32_t>(f)});
    }
  }, 8);
  std::vector<Pair> pairs;
  for (auto& list : per_facility) {
    pairs.insert(pairs.end(), list.begin(), list.end());
    list = {};
  }
  std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) {
    return std::tie(a.distance_m, a.issue, a.facility) < std::tie(b.distance_m, b.issue, b.facility);
  });

  for (const Pair& p : pairs) {
    const auto i = static_cast<std::size_t>(p.issue), f = static_cast<std::size_t>(p.facility);
    ++out.in_reach[f];
    out.reached[i] = 1;
    if (out.served_by[i] >= 0 || !(static_cast<double>(out.served[f]) + 1 <= out.capacity[f])) continue;
    out.served_by[i] = p.facility;
    ++out.served[f];
  }
  return out;
}

}  // namespace engine::coverage

#include "engine/coverage/candidate_sites.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "engine/counts.hpp"
#include "engine/error.hpp"
#include "engine/coverage/facility_classes.hpp"
#include "engine/coverage/three_w.hpp"
#include "geo/banded_polygon.hpp"
#include "geo/coordinate_columns.hpp"
#include "geo/crs_transform.hpp"

namespace engine::coverage {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<CandidateSite> from_layer(const CoverageOptions& options, PointLayerRef ref, std::vector<std::string>& warnings) {
  std::vector<CandidateSite> out;
  const PointLayer& layer = *ref.layer;
  const CandidateFields& f = options.sites.candidate_fields;
  const int capacity_field = f.capacity.empty() ? -1 : field_named(layer, f.capacity);
  const double default_capacity = options.sites.capacity > 0 ? options.sites.capacity : INFINITY;
  const auto default_radius = options.site_radius(options.sites.type);
  std::int64_t outside = 0, outside_first = 0, rejected = 0;
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> unknown_types;  // type -> count, first record
  for (std::size_t r = 0; r < layer.size(); ++r) {
    if (!layer.rejection[r].empty()) {
      ++rejected;
      continue;
    }
    if (ref.join->unit[r] < 0 || !std::isfinite(layer.points[r].x)) {
      if (outside++ == 0) outside_first = layer.records[r];
      continue;
    }
    CandidateSite site;
    site.at = layer.points[r];
    site.unit = ref.join->unit[r];
    site.origin = layer.spec.name;
    site.id = layer.role_text("id", r);
    site.name = layer.role_text("name_en", r);
    site.record = layer.records[r];
    std::optional<double> radius = default_radius;
    if (layer.role_field("type") >= 0) {
      const std::string type = value_slug(layer.role_text("type", r));
      if (const auto typed = options.site_radius(type)) radius = typed;
      else {
        auto& u = unknown_types[type];
        if (u.first++ == 0) u.second = layer.records[r];
      }
    }
    if (!radius) continue;
    site.radius_m = *radius;
    site.capacity = default_capacity;
    if (capacity_field >= 0) {
      const auto value = geo::parse_number(layer.text(r, static_cast<std::size_t>(capacity_field)));
      if (value && *value > 0) site.capacity = *value;
    }
    out.push_back(std::move(site));
  }
  const std::string where = geo::Where{.file = layer.source, .layer = layer.spec.name}.describe();
  if (outside > 0)
    warnings.push_back(where_in_layer(layer, outside_first, "") + ": " + std::to_string(outside) + " of " +
                       std::to_string(layer.size()) + " candidate sites lie outside every district; they are not considered");
  if (rejected > 0)
    warnings.push_back(where + ": " + std::to_string(rejected) + " candidate sites have no usable location; they are not considered");
  for (const auto& [type, u] : unknown_types)
    warnings.push_back(where_in_layer(layer, u.second, "type") + ": candidate type '" + type +
                       "' has no radius in coverage.radius_m (" + std::to_string(u.first) + " sites); " +
                       (default_radius ? "the radius of coverage.sites.type is used" : "they are not considered"));
  if (out.empty() && layer.size() > 0)
    warnings.push_back(where + ": no candidate site lies in the study area; no new site can be suggested from this layer");
  return out;
}

}  // namespace

int field_named(const PointLayer& layer, const std::string& name) {
  for (std::size_t i = 0; i < layer.fields.size(); ++i)
    if (layer.fields[i].name == name) return static_cast<int>(i);
  for (std::size_t i = 0; i < layer.fields.size(); ++i)
    if (lower(layer.fields[i].name) == lower(name)) return static_cast<int>(i);
  return -1;
}

std::vector<geo::Point> grid_points_inside(const geo::Geometry& area, double spacing_m) {
  std::vector<geo::Point> out;
  if (area.is_empty() || !area.is_polygonal()) return out;
  const geo::Envelope e = area.envelope();
  const geo::CrsTransform local = geo::azimuthal_equidistant({(e.min_x + e.max_x) / 2, (e.min_y + e.max_y) / 2});
  const geo::Geometry projected = local.forward(area);
  const geo::BandedPolygon inside(projected.polygons());
  const geo::Envelope p = projected.envelope();
  // Grid lines at whole multiples of the spacing from the projection's
  // centre, so the grid does not depend on the area's outline.
  for (double y = std::ceil(p.min_y / spacing_m) * spacing_m; y <= p.max_y; y += spacing_m)
    for (double x = std::ceil(p.min_x / spacing_m) * spacing_m; x <= p.max_x; x += spacing_m)
      if (inside.contains({x, y}) || inside.on_boundary({x, y})) out.push_back({x, y});
  local.inverse(out);
  std::erase_if(out, [](const geo::Point& q) { return !std::isfinite(q.x); });
  return out;
}

CandidateSet candidate_sites(const CoverageOptions& options, PointLayerRef candidates,
                             PointLayerRef partners, const std::vector<geo::Geometry>& uncovered,
                             std::vector<std::string>& warnings) {
  CandidateSet out;
  if (candidates.layer != nullptr) {
    out.sites = from_layer(options, candidates, warnings);
    out.from_layer = out.sites.size();
  }
  const auto radius = options.site_radius(options.sites.type);
  if (!radius) return out;  // only typed candidate layers have radii then
  const double capacity = options.sites.capacity > 0 ? options.sites.capacity : INFINITY;
  if (options.sites.use_partners() && partners.layer != nullptr) {
    const PointLayer& layer = *partners.layer;
    for (std::size_t r = 0; r < layer.size(); ++r) {
      if (partners.join->unit[r] < 0 || !std::isfinite(layer.points[r].x)) continue;  // no location of its own
      out.sites.push_back({layer.points[r], partners.join->unit[r], *radius, capacity, "partners", layer.role_text("id", r),
                           partner_display_name(layer, r), layer.records[r]});
      ++out.from_partners;
    }
  }
  if (options.sites.use_grid()) {
    double spacing = options.sites.grid_spacing_m;
    const std::size_t room = static_cast<std::size_t>(options.sites.max_candidates);
    std::vector<CandidateSite> grid;
    while (true) {
      grid.clear();
      for (std::size_t u = 0; u < uncovered.size() && grid.size() <= room; ++u)
        for (const geo::Point& p : grid_points_inside(uncovered[u], spacing))
          grid.push_back({p, static_cast<std::int32_t>(u), *radius, capacity, "grid", {}, {}, 0});
      if (grid.size() <= room) break;
      spacing *= 2;
    }
    if (spacing != options.sites.grid_spacing_m)
      warnings.push_back("the candidate grid at " + std::to_string(static_cast<long long>(options.sites.grid_spacing_m)) +
                         " m would exceed coverage.sites.max_candidates (" + std::to_string(room) + "); " +
                         std::to_string(static_cast<long long>(spacing)) + " m is used");
    out.grid_spacing_m = spacing;
    out.from_grid = grid.size();
    out.sites.insert(out.sites.end(), grid.begin(), grid.end());
  }
  return out;
}

}  // namespace engine::coverage

#include "engine/count_points.hpp"

#include <set>

namespace engine {

PointCounts count_points(const AdminLevelSpec& polygons, const PointLayerSpec& points, double snap_m,
                         Progress& progress) {
  JoinOptions join;
  join.snap_m = snap_m;
  join.nearest_unmatched = false;
  join.validate();
  // Areas are not shown, and the nearest-polygon search is built only if
  // snapping asks for it.
  AdminLevelSpec unmeasured = polygons;
  unmeasured.areas = false;
  PointCounts out{load_inputs({unmeasured}, {points}, progress, {}, AdminIndex::Nearest::OnFirstUse), {}, {}};
  out.join = join_layer(*out.inputs.index, out.points(), join, progress);
  out.counts = count_by_unit(out.inputs.boundaries, 0, {&out.points()}, {&out.join});
  return out;
}

geo::LayerData counted_polygons(const PointCounts& counted, bool with_geometry) {
  const AdminLevel& level = counted.polygons();
  geo::LayerData out;
  out.name = level.spec.name;
  out.geometry = with_geometry ? geo::GeometryKind::Polygon : geo::GeometryKind::None;
  out.fields = level.fields;
  // A count column named like one of the polygons' own fields gets a
  // "count_" prefix rather than two fields of one name.
  std::set<std::string> taken;
  for (const geo::FieldDef& f : level.fields) taken.insert(f.name);
  for (const std::string& c : counted.counts.columns)
    out.fields.push_back({taken.count(c) != 0 ? "count_" + c : c, geo::FieldType::Integer});
  for (std::size_t u = 0; u < level.units.size(); ++u) {
    std::vector<geo::Value> row = level.attributes[u];
    for (const std::int64_t v : counted.counts.values[u]) row.emplace_back(v);
    out.rows.push_back(std::move(row));
    if (with_geometry) out.shapes.push_back(level.units[u].shape.clone());
  }
  return out;
}

}  // namespace engine

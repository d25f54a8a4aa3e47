#include "engine/exports.hpp"

#include <cmath>
#include <set>

namespace engine {
namespace {

using geo::FieldDef;
using geo::FieldType;
using geo::Value;

std::string adm(const AdminLevel& level, const char* suffix) {
  return "ADM" + std::to_string(level.spec.level) + "_" + suffix;
}

void add_unit_names(std::vector<Value>& row, const AdminUnit* unit) {
  if (unit == nullptr) {
    row.insert(row.end(), 3, std::monostate{});
    return;
  }
  row.emplace_back(unit->code);
  row.emplace_back(unit->name_en.empty() ? Value{} : Value{unit->name_en});
  row.emplace_back(unit->name_ar.empty() ? Value{} : Value{unit->name_ar});
}

}  // namespace

UnitColumns admin_columns(const Boundaries& boundaries) {
  UnitColumns c;
  for (const AdminLevel& level : boundaries.levels)
    for (const char* suffix : {"PCODE", "EN", "AR"}) c.fields.push_back({adm(level, suffix), FieldType::String});
  c.values = [&boundaries](std::int32_t unit) {
    std::vector<Value> row;
    for (std::size_t l = 0; l < boundaries.levels.size(); ++l) {
      const std::int32_t u = unit < 0 ? -1 : boundaries.ancestor(l, unit);
      add_unit_names(row, u < 0 ? nullptr : &boundaries.levels[l].units[static_cast<std::size_t>(u)]);
    }
    return row;
  };
  return c;
}

UnitColumns polygon_columns(const AdminLevel& level) {
  UnitColumns c;
  c.fields = level.fields;
  c.values = [&level](std::int32_t unit) {
    if (unit < 0) return std::vector<Value>(level.fields.size());
    return level.attributes[static_cast<std::size_t>(unit)];
  };
  return c;
}

geo::LayerData joined_points(const PointLayer& layer, const LayerJoin& join, const UnitColumns& units,
                             const AdminLevel& finest) {
  geo::LayerData out;
  out.name = layer.spec.name;
  out.geometry = geo::GeometryKind::Point;
  out.fields = units.fields;
  std::set<std::string> taken;
  for (const FieldDef& f : units.fields) taken.insert(f.name);
  taken.insert("match");
  taken.insert("match_note");
  std::vector<std::size_t> exported;  // source fields on the layer's allow-list
  for (std::size_t i = 0; i < layer.fields.size(); ++i) {
    const FieldDef& f = layer.fields[i];
    if (!layer.spec.exports_field(f.name)) continue;
    exported.push_back(i);
    FieldDef renamed = f;
    while (taken.count(renamed.name)) renamed.name = "src_" + renamed.name;
    taken.insert(renamed.name);
    out.fields.push_back(renamed);
  }
  out.fields.push_back({"match", FieldType::String});
  out.fields.push_back({"match_note", FieldType::String});
  out.rows.reserve(layer.size());
  out.points = layer.points;
  for (const auto& [r, at] : join.placed_by_name) out.points[r] = at;
  for (std::size_t r = 0; r < layer.size(); ++r) {
    std::vector<Value> row = units.values(join.unit[r]);
    for (std::size_t i : exported) row.push_back(layer.value(r, i));
    row.emplace_back(std::string(to_string(join.match[r])));
    const std::string note = join.note(r, finest, layer);
    row.emplace_back(note.empty() ? Value{} : Value{note});
    out.rows.push_back(std::move(row));
  }
  return out;
}

geo::LayerData admin_layer(const Boundaries& boundaries, std::size_t level, const UnitCounts& counts,
                           bool with_geometry, const std::vector<const UnitTable*>& extra) {
  const AdminLevel& self = boundaries.levels[level];
  geo::LayerData out;
  out.name = self.spec.name;
  out.geometry = with_geometry ? geo::GeometryKind::Polygon : geo::GeometryKind::None;
  for (std::size_t l = 0; l <= level; ++l)
    for (const char* suffix : {"PCODE", "EN", "AR"}) out.fields.push_back({adm(boundaries.levels[l], suffix), FieldType::String});
  out.fields.push_back({"area_km2", FieldType::Real});
  bool has_population = false;
  for (const AdminUnit& u : self.units) has_population = has_population || !std::isnan(u.population);
  if (has_population) out.fields.push_back({"population", FieldType::Real});
  for (const std::string& c : counts.columns) out.fields.push_back({c, FieldType::Integer});
  for (const UnitTable* table : extra) out.fields.insert(out.fields.end(), table->fields.begin(), table->fields.end());
  for (std::size_t u = 0; u < self.units.size(); ++u) {
    const AdminUnit& unit = self.units[u];
    std::vector<Value> row;
    // Ancestors, coarsest first, then the unit itself.
    std::vector<const AdminUnit*> chain(level + 1, nullptr);
    std::int32_t current = static_cast<std::int32_t>(u);
    for (std::size_t l = level + 1; l-- > 0 && current >= 0;) {
      chain[l] = &boundaries.levels[l].units[static_cast<std::size_t>(current)];
      current = chain[l]->parent;
    }
    for (const AdminUnit* a : chain) add_unit_names(row, a);
    row.emplace_back(std::round(unit.area_km2 * 1000) / 1000);
    if (has_population) row.emplace_back(std::isnan(unit.population) ? Value{} : Value{unit.population});
    for (std::int64_t v : counts.values[u]) row.emplace_back(v);
    for (const UnitTable* table : extra) row.insert(row.end(), table->rows[u].begin(), table->rows[u].end());
    out.rows.push_back(std::move(row));
    if (with_geometry) out.shapes.push_back(unit.shape.clone());
  }
  return out;
}

geo::LayerData unmatched_points(const std::vector<const PointLayer*>& layers, const std::vector<const LayerJoin*>& joins,
                                const AdminLevel& finest) {
  geo::LayerData out;
  out.name = "unmatched";
  out.geometry = geo::GeometryKind::Point;
  out.fields = {{"layer", FieldType::String},      {"record", FieldType::Integer},
                {"id", FieldType::String},         {"nearest_" + finest.spec.name, FieldType::String},
                {"distance_m", FieldType::Real},   {"likely_swapped", FieldType::Integer},
                {"match_note", FieldType::String}};
  for (std::size_t l = 0; l < layers.size(); ++l) {
    const PointLayer& layer = *layers[l];
    const LayerJoin& join = *joins[l];
    for (std::size_t r = 0; r < layer.size(); ++r) {
      if (join.match[r] != Match::Unmatched) continue;
      const std::string id = layer.role_text("id", r);
      out.rows.push_back({layer.spec.name, layer.records[r], id.empty() ? Value{} : Value{id},
                          join.nearest[r] < 0 ? Value{} : Value{finest.units[static_cast<std::size_t>(join.nearest[r])].code},
                          join.nearest[r] < 0 ? Value{} : Value{std::round(join.distance_m[r] * 10) / 10},
                          std::int64_t{join.swapped[r]},
                          join.note(r, finest, layer)});
      out.points.push_back(layer.points[r]);
    }
  }
  return out;
}

}  // namespace engine

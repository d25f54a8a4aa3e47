#include "engine/boundaries.hpp"

#include <algorithm>
#include <exception>
#include <map>
#include <optional>

#include "engine/error.hpp"
#include "engine/parallel.hpp"
#include "geo/boundary_distance.hpp"
#include "geo/coordinate_columns.hpp"
#include "geo/geodesic.hpp"
#include "geo/point_locator.hpp"
#include "geo/vector_reader.hpp"

namespace engine {
namespace {

std::string lower_ascii(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// Index of the field `name` (the level's `key`): the field of exactly that
// name, else the one field equal to it ignoring case (project files are
// often written as adm1_pcode for ADM1_PCODE), else -1.  Two fields that both
// match ignoring case and neither exactly is an error, not a guess.
int find_field(const std::vector<geo::FieldDef>& fields, const std::string& name, const std::string& key,
               const geo::Where& where) {
  if (name.empty()) return -1;
  for (std::size_t i = 0; i < fields.size(); ++i)
    if (fields[i].name == name) return static_cast<int>(i);
  int found = -1;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (lower_ascii(fields[i].name) != lower_ascii(name)) continue;
    if (found >= 0)
      throw Error("field '" + name + "' (the level's `" + key + "`) is ambiguous: the layer has both '" +
                      fields[static_cast<std::size_t>(found)].name + "' and '" + fields[i].name + "'",
                  where, "write the field name with its exact upper and lower case");
    found = static_cast<int>(i);
  }
  return found;
}

int require_field(const geo::VectorReader& reader, const std::string& field, const std::string& key) {
  const int index = find_field(reader.fields(), field, key, {.file = reader.source(), .layer = reader.layer_name()});
  if (index < 0) {
    std::string names;
    for (const auto& f : reader.fields()) names += (names.empty() ? "" : ", ") + f.name;
    throw Error("no field '" + field + "' (the level's `" + key + "`)",
                {.file = reader.source(), .layer = reader.layer_name()}, "fields in this layer: " + names);
  }
  return index;
}

std::string geometry_kind_name(geo::GeometryKind k) {
  switch (k) {
    case geo::GeometryKind::Point: return "points";
    case geo::GeometryKind::Line: return "lines";
    case geo::GeometryKind::None: return "no geometry";
    default: return "mixed geometries";
  }
}

void check_lon_lat(const geo::Envelope& e, const geo::VectorReader& reader, std::int64_t record) {
  if (e.min_x < -180 || e.max_x > 180 || e.min_y < -90 || e.max_y > 90)
    throw Error("coordinates are not longitude/latitude (" + std::to_string(e.min_x) + ", " + std::to_string(e.min_y) +
                    " ...) although the layer's CRS is " + reader.crs_name(),
                {.file = reader.source(), .layer = reader.layer_name(), .record = record},
                "the layer probably lacks its CRS (.prj): set `crs:` for it, e.g. EPSG:32638");
}

void index_codes(AdminLevel& level) {
  level.by_code.clear();
  std::map<std::string, std::int64_t> first_record;
  for (std::size_t i = 0; i < level.units.size(); ++i) {
    const AdminUnit& u = level.units[i];
    auto [it, inserted] = level.by_code.emplace(u.code, static_cast<std::int32_t>(i));
    if (!inserted) {
      const AdminUnit& other = level.units[static_cast<std::size_t>(it->second)];
      throw Error("duplicate P-code '" + u.code + "' (also record " + std::to_string(other.record) + ")",
                  {.file = level.source, .record = u.record, .field = level.spec.code},
                  "P-codes must be unique within a level; fix the source or choose another `code` field");
    }
  }
}

// A coarser level made by dissolving a finer one by a code field it carries.
AdminLevel dissolve(const AdminLevelSpec& spec, AdminLevel& finer) {
  AdminLevel level;
  level.spec = spec;
  level.source = "dissolved from " + finer.spec.name;
  const geo::Where where{.file = finer.source};
  const int code = find_field(finer.fields, spec.code, "code", where);
  if (code < 0)
    throw Error("cannot build level '" + spec.name + "': the level '" + finer.spec.name + "' has no field '" + spec.code + "'",
                {.file = finer.source}, "set `code:` of '" + spec.name + "' to a field of '" + finer.spec.name + "'");
  const int name_en = find_field(finer.fields, spec.name_en, "name_en", where);
  const int name_ar = find_field(finer.fields, spec.name_ar, "name_ar", where);
  std::map<std::string, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < finer.units.size(); ++i) {
    const std::string c = geo::to_text(finer.attributes[i][static_cast<std::size_t>(code)]);
    if (c.empty())
      throw Error("empty '" + spec.code + "', so the unit cannot be placed in a " + spec.name,
                  {.file = finer.source, .record = finer.units[i].record, .field = spec.code});
    groups[c].push_back(i);
  }
  for (const auto& [c, members] : groups) {
    AdminUnit unit;
    unit.code = c;
    const auto& first = finer.attributes[members.front()];
    if (name_en >= 0) unit.name_en = geo::to_text(first[static_cast<std::size_t>(name_en)]);
    if (name_ar >= 0) unit.name_ar = geo::to_text(first[static_cast<std::size_t>(name_ar)]);
    std::vector<const geo::Geometry*> parts;
    for (std::size_t m : members) parts.push_back(&finer.units[m].shape);
    unit.shape = geo::Geometry::union_all(parts);
    if (!unit.shape.is_polygonal()) unit.shape = unit.shape.make_valid_polygonal();
    unit.area_km2 = geo::geodesic_area_m2(unit.shape) / 1e6;
    for (std::size_t m : members) finer.units[m].parent = static_cast<std::int32_t>(level.units.size());
    level.units.push_back(std::move(unit));
  }
  index_codes(level);
  return level;
}

// Parent of every unit of `finer` in `coarser`: by the parent code field when
// given, otherwise by where the unit's interior point falls.
void link_parents(AdminLevel& finer, const AdminLevel& coarser) {
  const bool by_field = !finer.spec.parent.empty();
  int parent_field = -1;
  if (by_field) {
    parent_field = find_field(finer.fields, finer.spec.parent, "parent", {.file = finer.source});
    if (parent_field < 0)
      throw Error("no field '" + finer.spec.parent + "' (the level's `parent`)", {.file = finer.source},
                  "name the field that holds the " + coarser.spec.name + " P-code, or remove `parent:` to link by location");
  }
  std::vector<const geo::Geometry*> shapes;
  for (const AdminUnit& u : coarser.units) shapes.push_back(&u.shape);
  const auto locator = geo::make_grid_locator(shapes);
  std::unique_ptr<geo::BoundaryDistance> nearest;
  std::size_t spatial_fallbacks = 0;
  for (std::size_t i = 0; i < finer.units.size(); ++i) {
    AdminUnit& unit = finer.units[i];
    if (by_field) {
      const std::string code = geo::to_text(finer.attributes[i][static_cast<std::size_t>(parent_field)]);
      unit.parent = coarser.index_of(code);
      if (unit.parent >= 0) continue;
      finer.warnings.push_back("record " + std::to_string(unit.record) + ": parent code '" + code + "' is not a " +
                               coarser.spec.name + " P-code; placed by location instead");
    }
    const geo::Point inside = unit.shape.point_on_surface();
    unit.parent = locator->locate(inside);
    if (unit.parent < 0) {
      if (!nearest) nearest = std::make_unique<geo::BoundaryDistance>(shapes);
      unit.parent = nearest->nearest(inside).polygon;
      ++spatial_fallbacks;
    }
  }
  if (spatial_fallbacks > 0)
    finer.warnings.push_back(std::to_string(spatial_fallbacks) + " " + finer.spec.name + " lie outside every " +
                             coarser.spec.name + " and were given the nearest one");
}

}  // namespace

std::int32_t AdminLevel::index_of(const std::string& code) const {
  const auto it = by_code.find(code);
  return it == by_code.end() ? -1 : it->second;
}

std::int32_t Boundaries::ancestor(std::size_t level, std::int32_t unit) const {
  for (std::size_t l = levels.size() - 1; l > level && unit >= 0; --l)
    unit = levels[l].units[static_cast<std::size_t>(unit)].parent;
  return unit;
}

AdminLevel load_admin_level(const AdminLevelSpec& spec) {
  AdminLevel level;
  level.spec = spec;
  geo::VectorReader reader(spec.source.source, read_options(spec.source));
  level.source = reader.source() + (reader.layer_name().empty() ? "" : " (" + reader.layer_name() + ")");
  level.driver = reader.driver();
  level.crs = reader.crs_name();
  level.encoding = reader.encoding();
  level.fields = reader.fields();
  for (const std::string& w : reader.warnings()) level.warnings.push_back(w);
  const geo::Where where{.file = reader.source(), .layer = reader.layer_name()};
  const geo::GeometryKind kind = reader.declared_geometry();
  if (kind != geo::GeometryKind::Polygon && kind != geo::GeometryKind::Mixed)
    throw Error("boundary layer '" + spec.name + "' holds " + geometry_kind_name(kind) + ", not polygons", where,
                "point layers go under `layers:`; boundaries need polygon layers");
  // An empty `code` (single polygon layers of `localmap join`): the most
  // detailed ADM<n>_PCODE field if there is one, else record numbers.
  if (spec.code.empty()) {
    for (int n = 9; n >= 0 && level.spec.code.empty(); --n)
      if (reader.field_index("ADM" + std::to_string(n) + "_PCODE") >= 0) level.spec.code = "ADM" + std::to_string(n) + "_PCODE";
  }
  const int code = level.spec.code.empty() ? -1 : require_field(reader, level.spec.code, "code");
  const int name_en = find_field(reader.fields(), spec.name_en, "name_en", where);
  const int name_ar = find_field(reader.fields(), spec.name_ar, "name_ar", where);
  const int population = spec.population.empty() ? -1 : require_field(reader, spec.population, "population");

  // Reading is one thread (GDAL).  Each unit's validity check, repair and
  // geodesic area depend on that unit alone, so they run on all cores once
  // the layer is read; their warnings and errors then come out in record
  // order, and a read error is thrown only if no unit read before it fails.
  std::exception_ptr read_error;
  try {
    reader.for_each([&](const geo::FeatureView& f) {
      AdminUnit unit;
      unit.record = f.record();
      const geo::Where here{.file = reader.source(), .layer = reader.layer_name(), .record = f.record()};
      unit.code = code < 0 ? std::to_string(f.record()) : f.text(code);
      if (unit.code.empty())
        throw Error("empty P-code", {.file = here.file, .layer = here.layer, .record = here.record, .field = spec.code},
                    "every boundary unit needs a P-code");
      if (name_en >= 0) unit.name_en = f.text(name_en);
      if (name_ar >= 0) unit.name_ar = f.text(name_ar);
      if (population >= 0 && !f.is_null(population)) {
        const geo::Value v = f.value(population);
        if (const auto* n = std::get_if<std::int64_t>(&v)) unit.population = static_cast<double>(*n);
        else if (const auto* d = std::get_if<double>(&v)) unit.population = *d;
        // A field GDAL types as text (one value in the layer is not a number)
        // still holds numbers in the other records.
        else if (const std::optional<double> number = geo::parse_number(f.text(population))) unit.population = *number;
        else
          throw Error("population '" + f.text(population) + "' is not a number",
                      {.file = here.file, .layer = here.layer, .record = here.record, .field = spec.population});
      }
      if (f.geometry_transform_failed())
        throw Error("the geometry cannot be transformed to WGS84", here, "check the layer's CRS");
      if (!f.has_geometry()) throw Error("boundary unit '" + unit.code + "' has no geometry", here);
      unit.shape = f.geometry();
      if (!unit.shape.is_polygonal())
        throw Error("geometry is a " + unit.shape.type_name() + ", not a polygon", here,
                    "boundary layers must hold polygons or multipolygons");
      check_lon_lat(unit.shape.envelope(), reader, f.record());
      std::vector<geo::Value> row;
      row.reserve(level.fields.size());
      for (std::size_t i = 0; i < level.fields.size(); ++i) row.push_back(f.value(static_cast<int>(i)));
      level.attributes.push_back(std::move(row));
      level.units.push_back(std::move(unit));
      return true;
    });
  } catch (...) {
    read_error = std::current_exception();
  }
  const std::size_t n = level.units.size();
  std::vector<std::string> invalid(n);  // why the unit was repaired
  std::vector<std::exception_ptr> failed(n);
  parallel_chunks(n, thread_count(0), [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      AdminUnit& unit = level.units[i];
      try {
        if (!unit.shape.is_valid(&invalid[i])) {
          unit.shape = unit.shape.make_valid_polygonal();
          unit.repaired = true;
        }
        if (!spec.areas) unit.area_km2 = std::nan("");
        else if (!unit.shape.is_empty()) unit.area_km2 = geo::geodesic_area_m2(unit.shape) / 1e6;
      } catch (...) {
        failed[i] = std::current_exception();
      }
    }
  }, 4);
  for (std::size_t i = 0; i < n; ++i) {
    const AdminUnit& unit = level.units[i];
    if (failed[i]) std::rethrow_exception(failed[i]);
    if (!unit.repaired) continue;
    ++level.repaired;
    if (level.warnings.size() < 20)
      level.warnings.push_back("record " + std::to_string(unit.record) + " (" + unit.code + "): repaired invalid polygon (" +
                               invalid[i] + ")");
    if (unit.shape.is_empty())
      throw Error("the polygon collapses to nothing when repaired (" + invalid[i] + ")",
                  {.file = reader.source(), .layer = reader.layer_name(), .record = unit.record});
  }
  if (read_error) std::rethrow_exception(read_error);
  if (level.units.empty()) throw Error("boundary layer '" + spec.name + "' is empty", where);
  index_codes(level);
  return level;
}

Boundaries load_boundaries(const std::vector<AdminLevelSpec>& specs, Progress& progress) {
  Boundaries b;
  b.levels.resize(specs.size());
  progress.begin("loading boundaries", specs.size());
  std::uint64_t done = 0;
  for (std::size_t i = specs.size(); i-- > 0;) {  // finest first: coarser levels may dissolve it
    if (specs[i].from.empty()) {
      b.levels[i] = load_admin_level(specs[i]);
    } else {
      b.levels[i] = dissolve(specs[i], b.levels[i + 1]);  // validate() ensures `from` is the next level
    }
    progress.update(++done);
  }
  for (std::size_t i = specs.size(); i-- > 1;) {
    // Dissolving already linked the level it was built from.
    if (specs[i - 1].from == specs[i].name) continue;
    link_parents(b.levels[i], b.levels[i - 1]);
  }
  progress.end();
  return b;
}

}  // namespace engine

#include "engine/disclosure.hpp"

#include <algorithm>
#include <map>

#include "engine/cell_suppression.hpp"
#include "engine/counts.hpp"
#include "engine/error.hpp"
#include "engine/exports.hpp"
#include "engine/sub_counts.hpp"

namespace engine {
namespace {

// The count columns of one layer in an admin layer: "n_<layer>" and
// "n_<layer>_<role>_<value>" for the roles it is counted by.
struct LayerColumns {
  int total = -1;
  std::map<std::string, std::vector<int>> by_role;  // role -> its value columns
  std::vector<int> all() const {
    std::vector<int> out{total};
    for (const auto& [role, columns] : by_role) out.insert(out.end(), columns.begin(), columns.end());
    return out;
  }
};

LayerColumns layer_columns(const geo::LayerData& table, const PointLayerSpec& spec) {
  LayerColumns out;
  const std::string total = "n_" + spec.name;
  out.total = table.field_index(total);
  for (const std::string& role : spec.count_by) {
    const std::string prefix = total + "_" + role + "_";
    for (std::size_t f = 0; f < table.fields.size(); ++f)
      if (table.fields[f].name.rfind(prefix, 0) == 0) out.by_role[role].push_back(static_cast<int>(f));
  }
  return out;
}

void drop_columns(geo::LayerData& table, std::vector<int> columns) {
  std::sort(columns.rbegin(), columns.rend());
  for (int c : columns) {
    if (c < 0) continue;
    table.fields.erase(table.fields.begin() + c);
    for (auto& row : table.rows) row.erase(row.begin() + c);
  }
}

std::int64_t count_of(const geo::Value& v) {
  return std::holds_alternative<std::int64_t>(v) ? std::get<std::int64_t>(v) : 0;
}

// Cells of one restricted layer across the levels, their relations, and
// where each cell sits in the tables.
struct CountTable {
  struct Cell {
    std::size_t level, row;
    int column;  // -1: a national total (published in run.json)
    std::string name;
  };
  std::vector<Cell> cells;
  std::vector<std::int64_t> values;
  std::vector<bool> fixed;
  std::vector<CellRelation> relations;

  std::size_t add(std::size_t level, std::size_t row, int column, const std::string& name, std::int64_t value, bool national) {
    cells.push_back({level, row, column, name});
    values.push_back(value);
    fixed.push_back(national);
    return cells.size() - 1;
  }
  // Adds `total = sum(parts)` when the published numbers satisfy it: levels
  // whose units lack a parent do not add up, and then publish no relation.
  void relate(std::size_t total, const std::vector<std::size_t>& parts) {
    std::int64_t sum = 0;
    for (std::size_t p : parts) sum += values[p];
    if (sum == values[total] && !parts.empty()) relations.push_back({total, parts});
  }
};

CountTable build_count_table(const Boundaries& boundaries, const std::vector<geo::LayerData*>& levels,
                             const PointLayerSpec& spec) {
  CountTable t;
  // cell[level][column name][row]
  std::vector<std::map<std::string, std::vector<std::size_t>>> cell(levels.size());
  std::vector<LayerColumns> columns;
  for (std::size_t l = 0; l < levels.size(); ++l) {
    const geo::LayerData& table = *levels[l];
    columns.push_back(layer_columns(table, spec));
    for (int c : columns[l].all()) {
      if (c < 0) continue;
      const std::string& name = table.fields[static_cast<std::size_t>(c)].name;
      for (std::size_t r = 0; r < table.rows.size(); ++r)
        cell[l][name].push_back(t.add(l, r, c, name, count_of(table.rows[r][static_cast<std::size_t>(c)]), false));
    }
  }
  for (std::size_t l = 0; l < levels.size(); ++l) {
    const geo::LayerData& table = *levels[l];
    const std::string total = "n_" + spec.name;
    if (!cell[l].count(total)) continue;
    // Within a row: the total is the sum of each role's value columns.
    for (std::size_t r = 0; r < table.rows.size(); ++r)
      for (const auto& [role, role_columns] : columns[l].by_role) {
        std::vector<std::size_t> parts;
        for (int c : role_columns) parts.push_back(cell[l][table.fields[static_cast<std::size_t>(c)].name][r]);
        t.relate(cell[l][total][r], parts);
      }
    // Across levels: a unit is the sum of its children.
    if (l + 1 < levels.size())
      for (const auto& [name, coarse] : cell[l]) {
        const auto fine = cell[l + 1].find(name);
        if (fine == cell[l + 1].end()) continue;
        std::vector<std::vector<std::size_t>> children(coarse.size());
        const auto& units = boundaries.levels[boundaries.levels.size() - levels.size() + l + 1].units;
        for (std::size_t d = 0; d < units.size(); ++d)
          if (units[d].parent >= 0) children[static_cast<std::size_t>(units[d].parent)].push_back(fine->second[d]);
        for (std::size_t g = 0; g < coarse.size(); ++g) t.relate(coarse[g], children[g]);
      }
  }
  // The national totals: assumed known to anyone (run.json states a layer's
  // total), so they can never be withheld.
  for (const auto& [name, finest] : cell.back()) {
    std::int64_t sum = 0;
    for (std::size_t c : finest) sum += t.values[c];
    const std::size_t national = t.add(levels.size(), 0, -1, name, sum, true);
    for (std::size_t l = 0; l < levels.size(); ++l)
      if (const auto it = cell[l].find(name); it != cell[l].end()) t.relate(national, it->second);
  }
  return t;
}

// Inserts "n_<layer>_suppressed" after the layer's last count column.
void mark_rows(geo::LayerData& table, const PointLayerSpec& spec, const std::vector<std::int64_t>& withheld) {
  const std::vector<int> all = layer_columns(table, spec).all();
  const int last = *std::max_element(all.begin(), all.end());
  const auto at = static_cast<std::ptrdiff_t>(last + 1);
  table.fields.insert(table.fields.begin() + at, {"n_" + spec.name + "_suppressed", geo::FieldType::Integer});
  for (std::size_t r = 0; r < table.rows.size(); ++r) table.rows[r].insert(table.rows[r].begin() + at, withheld[r]);
}

}  // namespace

void check_allow_precise(const Project& project, const std::vector<std::string>& allow_precise) {
  for (const std::string& name : allow_precise) {
    const auto spec = std::find_if(project.layers.begin(), project.layers.end(),
                                   [&](const PointLayerSpec& l) { return l.name == name; });
    std::string names;
    for (const PointLayerSpec& l : project.layers) names += (names.empty() ? "" : ", ") + l.name;
    if (spec == project.layers.end())
      throw Error("--allow-precise names '" + name + "', which is not a layer of the project", {.file = project.path},
                  "layers: " + names);
    if (spec->sensitivity == Sensitivity::Confidential)
      throw Error("--allow-precise names '" + name + "', a confidential layer: it is never exported",
                  {.file = project.path}, "set its sensitivity to restricted in the project file if points may be shared");
  }
}

LayerRelease release_of(const PointLayer& layer, const std::vector<std::string>& allow_precise) {
  LayerRelease r;
  r.spec = &layer.spec;
  r.layer = layer.spec.name;
  r.sensitivity = layer.spec.sensitivity;
  r.allowed_precise = std::find(allow_precise.begin(), allow_precise.end(), r.layer) != allow_precise.end();
  r.precise = r.sensitivity == Sensitivity::Public || r.allowed_precise;
  r.counts = r.sensitivity != Sensitivity::Confidential;
  // Coordinate columns are not listed: they leave as geometry, or not at all.
  const auto& location = layer.location_fields;
  for (const geo::FieldDef& f : layer.fields)
    if (!layer.spec.exports_field(f.name) && std::find(location.begin(), location.end(), f.name) == location.end())
      r.withheld_fields.push_back(f.name);
  return r;
}

std::vector<LayerRelease> plan_release(const Project& project, const std::vector<PointLayer>& layers,
                                       const std::vector<std::string>& allow_precise) {
  check_allow_precise(project, allow_precise);
  std::vector<LayerRelease> out;
  for (const PointLayer& layer : layers) out.push_back(release_of(layer, allow_precise));
  return out;
}

void protect_counts(const Boundaries& boundaries, const std::vector<geo::LayerData*>& levels, geo::LayerData* summary,
                    std::vector<LayerRelease>& releases, int min_count) {
  for (LayerRelease& release : releases) {
    const PointLayerSpec& spec = *release.spec;
    if (!release.counts) {
      // Nothing computed from a confidential layer's records leaves for any unit.
      release.withheld_units.assign(levels.back()->rows.size(), true);
      for (geo::LayerData* table : levels) drop_columns(*table, layer_columns(*table, spec).all());
      if (summary) drop_columns(*summary, layer_columns(*summary, spec).all());
      continue;
    }
    if (release.precise || layer_columns(*levels.back(), spec).total < 0) continue;
    const CountTable t = build_count_table(boundaries, levels, spec);
    const CellSuppression s = suppress_small_cells(t.values, t.relations, min_count, t.fixed);
    release.suppressed_cells = s.primary + s.complementary;
    release.complementary_cells = s.complementary;
    release.unprotectable_cells = s.unprotectable.size();
    // The summary is the finest level's table without geometry: same rows.
    const std::size_t finest = levels.size() - 1;
    release.withheld_units.assign(levels[finest]->rows.size(), false);
    const std::string total = "n_" + spec.name, category = total + "_category_";
    std::vector<std::vector<std::int64_t>> withheld(levels.size());
    for (std::size_t l = 0; l < levels.size(); ++l) withheld[l].assign(levels[l]->rows.size(), 0);
    for (std::size_t c = 0; c < t.cells.size(); ++c) {
      const CountTable::Cell& cell = t.cells[c];
      if (!s.suppressed[c] || cell.column < 0) continue;
      levels[cell.level]->rows[cell.row][static_cast<std::size_t>(cell.column)] = std::monostate{};
      ++withheld[cell.level][cell.row];
      if (cell.level == finest && cell.name == total) release.withheld_units[cell.row] = true;
      if (cell.level == finest && cell.name.rfind(category, 0) == 0)
        release.withheld_categories.emplace(cell.row, cell.name.substr(category.size()));
      if (summary && cell.level + 1 == levels.size())
        summary->rows[cell.row][static_cast<std::size_t>(summary->field_index(cell.name))] = std::monostate{};
    }
    for (std::size_t l = 0; l < levels.size(); ++l) mark_rows(*levels[l], spec, withheld[l]);
    if (summary) mark_rows(*summary, spec, withheld.back());
  }
}

void protect_finest_counts(const Boundaries& boundaries, const std::vector<const PointLayer*>& layers,
                           const std::vector<const LayerJoin*>& joins, geo::LayerData& finest,
                           std::vector<LayerRelease>& releases, int min_count) {
  std::vector<geo::LayerData> coarser;
  for (std::size_t l = 0; l + 1 < boundaries.levels.size(); ++l)
    coarser.push_back(admin_layer(boundaries, l, count_by_unit(boundaries, l, layers, joins), false));
  std::vector<geo::LayerData*> levels;
  for (geo::LayerData& level : coarser) levels.push_back(&level);
  levels.push_back(&finest);
  protect_counts(boundaries, levels, nullptr, releases, min_count);
}

namespace {

// A field name against a pattern: exact, "prefix*" or "*suffix".
bool matches(const std::string& pattern, const std::string& name) {
  if (!pattern.empty() && pattern.back() == '*') return name.rfind(pattern.substr(0, pattern.size() - 1), 0) == 0;
  if (!pattern.empty() && pattern.front() == '*')
    return name.size() >= pattern.size() - 1 && name.compare(name.size() - (pattern.size() - 1), std::string::npos, pattern, 1) == 0;
  return pattern == name;
}
bool matches_any(const std::vector<std::string>& patterns, const std::string& name) {
  return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& p) { return matches(p, name); });
}

void withhold_fields(geo::LayerData& table, std::size_t row, const std::vector<std::string>& names) {
  for (const std::string& name : names)
    if (const int f = table.field_index(name); f >= 0) table.rows[row][static_cast<std::size_t>(f)] = std::monostate{};
}

}  // namespace

void withhold_record_uses(const std::vector<RecordUse>& uses, std::vector<LayerRelease>& releases, const AdminLevel& finest,
                          const std::vector<geo::LayerData*>& outputs, int min_count) {
  const std::string key = "ADM" + std::to_string(finest.spec.level) + "_PCODE";
  for (const RecordUse& use : uses) {
    const auto release = std::find_if(releases.begin(), releases.end(), [&](const LayerRelease& r) { return r.layer == use.layer; });
    if (release == releases.end() || release->precise) continue;
    if (release->withheld_units.empty() && use.small_below <= 0 && !use.every_row && use.splits.empty()) continue;
    bool counted = false;  // the summary table repeats the finest level's rows: count its sub-counts once
    struct EchoRow {
      const RecordUse::Echo* echo;
      std::string unit;
    };
    std::vector<EchoRow> echoed;
    for (geo::LayerData* table : outputs) {
      // The finest level's layer and the summary table both carry its name.
      if (table->name != (use.output.empty() ? finest.spec.name : use.output)) continue;
      std::vector<std::size_t> fields;
      for (std::size_t f = 0; f < table->fields.size(); ++f) {
        const std::string& name = table->fields[f].name;
        const bool kept = name.rfind("ADM", 0) == 0 || matches_any(use.keep, name);
        if (use.fields.empty() ? !kept : matches_any(use.fields, name)) fields.push_back(f);
      }
      const int unit_field = table->field_index(key), category_field = use.category.empty() ? -1 : table->field_index(use.category);
      const std::size_t rows = table->rows.size();
      std::vector<bool> withheld(rows, use.every_row || unit_field < 0);  // rows that cannot be placed: withhold
      std::vector<std::string> units(rows), groups(rows);
      for (std::size_t r = 0; r < rows; ++r) {
        const std::vector<geo::Value>& row = table->rows[r];
        if (unit_field >= 0) {
          units[r] = geo::to_text(row[static_cast<std::size_t>(unit_field)]);
          const std::int32_t unit = finest.index_of(units[r]);
          withheld[r] = withheld[r] || (unit >= 0 && !release->withheld_units.empty() &&
                                        release->withheld_units[static_cast<std::size_t>(unit)]);
          if (category_field >= 0) {
            groups[r] = value_slug(geo::to_text(row[static_cast<std::size_t>(category_field)]));
            withheld[r] = withheld[r] || (unit >= 0 && release->withheld_categories.count({static_cast<std::size_t>(unit), groups[r]}));
          }
        }
        for (std::size_t f : fields) {
          const auto* count = std::get_if<std::int64_t>(&row[f]);
          withheld[r] = withheld[r] || (count != nullptr && *count >= 1 && *count < use.small_below);
        }
      }
      if (!use.splits.empty() && unit_field >= 0 && release->counts) {  // a confidential layer's rows are all withheld
        const SubCountProtection p = protect_sub_counts(*table, use.splits, withheld, units, groups, min_count);
        if (!counted) {
          release->sub_counts_withheld += p.primary + p.complementary;
          release->sub_counts_complementary += p.complementary;
          release->sub_counts_unprotectable += p.unprotectable;
          counted = true;
        }
        for (const auto& [r, f] : p.withheld) {
          const std::string& name = table->fields[f].name;
          table->rows[r][f] = std::monostate{};
          for (const RecordUse::Echo& echo : use.echoes) {
            if (echo.field != name) continue;
            if (echo.output.empty()) withhold_fields(*table, r, echo.fields);
            else echoed.push_back({&echo, units[r]});
          }
        }
      }
      for (std::size_t r = 0; r < rows; ++r)
        if (withheld[r])
          for (std::size_t f : fields) table->rows[r][f] = std::monostate{};
    }
    for (const EchoRow& e : echoed)
      for (geo::LayerData* table : outputs) {
        if (table->name != e.echo->output) continue;
        const int unit_field = table->field_index(key);
        for (std::size_t r = 0; r < table->rows.size(); ++r)
          if (unit_field < 0 || geo::to_text(table->rows[r][static_cast<std::size_t>(unit_field)]) == e.unit)
            withhold_fields(*table, r, e.echo->fields);
      }
  }
}

nlohmann::json release_report(const std::vector<LayerRelease>& releases, int min_count) {
  nlohmann::json layers = nlohmann::json::object();
  for (const LayerRelease& r : releases) {
    nlohmann::json l = {{"sensitivity", to_string(r.sensitivity)},
                        {"points_exported", r.precise},
                        {"allow_precise", r.allowed_precise},
                        {"counts_exported", r.counts},
                        {"fields_withheld", r.withheld_fields}};
    if (r.counts && !r.precise) {
      l["suppressed_cells"] = {{"total", r.suppressed_cells},
                               {"complementary", r.complementary_cells},
                               {"derivable_despite_suppression", r.unprotectable_cells}};
      l["suppressed_sub_counts"] = {{"total", r.sub_counts_withheld},
                                    {"complementary", r.sub_counts_complementary},
                                    {"derivable_despite_suppression", r.sub_counts_unprotectable}};
    }
    layers[r.layer] = l;
  }
  return {{"min_count", min_count}, {"layers", layers}};
}

}  // namespace engine

#include "engine/names/layer_names.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>

#include "engine/error.hpp"
#include "geo/field.hpp"

namespace engine::names {
namespace {

bool equal_ignoring_case(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

int field_index(const PointLayer& layer, const std::string& name, const std::string& key) {
  for (std::size_t f = 0; f < layer.fields.size(); ++f)
    if (layer.fields[f].name == name) return static_cast<int>(f);
  int found = -1;
  for (std::size_t f = 0; f < layer.fields.size(); ++f)
    if (equal_ignoring_case(layer.fields[f].name, name)) found = static_cast<int>(f);
  if (found < 0)
    throw Error("no field '" + name + "' (" + key + ")", {.file = layer.source, .layer = layer.spec.name, .field = name},
                "check the field names with `localmap inspect`");
  return found;
}

std::string score_text(double score) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.3f", score);
  return buffer;
}

std::string unit_text(const AdminLevel& level, std::int32_t unit) {
  const AdminUnit& u = level.units[static_cast<std::size_t>(unit)];
  return u.code + " " + (u.name_en.empty() ? u.name_ar : u.name_en);
}

// "names: districts YE2507 Radfan (normalised 1.000)" and any notes of the matcher.
std::string describe(const NameMatch& m, const Boundaries& b) {
  std::string text = "names: ";
  if (m.status == MatchStatus::Matched || m.unit >= 0) {
    const AdminLevel& level = b.levels[static_cast<std::size_t>(m.level_index)];
    text += level.spec.name + " " + unit_text(level, m.unit) + " (" + to_string(m.level) + " " + score_text(m.score) + ")";
    if (m.status != MatchStatus::Matched) text += std::string("; finest level given ") + to_string(m.status);
  } else {
    text += to_string(m.status);
  }
  // Candidates of the finest level given, so a reader can fix the record.
  for (std::size_t l = m.levels.size(); l-- > 0;) {
    const LevelMatch& lm = m.levels[l];
    if (lm.status == MatchStatus::NotGiven || lm.status == MatchStatus::Matched || lm.candidates.empty()) continue;
    text += "; " + b.levels[l].spec.name + " candidates:";
    for (const Candidate& c : lm.candidates) text += " " + unit_text(b.levels[l], c.unit) + " (" + score_text(c.score) + ")";
    break;
  }
  for (const std::string& note : m.notes) text += "; " + note;
  return text;
}

// The unit of `level` that holds finest-level unit `unit`.
std::int32_t ancestor(const Boundaries& b, std::int32_t unit, std::size_t level) {
  for (std::size_t l = b.levels.size() - 1; l > level && unit >= 0; --l) unit = b.levels[l].units[static_cast<std::size_t>(unit)].parent;
  return unit;
}

bool no_location(const std::string& reason) { return reason.rfind("no coordinates", 0) == 0 || reason == "no geometry"; }

}  // namespace

void match_layer_names(const NameMatcher& matcher, const PointLayer& layer, LayerJoin& join, Progress& progress) {
  const PointLayerSpec& spec = layer.spec;
  const Boundaries& b = matcher.boundaries();
  const std::size_t finest = b.levels.size() - 1;
  std::vector<std::vector<int>> level_fields(b.levels.size());
  for (const auto& [level_name, fields] : spec.admin_names) {
    std::size_t l = 0;
    while (l < b.levels.size() && b.levels[l].spec.name != level_name) ++l;
    if (l == b.levels.size()) throw Error("no boundary level '" + level_name + "'", {.file = layer.source, .layer = spec.name});
    for (const std::string& f : fields)
      level_fields[l].push_back(field_index(layer, f, "layers." + spec.name + ".admin_names." + level_name));
  }
  std::vector<int> code_fields;
  for (const std::string& f : spec.admin_codes) code_fields.push_back(field_index(layer, f, "layers." + spec.name + ".admin_codes"));

  std::map<std::int32_t, geo::Point> surface_points;  // finest unit -> point on surface
  progress.begin("matching admin names of " + spec.name, layer.size());
  for (std::size_t r = 0; r < layer.size(); ++r) {
    if (r % 4096 == 0) progress.update(r);
    NameQuery query;
    query.names.resize(b.levels.size());
    bool given = false;
    for (std::size_t l = 0; l < level_fields.size(); ++l)
      for (int f : level_fields[l]) {
        std::string text = layer.text(r, static_cast<std::size_t>(f));
        given = given || !text.empty();
        query.names[l].push_back(std::move(text));
      }
    for (int f : code_fields) {
      std::string text = layer.text(r, static_cast<std::size_t>(f));
      given = given || !text.empty();
      query.codes.push_back(std::move(text));
    }
    if (!given) continue;
    const NameMatch m = matcher.match(query);
    const bool finest_unit = m.status == MatchStatus::Matched && m.level_index == static_cast<int>(finest) && m.unit >= 0;

    if (join.match[r] == Match::Rejected) {
      if (!no_location(layer.rejection[r])) continue;  // a bad coordinate is an error to fix, not to paper over
      join.name_notes[r] = describe(m, b);
      if (!finest_unit) continue;
      auto it = surface_points.find(m.unit);
      if (it == surface_points.end())
        it = surface_points.emplace(m.unit, b.levels[finest].units[static_cast<std::size_t>(m.unit)].shape.point_on_surface()).first;
      join.match[r] = Match::NameMatched;
      join.unit[r] = m.unit;
      join.placed_by_name[r] = it->second;
      --join.counts.rejected;
      ++join.counts.name_matched;
      continue;
    }
    if (join.match[r] != Match::Matched && join.match[r] != Match::Snapped) continue;
    if (m.unit < 0 || m.status == MatchStatus::Ambiguous) continue;
    const std::int32_t located = ancestor(b, join.unit[r], static_cast<std::size_t>(m.level_index));
    if (located == m.unit) continue;
    ++join.counts.name_conflicts;
    const AdminLevel& level = b.levels[static_cast<std::size_t>(m.level_index)];
    join.name_notes[r] = "conflict with the admin names: the point lies in " + level.spec.name + " " +
                         unit_text(level, located) + "; " + describe(m, b);
  }
  progress.end();
}

}  // namespace engine::names

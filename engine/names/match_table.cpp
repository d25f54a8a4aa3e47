#include "engine/names/match_table.hpp"

#include <cmath>
#include <map>

#include "engine/error.hpp"
#include "geo/vector_reader.hpp"

namespace engine::names {
namespace {

int field_of(const InputTable& input, const std::string& name, const std::string& role) {
  for (std::size_t i = 0; i < input.fields.size(); ++i)
    if (input.fields[i].name == name) return static_cast<int>(i);
  std::string names;
  for (const auto& f : input.fields) names += (names.empty() ? "" : ", ") + f.name;
  throw Error("no field '" + name + "' (" + role + ")", {.file = input.source, .layer = input.layer}, "fields in this table: " + names);
}

double rounded(double score) { return std::round(score * 1000.0) / 1000.0; }

std::string score_text(double score) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.3f", score);
  return buffer;
}

}  // namespace

InputTable read_input_table(const SourceSpec& source) {
  geo::ReadOptions options;
  options.layer = source.layer;
  options.sql = source.sql;
  options.encoding = source.encoding;
  geo::VectorReader reader(source.source, options);
  InputTable table;
  table.source = reader.source();
  table.layer = reader.layer_name();
  table.fields = reader.fields();
  reader.for_each([&](const geo::FeatureView& f) {
    std::vector<geo::Value> row;
    row.reserve(table.fields.size());
    for (std::size_t i = 0; i < table.fields.size(); ++i) row.push_back(f.value(static_cast<int>(i)));
    table.rows.push_back(std::move(row));
    table.records.push_back(f.record());
    return true;
  });
  return table;
}

std::vector<geo::FieldDef> match_columns(const Boundaries& boundaries) {
  using geo::FieldType;
  std::vector<geo::FieldDef> out = {{"match_status", FieldType::String},  {"match_level", FieldType::String},
                                    {"match_score", FieldType::Real},     {"match_admin", FieldType::String},
                                    {"match_pcode", FieldType::String},   {"match_name_en", FieldType::String},
                                    {"match_name_ar", FieldType::String}};
  for (const AdminLevel& level : boundaries.levels) {
    const std::string& n = level.spec.name;
    out.push_back({n + "_pcode", FieldType::String});
    out.push_back({n + "_name_en", FieldType::String});
    out.push_back({n + "_name_ar", FieldType::String});
    out.push_back({n + "_match", FieldType::String});
    out.push_back({n + "_score", FieldType::Real});
  }
  out.push_back({"match_candidates", FieldType::String});
  out.push_back({"match_note", FieldType::String});
  return out;
}

MatchedRows match_rows(const InputTable& input, const NameFields& fields, const NameMatcher& matcher, bool points,
                       Progress& progress) {
  const Boundaries& boundaries = matcher.boundaries();
  if (fields.levels.size() > boundaries.levels.size())
    throw Error("name fields are given for " + std::to_string(fields.levels.size()) + " levels but the boundaries have " +
                std::to_string(boundaries.levels.size()));
  std::vector<std::vector<int>> level_fields(fields.levels.size());
  for (std::size_t l = 0; l < fields.levels.size(); ++l)
    for (const std::string& f : fields.levels[l])
      level_fields[l].push_back(field_of(input, f, "names of " + boundaries.levels[l].spec.name));
  std::vector<int> code_fields;
  for (const std::string& f : fields.codes) code_fields.push_back(field_of(input, f, "P-codes"));

  MatchedRows out;
  geo::LayerData& layer = out.layer;
  layer.geometry = points ? geo::GeometryKind::Point : geo::GeometryKind::None;
  layer.fields = input.fields;
  for (const geo::FieldDef& c : match_columns(boundaries)) {
    for (const geo::FieldDef& f : input.fields)
      if (f.name == c.name)
        throw Error("the input already has a field '" + c.name + "', which the result would overwrite",
                    {.file = input.source, .layer = input.layer, .field = c.name}, "rename that field in the input");
    layer.fields.push_back(c);
  }
  std::map<std::pair<int, std::int32_t>, geo::Point> surface_points;
  auto point_of = [&](int level, std::int32_t unit) {
    const auto key = std::make_pair(level, unit);
    auto it = surface_points.find(key);
    if (it == surface_points.end())
      it = surface_points.emplace(key, boundaries.levels[static_cast<std::size_t>(level)].units[static_cast<std::size_t>(unit)].shape.point_on_surface()).first;
    return it->second;
  };

  progress.begin("matching names", input.rows.size());
  for (std::size_t r = 0; r < input.rows.size(); ++r) {
    const auto& row = input.rows[r];
    NameQuery query;
    query.names.resize(level_fields.size());
    for (std::size_t l = 0; l < level_fields.size(); ++l)
      for (int f : level_fields[l]) query.names[l].push_back(geo::to_text(row[static_cast<std::size_t>(f)]));
    for (int f : code_fields) query.codes.push_back(geo::to_text(row[static_cast<std::size_t>(f)]));
    const NameMatch m = matcher.match(query);

    std::vector<geo::Value> values = row;
    ++out.counts.rows;
    switch (m.status) {
      case MatchStatus::Matched: ++out.counts.matched; ++out.counts.by_level[static_cast<std::size_t>(m.level)]; break;
      case MatchStatus::Ambiguous: ++out.counts.ambiguous; break;
      case MatchStatus::Unmatched: ++out.counts.unmatched; break;
      case MatchStatus::NotGiven: ++out.counts.not_given; break;
    }
    values.emplace_back(std::string(to_string(m.status)));
    const AdminUnit* unit = m.unit >= 0 ? &boundaries.levels[static_cast<std::size_t>(m.level_index)].units[static_cast<std::size_t>(m.unit)] : nullptr;
    values.emplace_back(std::string(to_string(m.level)));
    values.push_back(unit ? geo::Value(rounded(m.score)) : geo::Value());
    values.emplace_back(unit ? boundaries.levels[static_cast<std::size_t>(m.level_index)].spec.name : std::string());
    values.emplace_back(unit ? unit->code : std::string());
    values.emplace_back(unit ? unit->name_en : std::string());
    values.emplace_back(unit ? unit->name_ar : std::string());
    int finest_given = -1;
    for (std::size_t l = 0; l < boundaries.levels.size(); ++l) {
      const LevelMatch& lm = m.levels[l];
      if (lm.status != MatchStatus::NotGiven && !lm.implied) finest_given = static_cast<int>(l);
      const AdminUnit* u = lm.unit >= 0 ? &boundaries.levels[l].units[static_cast<std::size_t>(lm.unit)] : nullptr;
      values.emplace_back(u ? u->code : std::string());
      values.emplace_back(u ? u->name_en : std::string());
      values.emplace_back(u ? u->name_ar : std::string());
      values.emplace_back(std::string(lm.implied ? "implied" : lm.status == MatchStatus::Matched ? to_string(lm.level) : to_string(lm.status)));
      values.push_back(lm.status == MatchStatus::NotGiven ? geo::Value() : geo::Value(rounded(lm.score)));
    }
    std::string candidates;
    if (finest_given >= 0) {
      const auto& level = boundaries.levels[static_cast<std::size_t>(finest_given)];
      for (const Candidate& c : m.levels[static_cast<std::size_t>(finest_given)].candidates) {
        const AdminUnit& u = level.units[static_cast<std::size_t>(c.unit)];
        candidates += (candidates.empty() ? "" : " | ") + u.code + " " + c.spelling + " (" + score_text(c.score) + " " + to_string(c.level) + ")";
      }
    }
    values.emplace_back(candidates);
    std::string notes;
    for (const std::string& n : m.notes) notes += (notes.empty() ? "" : "; ") + n;
    values.emplace_back(notes);
    layer.rows.push_back(std::move(values));
    // Only matched rows get a place: an unmatched district inside a known
    // governorate must not look located at the governorate's point.
    const bool place = unit && m.status == MatchStatus::Matched;
    if (points) layer.points.push_back(place ? point_of(m.level_index, m.unit) : geo::Point{std::nan(""), std::nan("")});
    progress.update(r + 1);
  }
  progress.end();
  return out;
}

}  // namespace engine::names

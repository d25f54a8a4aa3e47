#include "engine/names/name_tables.hpp"

#include "engine/error.hpp"
#include "geo/vector_reader.hpp"

namespace engine::names {
namespace {

geo::ReadOptions table_read_options(const SourceSpec& s) {
  geo::ReadOptions o = read_options(s);
  o.text_fields = true;  // codes such as 1101 must stay text, not become numbers
  return o;
}

int require_field(const geo::VectorReader& reader, const std::string& field, const std::string& role) {
  const int index = reader.field_index(field);
  if (index >= 0) return index;
  std::string names;
  for (const auto& f : reader.fields()) names += (names.empty() ? "" : ", ") + f.name;
  throw Error("no field '" + field + "' (the " + role + ")", {.file = reader.source(), .layer = reader.layer_name()},
              "fields in this table: " + names);
}

std::string trimmed(std::string s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

void load_aliases(const AliasTableSpec& spec, NameTables& tables) {
  geo::VectorReader reader(spec.source.source, table_read_options(spec.source));
  tables.aliases_source = reader.source();
  const int code = require_field(reader, spec.code_field, "alias table's P-code field");
  std::vector<int> names;
  for (const std::string& f : spec.name_fields) names.push_back(require_field(reader, f, "alias table's name field"));
  reader.for_each([&](const geo::FeatureView& row) {
    const std::string c = trimmed(row.text(code));
    if (c.empty())
      throw Error("empty P-code in the alias table",
                  {.file = reader.source(), .layer = reader.layer_name(), .record = row.record(), .field = spec.code_field},
                  "every alias row needs the P-code of the unit it names");
    for (int n : names) {
      const std::string name = trimmed(row.text(n));
      if (!name.empty()) tables.aliases.push_back({c, name, row.record()});
    }
    return true;
  });
}

void load_crosswalk(const CrosswalkSpec& spec, NameTables& tables) {
  geo::VectorReader reader(spec.source.source, table_read_options(spec.source));
  tables.crosswalk_source = reader.source();
  const int old_code = require_field(reader, spec.old_field, "crosswalk's old P-code field");
  const int new_code = require_field(reader, spec.new_field, "crosswalk's current P-code field");
  reader.for_each([&](const geo::FeatureView& row) {
    const std::string from = trimmed(row.text(old_code)), to = trimmed(row.text(new_code));
    if (from.empty()) return true;  // a unit that had no old code
    const geo::Where here{.file = reader.source(), .layer = reader.layer_name(), .record = row.record(), .field = spec.new_field};
    if (to.empty()) throw Error("old P-code '" + from + "' has no current code", here, "fill the current code or remove the row");
    const auto [it, inserted] = tables.crosswalk.emplace(from, to);
    if (!inserted && it->second != to)
      throw Error("old P-code '" + from + "' maps to both '" + it->second + "' and '" + to + "'", here,
                  "a crosswalk must give one current code per old code");
    return true;
  });
}

}  // namespace

NameTables load_name_tables(const NameMatchOptions& options) {
  NameTables tables;
  if (!options.aliases.source.source.empty()) load_aliases(options.aliases, tables);
  if (!options.crosswalk.source.source.empty()) load_crosswalk(options.crosswalk, tables);
  return tables;
}

}  // namespace engine::names

#include "engine/coordination/network_loader.hpp"

#include "engine/error.hpp"
#include "geo/coordinate_columns.hpp"
#include "geo/vector_reader.hpp"

namespace engine::coordination {

int TextTable::column(const std::string& name) const {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i] == name) return static_cast<int>(i);
  auto lower = [](std::string s) {
    for (char& c : s) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    return s;
  };
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (lower(columns[i]) == lower(name)) return static_cast<int>(i);
  return -1;
}

TextTable read_text_table(const SourceSpec& spec, const std::string& what) {
  geo::ReadOptions options;
  options.layer = spec.layer;
  options.sql = spec.sql;
  options.encoding = spec.encoding;
  options.crs = spec.crs;
  geo::VectorReader reader(spec.source, options);
  TextTable table;
  table.source = reader.source() + (reader.layer_name().empty() ? "" : " (" + reader.layer_name() + ")");
  for (const auto& f : reader.fields()) table.columns.push_back(f.name);
  table.warnings = reader.warnings();
  bool first = true, tagged = false;
  reader.for_each([&](const geo::FeatureView& f) {
    std::vector<std::string> cells(table.columns.size());
    for (std::size_t i = 0; i < cells.size(); ++i) cells[i] = f.text(static_cast<int>(i));
    // An HXL hashtag row under the header describes the columns; it is not data.
    if (first && geo::is_hxl_tag_row(cells)) {
      first = false;
      tagged = true;
      return true;
    }
    first = false;
    table.records.push_back(f.record() - (tagged ? 1 : 0));
    table.rows.push_back(std::move(cells));
    return true;
  });
  if (table.rows.empty())
    throw Error("the " + what + " table is empty", {.file = reader.source(), .layer = reader.layer_name()},
                "it needs at least one row");
  return table;
}

}  // namespace engine::coordination

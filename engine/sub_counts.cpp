#include "engine/sub_counts.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "engine/cell_suppression.hpp"

namespace engine {
namespace {

std::optional<std::int64_t> count_in(const geo::Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
  return std::nullopt;
}

// A column of the splits: a field of the table, or a split's remainder.
struct Column {
  int field = -1;  // -1: a remainder
  CellState published = CellState::Open;
};

}  // namespace

SubCountProtection protect_sub_counts(const geo::LayerData& table, const std::vector<RecordUse::Split>& splits,
                                      const std::vector<bool>& row_withheld, const std::vector<std::string>& units,
                                      const std::vector<std::string>& groups, std::int64_t min_count) {
  SubCountProtection out;
  // Columns: every field named by a split (a whole that is no one's part is
  // published by the count tables: fixed), and one remainder per incomplete split.
  std::vector<Column> columns;
  std::map<std::string, std::size_t> column_of;
  auto column = [&](const std::string& name, CellState published) -> std::optional<std::size_t> {
    const int field = table.field_index(name);
    if (field < 0) return std::nullopt;
    auto [it, added] = column_of.emplace(name, columns.size());
    if (added) columns.push_back({field, published});
    else if (published == CellState::Open) columns[it->second].published = CellState::Open;
    return it->second;
  };
  struct SplitColumns {
    std::size_t whole;
    std::vector<std::size_t> parts;
  };
  std::vector<SplitColumns> split_columns;
  for (std::size_t s = 0; s < splits.size(); ++s) {
    const auto whole = column(splits[s].whole, CellState::Fixed);
    if (!whole) continue;
    SplitColumns sc{*whole, {}};
    for (const std::string& part : splits[s].parts)
      if (const auto c = column(part, CellState::Open)) sc.parts.push_back(*c);
    if (sc.parts.empty()) continue;
    if (!splits[s].complete) {
      sc.parts.push_back(columns.size());
      columns.push_back({-1, CellState::Unprinted});
    }
    split_columns.push_back(std::move(sc));
  }
  if (split_columns.empty()) return out;

  // Cells: one per row and column, then the sums.
  const std::size_t rows = table.rows.size();
  std::vector<std::int64_t> values;
  std::vector<CellState> states;
  std::vector<CellRelation> relations;
  std::vector<std::vector<std::size_t>> cell(rows, std::vector<std::size_t>(columns.size(), 0));
  std::vector<bool> counted(rows, true);  // rows whose split cells all hold counts
  for (std::size_t r = 0; r < rows; ++r)
    for (const Column& c : columns)
      if (c.field >= 0 && !count_in(table.rows[r][static_cast<std::size_t>(c.field)])) counted[r] = false;
  for (std::size_t r = 0; r < rows; ++r) {
    if (!counted[r]) continue;
    auto value = [&](std::size_t c) { return *count_in(table.rows[r][static_cast<std::size_t>(columns[c].field)]); };
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (columns[c].field < 0) continue;
      cell[r][c] = values.size();
      values.push_back(value(c));
      states.push_back(row_withheld[r] ? CellState::Withheld : columns[c].published);
    }
    for (const SplitColumns& sc : split_columns) {
      std::int64_t rest = value(sc.whole);
      for (std::size_t p : sc.parts)
        if (columns[p].field >= 0) rest -= value(p);
      if (columns[sc.parts.back()].field < 0) {
        cell[r][sc.parts.back()] = values.size();
        values.push_back(rest);
        states.push_back(row_withheld[r] ? CellState::Withheld : CellState::Unprinted);
      }
      CellRelation rel{cell[r][sc.whole], {}};
      for (std::size_t p : sc.parts) rel.parts.push_back(cell[r][p]);
      relations.push_back(std::move(rel));
    }
  }
  // Sums of each column nationally (per category) and per unit across
  // categories: taken as known, except a unit's when all its rows are withheld.
  auto add_sums = [&](const std::vector<std::string>& key, bool per_unit) {
    std::map<std::string, std::vector<std::size_t>> rows_of;
    for (std::size_t r = 0; r < rows; ++r)
      if (counted[r]) rows_of[key[r]].push_back(r);
    for (const auto& [k, members] : rows_of) {
      if (members.size() < 2) continue;
      const bool withheld = per_unit && std::all_of(members.begin(), members.end(), [&](std::size_t r) { return row_withheld[r]; });
      for (std::size_t c = 0; c < columns.size(); ++c) {
        CellRelation rel{values.size(), {}};
        std::int64_t sum = 0;
        for (std::size_t r : members) rel.parts.push_back(cell[r][c]), sum += values[cell[r][c]];
        values.push_back(sum);
        states.push_back(withheld ? CellState::Withheld : CellState::Fixed);
        relations.push_back(std::move(rel));
      }
    }
  };
  add_sums(groups, false);
  if (std::any_of(groups.begin(), groups.end(), [](const std::string& g) { return !g.empty(); })) add_sums(units, true);

  const CellSuppression s = suppress_small_cells(values, relations, min_count, states);
  out.primary = s.primary;
  out.complementary = s.complementary;
  out.unprotectable = s.unprotectable.size();
  for (std::size_t r = 0; r < rows; ++r) {
    if (!counted[r] || row_withheld[r]) continue;
    for (std::size_t c = 0; c < columns.size(); ++c)
      if (columns[c].field >= 0 && states[cell[r][c]] == CellState::Open && s.suppressed[cell[r][c]])
        out.withheld.emplace_back(r, static_cast<std::size_t>(columns[c].field));
  }
  return out;
}

}  // namespace engine

#include "engine/counts.hpp"

#include <cctype>
#include <map>

namespace engine {

std::string value_slug(const std::string& value) {
  std::string slug;
  for (unsigned char c : value) {
    if (c >= 0x80 || std::isalnum(c)) slug += static_cast<char>(c >= 0x80 ? c : std::tolower(c));
    else if (!slug.empty() && slug.back() != '_') slug += '_';
  }
  while (!slug.empty() && slug.back() == '_') slug.pop_back();
  return slug.empty() ? "unknown" : slug;
}

UnitCounts count_by_unit(const Boundaries& boundaries, std::size_t level, const std::vector<const PointLayer*>& layers,
                         const std::vector<const LayerJoin*>& joins) {
  UnitCounts out;
  const std::size_t units = boundaries.levels[level].units.size();
  // Finest unit -> unit of this level, computed once.
  const auto& finest = boundaries.finest().units;
  std::vector<std::int32_t> target(finest.size());
  for (std::size_t u = 0; u < finest.size(); ++u) target[u] = boundaries.ancestor(level, static_cast<std::int32_t>(u));

  std::vector<std::vector<std::int64_t>> columns;  // [column][unit]
  for (std::size_t l = 0; l < layers.size(); ++l) {
    const PointLayer& layer = *layers[l];
    const LayerJoin& join = *joins[l];
    out.columns.push_back("n_" + layer.spec.name);
    columns.emplace_back(units, 0);
    const std::size_t total_column = columns.size() - 1;
    for (std::size_t r = 0; r < layer.size(); ++r)
      if (join.unit[r] >= 0 && target[static_cast<std::size_t>(join.unit[r])] >= 0)
        ++columns[total_column][static_cast<std::size_t>(target[static_cast<std::size_t>(join.unit[r])])];
    for (const std::string& role : layer.spec.count_by) {
      if (layer.role_field(role) < 0) continue;
      std::map<std::string, std::vector<std::int64_t>> by_value;
      for (std::size_t r = 0; r < layer.size(); ++r) {
        if (join.unit[r] < 0) continue;
        const std::int32_t u = target[static_cast<std::size_t>(join.unit[r])];
        if (u < 0) continue;
        auto& counts = by_value[value_slug(layer.role_text(role, r))];
        if (counts.empty()) counts.assign(units, 0);
        ++counts[static_cast<std::size_t>(u)];
      }
      for (auto& [value, counts] : by_value) {
        out.columns.push_back("n_" + layer.spec.name + "_" + role + "_" + value);
        columns.push_back(std::move(counts));
      }
    }
  }
  out.values.assign(units, std::vector<std::int64_t>(columns.size(), 0));
  for (std::size_t c = 0; c < columns.size(); ++c)
    for (std::size_t u = 0; u < units; ++u) out.values[u][c] = columns[c][u];
  return out;
}

}  // namespace engine
